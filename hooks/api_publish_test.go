package hooks_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/multipotenzial/multipotenzial/demo/content"
	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// intakeDefinition returns the demo intake form, changed by edit.
func intakeDefinition(t testing.TB, edit func(def map[string]any)) map[string]any {
	var def map[string]any
	if err := json.Unmarshal(content.IntakeForm, &def); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(def)
	}
	return def
}

func firstField(def map[string]any) map[string]any {
	return def["sections"].([]any)[0].(map[string]any)["fields"].([]any)[2].(map[string]any) // first_name
}

func liftOffer(t testing.TB, app core.App) *core.Record {
	o, err := app.FindFirstRecordByFilter("offer_types", "tenant = {:t} && slug = 'integrationsbegleitung'",
		map[string]any{"t": testapp.Tenant(t, app, "lift").Id})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestPublishForm(t *testing.T) {
	renamed := intakeDefinition(t, func(d map[string]any) {
		firstField(d)["label"].(map[string]any)["de"] = "Vorname(n)"
	})
	brokenRule := intakeDefinition(t, func(d map[string]any) { firstField(d)["visible_if"] = "has_childrn" })
	failingTest := intakeDefinition(t, func(d map[string]any) {
		tc := d["tests"].([]any)[0].(map[string]any)
		tc["expect"].(map[string]any)["hidden"] = []any{"first_name"}
	})
	url := func(app core.App) string { return "/api/mp/offers/" + liftOffer(t, app).Id + "/form/publish" }
	versions := func(t testing.TB, app core.App) int64 {
		n, _ := app.CountRecords("form_versions")
		return n
	}

	type tc struct {
		name     string
		who      string
		body     any
		status   int
		want     []string
		versions int64 // how many new versions
	}
	for _, c := range []tc{
		{"tenant admin publishes version 2", testapp.LiftAdmin, map[string]any{"definition": renamed, "note": "Vorname(n)"},
			201, []string{`"version":2`, `"diagnostics":[`}, 1},
		{"a broken rule: 422 with its position, nothing published", testapp.LiftAdmin, map[string]any{"definition": brokenRule},
			422, []string{`"path":"sections[0].fields[2].visible_if"`, `"line":1`, `"column":1`, `has_childrn`}, 0},
		{"a failing test case: 422, nothing published", testapp.LiftAdmin, map[string]any{"definition": failingTest},
			422, []string{`"test_failures":[{"path":"tests[0]"`}, 0},
		{"not JSON", testapp.LiftAdmin, `{"definition":`, 400, []string{`"status":400`}, 0},
		{"a counsellor may not publish", testapp.LiftCounsellor, map[string]any{"definition": renamed}, 403, []string{`"status":403`}, 0},
		{"another Träger's admin finds nothing", testapp.BwtwAdmin, map[string]any{"definition": renamed}, 404, []string{`"status":404`}, 0},
		{"a network admin finds nothing of a Träger", testapp.NetworkAdmin, map[string]any{"definition": renamed}, 404, []string{`"status":404`}, 0},
		{"anonymous", "", map[string]any{"definition": renamed}, 401, []string{`"status":401`}, 0},
	} {
		var before int64
		var body string
		if s, ok := c.body.(string); ok {
			body = s
		} else {
			body = jsonBody(c.body)
		}
		s := tests.ApiScenario{
			Name: c.name, Method: http.MethodPost, Body: strings.NewReader(body),
			ExpectedStatus: c.status, ExpectedContent: c.want, TestAppFactory: testapp.Factory,
			BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
				before = versions(t, app)
			},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
				if got := versions(t, app) - before; got != c.versions {
					t.Fatalf("%d new versions, want %d", got, c.versions)
				}
			},
		}
		// URL and token depend on the app: resolve them in a wrapper factory.
		s.TestAppFactory = func(t testing.TB) *tests.TestApp {
			app := testapp.Factory(t)
			s.URL = url(app)
			if c.who != "" {
				s.Headers = map[string]string{"Authorization": testapp.Token(t, app, c.who)}
			}
			return app
		}
		s.Test(t)
	}
}

// A submission stays pinned to the version it was made with; the next one
// uses the new version; the old version is unchanged.
func TestSubmissionPinnedToItsVersion(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	lift := "/api/mp/public/offers/lift/integrationsbegleitung"
	submit := func(key string) *core.Record {
		res := c.DoWith("POST", lift+"/submissions", map[string]string{"Idempotency-Key": key},
			submitBody(intakeAnswers(), "de", testapp.Pow(t, c)))
		if res.Status != 201 {
			t.Fatalf("%d %s", res.Status, res.Body)
		}
		s, _ := app.FindRecordById("submissions", res.JSON()["submission"].(string))
		return s
	}
	old := submit("before-version-2")
	v1, _ := app.FindRecordById("form_versions", old.GetString("form_version"))
	v1Definition := v1.GetString("definition")

	renamed := intakeDefinition(t, func(d map[string]any) { firstField(d)["label"].(map[string]any)["de"] = "Vorname(n)" })
	res := c.Do("POST", "/api/mp/offers/"+liftOffer(t, app).Id+"/form/publish", testapp.Token(t, app, testapp.LiftAdmin),
		map[string]any{"definition": renamed})
	if res.Status != 201 {
		t.Fatalf("publish: %d %s", res.Status, res.Body)
	}
	if form := c.Do("GET", lift+"?lang=de", "", nil); !strings.Contains(string(form.Body), `"label":"Vorname(n)"`) ||
		!strings.Contains(string(form.Body), `"version":2`) {
		t.Fatalf("the public form is not version 2: %.300s", form.Body)
	}
	fresh := submit("after-version-2")
	if fresh.GetString("form_version") == old.GetString("form_version") {
		t.Fatal("the new submission is not on version 2")
	}
	oldAgain, _ := app.FindRecordById("submissions", old.Id)
	v1Again, _ := app.FindRecordById("form_versions", v1.Id)
	if oldAgain.GetString("form_version") != v1.Id || v1Again.GetString("definition") != v1Definition {
		t.Fatal("the old submission or its version changed")
	}
}

func TestCheckDefinition(t *testing.T) {
	broken := intakeDefinition(t, func(d map[string]any) { firstField(d)["required_if"] = "age_years >= \"x\"" })
	for _, c := range []struct {
		name, who string
		status    int
		want      []string
	}{
		{"tenant admin gets diagnostics with line and column", testapp.LiftAdmin, 200,
			[]string{`"path":"sections[0].fields[2].required_if"`, `"severity":"error"`, `"line":1`}},
		{"network admin may check templates", testapp.NetworkAdmin, 200, []string{`"diagnostics":[`}},
		{"a counsellor may not", testapp.LiftCounsellor, 403, []string{`"status":403`}},
		{"anonymous", "", 401, []string{`"status":401`}},
	} {
		s := tests.ApiScenario{Name: c.name, Method: http.MethodPost, URL: "/api/mp/definitions/check",
			Body:           strings.NewReader(jsonBody(map[string]any{"kind": "form", "definition": broken})),
			ExpectedStatus: c.status, ExpectedContent: c.want, ExpectedEvents: map[string]int{"*": 0}}
		s.TestAppFactory = func(t testing.TB) *tests.TestApp {
			app := testapp.Factory(t)
			if c.who != "" {
				s.Headers = map[string]string{"Authorization": testapp.Token(t, app, c.who)}
			}
			return app
		}
		s.Test(t)
	}
}
