package hooks_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// studioForm is a small form draft: a field shown only with a job.
func studioForm(visibleIf string) map[string]any {
	return map[string]any{
		"title": map[string]any{"de": "Sprachcafé"}, "languages": []any{"de", "en"},
		"sections": []any{map[string]any{"key": "person", "title": map[string]any{"de": "Zur Person", "en": "About you"},
			"fields": []any{
				map[string]any{"key": "first_name", "type": "text", "required": true, "label": map[string]any{"de": "Vorname", "en": "First name"}},
				map[string]any{"key": "has_job", "type": "boolean", "label": map[string]any{"de": "Arbeiten Sie?", "en": "Do you work?"}},
				map[string]any{"key": "employer", "type": "text", "visible_if": visibleIf,
					"label": map[string]any{"de": "Arbeitgeber", "en": "Employer"}},
			}}},
	}
}

// studioWorkflow is a three-state workflow whose guard reads an intake field.
func studioWorkflow(guard string) map[string]any {
	label := func(de string) map[string]any { return map[string]any{"de": de, "en": de} }
	return map[string]any{
		"title": label("Sprachcafé"), "languages": []any{"de", "en"},
		"states": []any{
			map[string]any{"key": "neu", "kind": "start", "label": label("Neu")},
			map[string]any{"key": "aktiv", "kind": "active", "label": label("Aktiv")},
			map[string]any{"key": "fertig", "kind": "terminal", "label": label("Fertig")},
		},
		"transitions": []any{
			map[string]any{"key": "starten", "from": []any{"neu"}, "to": "aktiv", "label": label("Starten"),
				"roles": []any{"counsellor"}, "guard": guard, "guard_reason": label("Nur mit Arbeit.")},
			map[string]any{"key": "beenden", "from": []any{"aktiv"}, "to": "fertig", "label": label("Beenden"),
				"roles": []any{"counsellor"}},
		},
	}
}

func studioJSON(v any) string {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(raw)
}

// studioScenario is one request to a studio route by who ("" anonymous);
// offer, when set, names the slug of the seeded intake offer of a Träger,
// whose id replaces "{offer}" in the body. Every scenario checks that
// nothing was stored.
type studioScenario struct {
	name, who, url, body, offerOf string
	status                        int
	want, notWant                 []string
}

func (c studioScenario) run(t *testing.T) {
	var before map[string]int64
	s := tests.ApiScenario{
		Name: c.name, Method: http.MethodPost, URL: c.url,
		ExpectedStatus: c.status, ExpectedContent: c.want, NotExpectedContent: c.notWant,
		ExpectedEvents: map[string]int{"*": 0},
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
			if after := studioCounts(t, app); studioJSON(after) != studioJSON(before) {
				t.Fatalf("records changed: %v → %v", before, after)
			}
		},
	}
	s.TestAppFactory = func(t testing.TB) *tests.TestApp {
		app := testapp.Factory(t)
		body := c.body
		if c.offerOf != "" {
			body = strings.ReplaceAll(body, "{offer}", testapp.First(t, app, "offer_types", c.offerOf).Id)
		}
		s.Body = strings.NewReader(body)
		if c.who != "" {
			s.Headers = map[string]string{"Authorization": testapp.Token(t, app, c.who)}
		}
		before = studioCounts(t, app)
		return app
	}
	s.Test(t)
}

func studioCounts(t testing.TB, app core.App) map[string]int64 {
	out := map[string]int64{}
	for _, col := range []string{"offer_types", "form_versions", "workflow_versions", "cases", "submissions"} {
		n, err := app.CountRecords(col)
		if err != nil {
			t.Fatal(err)
		}
		out[col] = n
	}
	return out
}

func TestStudioDraftPreview(t *testing.T) {
	good := studioForm("has_job == true")
	for _, c := range []studioScenario{
		{name: "a tenant admin previews a draft in English: labels resolved, rules as deps, employer hidden at first",
			who: testapp.LiftAdmin, url: "/api/mp/definitions/preview",
			body:   studioJSON(map[string]any{"definition": good, "language": "en"}),
			status: 200, want: []string{`"language":"en"`, `"label":"Employer"`, `"visible_if":{"deps":["has_job"]}`,
				`"initial":{"hidden":["employer"]`},
			notWant: []string{"has_job == true"}},
		{name: "with answers, initial is their evaluation",
			who: testapp.LiftAdmin, url: "/api/mp/definitions/preview",
			body:   studioJSON(map[string]any{"definition": good, "language": "de", "answers": map[string]any{"has_job": true}}),
			status: 200, want: []string{`"label":"Arbeitgeber"`, `"initial":{"hidden":[]`}},
		{name: "a network admin previews a template", who: testapp.NetworkAdmin, url: "/api/mp/definitions/preview",
			body: studioJSON(map[string]any{"definition": good}), status: 200, want: []string{`"language":"de"`}},
		{name: "a broken rule: 422 with the diagnostics at its position",
			who: testapp.LiftAdmin, url: "/api/mp/definitions/preview",
			body:   studioJSON(map[string]any{"definition": studioForm("has_job == tru")}),
			status: 422, want: []string{`"path":"sections[0].fields[2].visible_if"`, `"code":"rule_unknown_name"`,
				`"line":1`, `"column":12`, `"from":11`, `"to":14`}},
		{name: "not JSON", who: testapp.LiftAdmin, url: "/api/mp/definitions/preview", body: `{"definition":`,
			status: 400, want: []string{`"code":"request_invalid_json"`}},
		{name: "a counsellor may not", who: testapp.LiftCounsellor, url: "/api/mp/definitions/preview",
			body: studioJSON(map[string]any{"definition": good}), status: 403, want: []string{`"status":403`}},
		{name: "a participant may not", who: testapp.LiftParticipant, url: "/api/mp/definitions/preview",
			body: studioJSON(map[string]any{"definition": good}), status: 403, want: []string{`"status":403`}},
		{name: "anonymous", url: "/api/mp/definitions/preview",
			body: studioJSON(map[string]any{"definition": good}), status: 401, want: []string{`"status":401`}},
	} {
		c.run(t)
	}
}

func TestStudioDraftEvaluate(t *testing.T) {
	good := studioForm("has_job == true")
	for _, c := range []studioScenario{
		{name: "the public evaluate shape for a draft: employer shown once has_job is true",
			who: testapp.BwtwAdmin, url: "/api/mp/definitions/evaluate",
			body:   studioJSON(map[string]any{"definition": good, "answers": map[string]any{"has_job": true}, "language": "de"}),
			status: 200, want: []string{`"hidden":[]`, `"required":["first_name"]`, `"errors":{}`}},
		{name: "and hidden while it is false", who: testapp.BwtwAdmin, url: "/api/mp/definitions/evaluate",
			body:   studioJSON(map[string]any{"definition": good, "answers": map[string]any{"has_job": false}}),
			status: 200, want: []string{`"hidden":["employer"]`}},
		{name: "bad answer types are errors, not a 5xx", who: testapp.BwtwAdmin, url: "/api/mp/definitions/evaluate",
			body:   studioJSON(map[string]any{"definition": good, "answers": map[string]any{"has_job": "ja"}}),
			status: 200, want: []string{`"has_job":{"code":"validation_type"`}},
		{name: "a broken rule: 422", who: testapp.BwtwAdmin, url: "/api/mp/definitions/evaluate",
			body:   studioJSON(map[string]any{"definition": studioForm("has_job ==")}),
			status: 422, want: []string{`"code":"rule_syntax"`}},
		{name: "a counsellor may not", who: testapp.BwtwCounsellor, url: "/api/mp/definitions/evaluate",
			body: studioJSON(map[string]any{"definition": good}), status: 403, want: []string{`"status":403`}},
		{name: "anonymous", url: "/api/mp/definitions/evaluate",
			body: studioJSON(map[string]any{"definition": good}), status: 401, want: []string{`"status":401`}},
	} {
		c.run(t)
	}
}

func TestStudioCheckWorkflowDraft(t *testing.T) {
	wf := studioWorkflow("has_job == true")
	for _, c := range []studioScenario{
		{name: "guards are typed by the form draft sent along",
			who: testapp.LiftAdmin, url: "/api/mp/definitions/check-workflow",
			body:   studioJSON(map[string]any{"definition": wf, "form": studioForm("has_job == true")}),
			status: 200, want: []string{`"intake":"draft"`, `"diagnostics":[]`}},
		{name: "a guard on a field the draft lacks: the error at its position",
			who: testapp.LiftAdmin, url: "/api/mp/definitions/check-workflow",
			body:   studioJSON(map[string]any{"definition": studioWorkflow("has_jobb"), "form": studioForm("has_job == true")}),
			status: 200, want: []string{`"path":"transitions[0].guard"`, `"code":"rule_unknown_name"`, `"column":1`, `"to":8`}},
		{name: "without a form draft, the offer's published form types the guards",
			who: testapp.LiftAdmin, url: "/api/mp/definitions/check-workflow", offerOf: "lift",
			body:   `{"definition":` + studioJSON(studioWorkflow(`german_level == "a1"`)) + `,"offer":"{offer}"}`,
			status: 200, want: []string{`"intake":"published"`, `"diagnostics":[]`}},
		{name: "a form draft that does not compile falls back to the published form",
			who: testapp.LiftAdmin, url: "/api/mp/definitions/check-workflow", offerOf: "lift",
			body: `{"definition":` + studioJSON(studioWorkflow(`german_level == "a1"`)) + `,"offer":"{offer}","form":` +
				studioJSON(studioForm("nope ==")) + `}`,
			status: 200, want: []string{`"intake":"published"`}},
		{name: "another Träger's admin gets nothing of LIFT's offer",
			who: testapp.BwtwAdmin, url: "/api/mp/definitions/check-workflow", offerOf: "lift",
			body:   `{"definition":` + studioJSON(wf) + `,"offer":"{offer}","form":` + studioJSON(studioForm("has_job == true")) + `}`,
			status: 404, want: []string{`"status":404`}, notWant: []string{"german_level", "diagnostics"}},
		{name: "a network admin gets nothing of a Träger's offer",
			who: testapp.NetworkAdmin, url: "/api/mp/definitions/check-workflow", offerOf: "lift",
			body:   `{"definition":` + studioJSON(wf) + `,"offer":"{offer}"}`,
			status: 404, want: []string{`"status":404`}},
		{name: "a counsellor may not", who: testapp.LiftCounsellor, url: "/api/mp/definitions/check-workflow",
			body: studioJSON(map[string]any{"definition": wf}), status: 403, want: []string{`"status":403`}},
		{name: "anonymous", url: "/api/mp/definitions/check-workflow",
			body: studioJSON(map[string]any{"definition": wf}), status: 401, want: []string{`"status":401`}},
		{name: "no definition", who: testapp.LiftAdmin, url: "/api/mp/definitions/check-workflow", body: `{}`,
			status: 400, want: []string{`"code":"request_invalid_json"`}},
	} {
		c.run(t)
	}
}
