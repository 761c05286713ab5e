package hooks_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

func caseURL(lastName, rest string) func(testing.TB, core.App) string {
	return func(t testing.TB, app core.App) string {
		return "/api/mp/cases/" + caseOf(t, app, lastName).Id + rest
	}
}

func TestWorkspaceCaseOverview(t *testing.T) {
	for _, c := range []wsScenario{
		{name: "the case with labels, participant, staff and submission", who: testapp.LiftCounsellor,
			url: caseURL("Kovalenko", "/overview?lang=de"), status: 200,
			want: []string{`"state":"foerderplan"`, `"state_label":"Förderplan"`, `"kind":"active"`,
				`"offer_title":"Anmeldung Integrationsbegleitung"`, `"last_name":"Kovalenko"`,
				`"key":"work_permit","label":"Arbeitserlaubnis","type":"choice","value":"yes","text":"liegt vor (geprüft)"`,
				`"key":"abgebrochen","label":"Abgebrochen","kind":"terminal"`, `"name":"Aylin Kaya (Demo)"`, `"channel":"online"`,
				`"meeting_date":{"label":"Datum des Erstgesprächs","type":"date"}`, `"yes":"liegt vor"`},
			not: []string{"Thomas Krüger", "Darwish"}},
		{name: "a tenant admin too", who: testapp.LiftAdmin, url: caseURL("Haidari", "/overview"), status: 200,
			want: []string{`"last_name":"Haidari"`}},
		{name: "another Träger's counsellor finds nothing", who: testapp.BwtwCounsellor,
			url: caseURL("Kovalenko", "/overview"), status: 404, want: []string{`"status":404`}, not: []string{"Kovalenko"}},
		{name: "a participant may not, even their own", who: testapp.LiftParticipant,
			url: caseURL("Al-Hassan", "/overview"), status: 403, want: []string{`"status":403`}},
		{name: "anonymous", url: caseURL("Kovalenko", "/overview"), status: 401, want: []string{`"status":401`}},
	} {
		c.test(t)
	}
}

func TestWorkspaceAssign(t *testing.T) {
	// assigned checks Haidari's assignee (an email; "" is nobody) and that an
	// assignment event exists exactly when someone was assigned.
	assigned := func(want string) func(testing.TB, *tests.TestApp, *http.Response) {
		return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			c := caseOf(t, app, "Haidari")
			if want != "" {
				want = userID(t, app, want)
			}
			if got := c.GetString("assignee"); got != want {
				t.Fatalf("assignee %q, want %q", got, want)
			}
			n, _ := app.CountRecords("case_events", dbxHash("case", c.Id), dbxHash("type", "assigned"))
			if (n == 1) != (want != "") {
				t.Fatalf("%d assignment events", n)
			}
		}
	}
	// to names the new assignee by email (or a raw id), extra adds to the body.
	to := func(who, extra string) func(testing.TB, core.App) string {
		return func(t testing.TB, app core.App) string {
			id := who
			if u, err := app.FindAuthRecordByEmail("users", who); err == nil {
				id = u.Id
			}
			return `{"assignee":"` + id + `"` + extra + `}`
		}
	}
	url := caseURL("Haidari", "/assign")
	for _, c := range []wsScenario{
		{name: "a colleague takes the case; the timeline says who gave it", who: testapp.LiftCounsellor,
			bodyOf: to(testapp.LiftCounsellor2, ""), status: 200, want: []string{`"assignee":"`},
			// the case, its event, the audit entry of the case's change
			events: writes(1, 1), after: assigned(testapp.LiftCounsellor2)},
		{name: "a stale read is refused", who: testapp.LiftCounsellor,
			bodyOf: to(testapp.LiftCounsellor2, `,"expected_updated":"2020-01-01 00:00:00.000Z"`),
			status: 409, want: []string{`"code":"case_changed"`}, after: assigned("")},
		{name: "never to another Träger's counsellor", who: testapp.LiftCounsellor, bodyOf: to(testapp.BwtwCounsellor, ""),
			status: 400, want: []string{`"assignee":{"code":"assignee_invalid"`}, after: assigned("")},
		{name: "never to a disabled colleague", who: testapp.LiftCounsellor, bodyOf: to(testapp.LiftCounsellor2, ""),
			before: disable(testapp.LiftCounsellor2),
			status: 400, want: []string{`"assignee":{"code":"assignee_invalid"`}, after: assigned("")},
		{name: "never to a network admin", who: testapp.LiftAdmin, bodyOf: to(testapp.NetworkAdmin, ""),
			status: 400, want: []string{`"assignee":{"code":"assignee_invalid"`}, after: assigned("")},
		{name: "never to an unknown id", who: testapp.LiftCounsellor, bodyOf: to("nosuchuser12345", ""),
			status: 400, want: []string{`"code":"assignee_invalid"`}, after: assigned("")},
		{name: "another Träger's counsellor finds nothing", who: testapp.BwtwCounsellor, bodyOf: to(testapp.BwtwCounsellor, ""),
			status: 404, want: []string{`"status":404`}, after: assigned("")},
		{name: "a participant may not", who: testapp.LiftParticipant, bodyOf: to(testapp.LiftCounsellor, ""),
			status: 403, want: []string{`"status":403`}, after: assigned("")},
	} {
		c.method, c.url = http.MethodPost, url
		c.test(t)
	}
}

// disable switches a seeded staff account off before the request.
func disable(email string) func(testing.TB, *tests.TestApp, *core.ServeEvent) {
	return func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
		u, err := app.FindAuthRecordByEmail("users", email)
		if err != nil {
			t.Fatal(err)
		}
		u.Set("disabled", true)
		if err := app.Save(u); err != nil {
			t.Fatal(err)
		}
	}
}

// A case's assignee changes only through POST /api/mp/cases/{id}/assign: the
// record API refuses every field of a case to staff (hooks/update_allowlist.go)
// and stores nothing — no new assignee, no "updated", no event, no audit entry.
func TestCaseUpdateOnlyThroughRoutes(t *testing.T) {
	var before *core.Record
	var events, audits int64
	remember := func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
		before = caseOf(t, app, "Haidari")
		events, _ = app.CountRecords("case_events", dbxHash("case", before.Id))
		audits, _ = app.CountRecords("audit_log")
	}
	unchanged := func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		after := caseOf(t, app, "Haidari")
		for _, f := range []string{"assignee", "state", "updated"} {
			if after.GetString(f) != before.GetString(f) {
				t.Fatalf("%s changed: %q → %q", f, before.GetString(f), after.GetString(f))
			}
		}
		if n, _ := app.CountRecords("case_events", dbxHash("case", before.Id)); n != events {
			t.Fatalf("%d case events, was %d", n, events)
		}
		if n, _ := app.CountRecords("audit_log"); n != audits {
			t.Fatalf("%d audit entries, was %d", n, audits)
		}
	}
	patch := func(body func(testing.TB, core.App) string) wsScenario {
		return wsScenario{method: http.MethodPatch, bodyOf: body, before: remember, after: unchanged,
			url: func(t testing.TB, app core.App) string {
				return "/api/collections/cases/records/" + caseOf(t, app, "Haidari").Id
			}}
	}
	assignTo := func(email string) func(testing.TB, core.App) string {
		return func(t testing.TB, app core.App) string { return `{"assignee":"` + userID(t, app, email) + `"}` }
	}
	literal := func(body string) func(testing.TB, core.App) string {
		return func(testing.TB, core.App) string { return body }
	}
	refused := map[string]int{"OnRecordUpdateRequest": 1}
	for _, c := range []struct {
		name, who string
		body      func(testing.TB, core.App) string
		status    int
		want      []string
		events    map[string]int
	}{
		{"a counsellor's PATCH of the assignee: a field error", testapp.LiftCounsellor, assignTo(testapp.LiftCounsellor2),
			400, []string{`"assignee":{"code":"validation_field_not_editable"`}, refused},
		{"a tenant admin's too", testapp.LiftAdmin, assignTo(testapp.LiftCounsellor),
			400, []string{`"assignee":{"code":"validation_field_not_editable"`}, refused},
		{"unassigning through the record API", testapp.LiftCounsellor, literal(`{"assignee":""}`),
			400, []string{`"assignee":{"code":"validation_field_not_editable"`}, refused},
		{"a disabled colleague, never", testapp.LiftCounsellor, assignTo(testapp.LiftCounsellor2),
			400, []string{`"assignee":{"code":"validation_field_not_editable"`}, refused},
		{"the state, never", testapp.LiftCounsellor, literal(`{"state":"abgeschlossen","outcome":"work"}`),
			400, []string{`"state":{"code":"validation_field_not_editable"`, `"outcome":{"code":"validation_field_not_editable"`}, refused},
		{"an empty update saves nothing either", testapp.LiftCounsellor, literal(`{}`),
			400, []string{`"status":400`}, refused},
		{"another Träger's counsellor finds nothing", testapp.BwtwCounsellor, assignTo(testapp.BwtwCounsellor),
			404, []string{`"status":404`}, nil},
		{"a participant finds nothing", testapp.LiftParticipant, assignTo(testapp.LiftCounsellor),
			404, []string{`"status":404`}, nil},
	} {
		s := patch(c.body)
		s.name, s.who, s.status, s.want, s.events = c.name, c.who, c.status, c.want, c.events
		if c.name == "a disabled colleague, never" {
			inner := s.before
			s.before = func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
				disable(testapp.LiftCounsellor2)(t, app, e)
				inner(t, app, e)
			}
		}
		s.test(t)
	}
}

func TestWorkspaceEvaluateStep(t *testing.T) {
	past := time.Now().AddDate(0, 0, -3).Format(time.DateOnly)
	for _, c := range []wsScenario{
		{name: "a hidden step field", who: testapp.LiftCounsellor, method: http.MethodPost,
			url:  caseURL("Tesfaye", "/transitions/arbeitserlaubnis_erfassen/evaluate"),
			body: `{"answers":{"work_permit":"no"},"language":"de"}`, status: 200,
			want: []string{`"hidden":["work_permit_until"]`}},
		{name: "shown when its rule holds", who: testapp.LiftCounsellor, method: http.MethodPost,
			url:  caseURL("Tesfaye", "/transitions/arbeitserlaubnis_erfassen/evaluate"),
			body: `{"answers":{"work_permit":"yes"},"language":"de"}`, status: 200,
			want: []string{`"hidden":[]`}},
		{name: "an admin's validation with its message", who: testapp.LiftCounsellor, method: http.MethodPost,
			url:  caseURL("Haidari", "/transitions/termin_vereinbaren/evaluate"),
			body: `{"answers":{"meeting_date":"` + past + `"},"language":"de"}`, status: 200,
			want: []string{`"meeting_date":{"code":"meeting_in_past","message":"Der Termin darf nicht in der Vergangenheit liegen."}`}},
		{name: "a transition without a step form", who: testapp.LiftCounsellor, method: http.MethodPost,
			url: caseURL("Haidari", "/transitions/erstgespraech_gefuehrt/evaluate"), body: `{"answers":{}}`,
			status: 404, want: []string{`"status":404`}},
		{name: "another Träger's counsellor finds nothing", who: testapp.BwtwCounsellor, method: http.MethodPost,
			url: caseURL("Haidari", "/transitions/termin_vereinbaren/evaluate"), body: `{"answers":{}}`,
			status: 404, want: []string{`"status":404`}},
		{name: "anonymous", method: http.MethodPost, url: caseURL("Haidari", "/transitions/termin_vereinbaren/evaluate"),
			body: `{}`, status: 401, want: []string{`"status":401`}},
	} {
		c.test(t)
	}
}

// A case's answers are shown with the labels of the form version the person
// registered with, also after a newer version with other labels was
// published (and read), and whichever version was read first; a case
// registered after it gets the new labels.
func TestCaseFormKeepsItsVersionsLabels(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	counsellor, admin := testapp.Token(t, app, testapp.LiftCounsellor), testapp.Token(t, app, testapp.LiftAdmin)
	form := func(caseID string) string {
		t.Helper()
		res := c.Do("GET", "/api/mp/cases/"+caseID+"/form?lang=de", counsellor, nil)
		if res.Status != 200 {
			t.Fatalf("form of %s: %d %s", caseID, res.Status, res.Body)
		}
		return string(res.Body)
	}
	oldLabels := []string{`"version":1`, `"label":"Vorname"`, `"label":"weiblich"`, `"first_name":"Mariam"`}
	newLabels := []string{`"version":2`, `"label":"Vorname(n)"`, `"label":"weiblich (w)"`}
	has := func(what, body string, want, not []string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %s", what, w)
			}
		}
		for _, n := range not {
			if strings.Contains(body, n) {
				t.Errorf("%s has %s", what, n)
			}
		}
	}
	old := caseOf(t, app, "Haidari")
	if old.GetString("form_version") == "" {
		t.Fatal("the demo case has no form version")
	}
	has("the old case's form before", form(old.Id), oldLabels, newLabels)

	relabelled := intakeDefinition(t, func(d map[string]any) {
		firstField(d)["label"].(map[string]any)["de"] = "Vorname(n)"
		for _, f := range d["sections"].([]any)[0].(map[string]any)["fields"].([]any) {
			if f := f.(map[string]any); f["key"] == "gender" {
				f["options"].([]any)[0].(map[string]any)["label"].(map[string]any)["de"] = "weiblich (w)"
			}
		}
	})
	if res := c.Do("POST", "/api/mp/offers/"+liftOffer(t, app).Id+"/form/publish", admin,
		map[string]any{"definition": relabelled}); res.Status != 201 {
		t.Fatalf("publish: %d %s", res.Status, res.Body)
	}
	young := registered(t, app, c, "lift", "after-relabel")
	has("the new case's form", form(young.Id), newLabels, oldLabels[:3])
	has("the old case's form after", form(old.Id), oldLabels, newLabels)

	// The same in a fresh process (cold caches), the new version read first.
	app2 := testapp.New(t)
	c2 := testapp.Serve(t, app2)
	if res := c2.Do("POST", "/api/mp/offers/"+liftOffer(t, app2).Id+"/form/publish", testapp.Token(t, app2, testapp.LiftAdmin),
		map[string]any{"definition": relabelled}); res.Status != 201 {
		t.Fatalf("publish: %d %s", res.Status, res.Body)
	}
	young2 := registered(t, app2, c2, "lift", "after-relabel")
	tok2 := testapp.Token(t, app2, testapp.LiftCounsellor)
	if res := c2.Do("GET", "/api/mp/cases/"+young2.Id+"/form?lang=de", tok2, nil); res.Status != 200 {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
	res := c2.Do("GET", "/api/mp/cases/"+caseOf(t, app2, "Haidari").Id+"/form?lang=de", tok2, nil)
	has("the old case's form, read second", string(res.Body), oldLabels, newLabels)
}
