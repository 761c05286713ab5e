package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

func offerURL(rest string) func(testing.TB, core.App) string {
	return func(t testing.TB, app core.App) string {
		return "/api/mp/offers/" + liftOffer(t, app).Id + "/registrations" + rest
	}
}

// inPersonStored checks the one registration a counsellor recorded: channel
// in person, consent recorded by the counsellor, the counsellor as actor.
func inPersonStored(t testing.TB, app *tests.TestApp, _ *http.Response) {
	sub, err := app.FindFirstRecordByData("submissions", "channel", "in_person")
	if err != nil {
		t.Fatal("no in-person submission")
	}
	counsellor := userID(t, app, testapp.LiftCounsellor)
	var consent []map[string]any
	_ = sub.UnmarshalJSONField("consent", &consent)
	if len(consent) == 0 || consent[0]["channel"] != "in_person" || consent[0]["recorded_by"] != counsellor || consent[0]["given"] != true {
		t.Fatalf("consent record: %v", consent)
	}
	if sub.GetString("tenant") != testapp.Tenant(t, app, "lift").Id {
		t.Fatal("stored for another Träger")
	}
	p, _ := app.FindRecordById("participants", sub.GetString("participant"))
	ev, err := app.FindFirstRecordByData("case_events", "case", sub.GetString("case"))
	if p == nil || p.GetString("channel") != "in_person" || err != nil || ev.GetString("actor") != counsellor ||
		ev.GetString("actor_kind") != "staff" {
		t.Fatalf("participant %v, first event %v", p, ev)
	}
}

func TestWorkspaceInPersonRegistration(t *testing.T) {
	valid := jsonBody(submitBody(with("last_name", "Nouri"), "de", nil))
	before, nothing := storesNothing()
	for _, c := range []wsScenario{
		{name: "a counsellor registers someone in person", who: testapp.LiftCounsellor, body: valid, status: 201,
			want: []string{`"reference":"LIFT-`, `"case":"`}, not: []string{`"claim"`},
			// participant, case, first event, submission, 3 consents; the start state's task and
			// SLA timer; audit entries of participant, case, submission and consents
			events: directlyInserted(9), after: inPersonStored},
		{name: "the same key again creates nothing", who: testapp.LiftCounsellor, body: valid, status: 201,
			want: []string{`"replayed":true`},
			before: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
				req := wsRequest(t, app, "/api/mp/offers/"+liftOffer(t, app).Id+"/registrations", valid, "in-person-key-1")
				if rec := serveOnce(t, e, req); rec.Code != 201 {
					t.Fatalf("first: %d %s", rec.Code, rec.Body)
				}
			}},
		{name: "the same key with other answers", who: testapp.LiftCounsellor, body: jsonBody(submitBody(with("last_name", "Other"), "de", nil)),
			status: 409, want: []string{`"code":"idempotency_key_reused"`},
			before: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
				req := wsRequest(t, app, "/api/mp/offers/"+liftOffer(t, app).Id+"/registrations", valid, "in-person-key-1")
				if rec := serveOnce(t, e, req); rec.Code != 201 {
					t.Fatalf("first: %d %s", rec.Code, rec.Body)
				}
			}},
		{name: "validated like the public route", who: testapp.LiftCounsellor, status: 400, before: before, after: nothing,
			body: jsonBody(submitBody(with("last_name", nil, "data_processing_consent", nil), "de", nil)),
			want: []string{`"last_name":{"code":"validation_required"`, `"data_processing_consent":{"code":"validation_required"`}},
		{name: "a tenant admin may too", who: testapp.LiftAdmin, body: valid, status: 201, want: []string{`"reference":"LIFT-`},
			events: directlyInserted(9)},
		{name: "another Träger's counsellor finds nothing and stores nothing", who: testapp.BwtwCounsellor, body: valid,
			status: 404, want: []string{`"status":404`}, before: before, after: nothing},
		{name: "a participant may not", who: testapp.LiftParticipant, body: valid, status: 403, want: []string{`"status":403`},
			before: before, after: nothing},
		{name: "anonymous", body: valid, status: 401, want: []string{`"status":401`}, before: before, after: nothing},
	} {
		c.method, c.url = http.MethodPost, offerURL("")
		if strings.HasPrefix(c.name, "the same key") {
			c.header = map[string]string{"Idempotency-Key": "in-person-key-1"}
		}
		c.test(t)
	}
}

func TestWorkspaceInPersonForm(t *testing.T) {
	for _, c := range []wsScenario{
		{name: "the current intake form", who: testapp.LiftCounsellor, url: offerURL("/form?lang=de"), status: 200,
			want: []string{`"version":1`, `"language":"de"`, `"key":"data_processing_consent"`, `"initial":{`}},
		{name: "another Träger's counsellor finds nothing", who: testapp.BwtwCounsellor, url: offerURL("/form"),
			status: 404, want: []string{`"status":404`}},
		{name: "a participant may not", who: testapp.LiftParticipant, url: offerURL("/form"), status: 403,
			want: []string{`"status":403`}},
		{name: "evaluated as on the public route", who: testapp.LiftCounsellor, method: http.MethodPost,
			url: offerURL("/evaluate"), body: `{"answers":{"has_children":false},"language":"de"}`, status: 200,
			want: []string{`"hidden":[`, `"section:children"`}},
		{name: "evaluate: another Träger's counsellor finds nothing", who: testapp.BwtwCounsellor, method: http.MethodPost,
			url: offerURL("/evaluate"), body: `{"answers":{}}`, status: 404, want: []string{`"status":404`}},
	} {
		c.test(t)
	}
}
