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

// caseScenario builds a case in the app a scenario runs on, then aims the
// request at it with the caller's token.
type caseScenario struct {
	name, who, method, path, body string // path after /api/mp/cases/{id}
	prepare                       func(t testing.TB, app *tests.TestApp, c *testapp.Client) *core.Record
	status                        int
	want, notWant                 []string
	after                         func(t testing.TB, app *tests.TestApp, c *core.Record)
}

func (cs caseScenario) run(t *testing.T) {
	var target *core.Record
	var before string
	s := tests.ApiScenario{Name: cs.name, Method: cs.method,
		ExpectedStatus: cs.status, ExpectedContent: cs.want, NotExpectedContent: cs.notWant}
	s.TestAppFactory = func(t testing.TB) *tests.TestApp {
		app := testapp.Factory(t)
		if cs.who != "" {
			s.Headers = map[string]string{"Authorization": testapp.Token(t, app, cs.who)}
		}
		return app
	}
	// The case is made through the routes of the scenario's own router.
	s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
		mux, err := e.Router.BuildMux()
		if err != nil {
			t.Fatal(err)
		}
		target = cs.prepare(t, app, testapp.ClientOf(t, mux))
		before = target.GetString("state")
		s.URL = "/api/mp/cases/" + target.Id + cs.path
		s.Body = strings.NewReader(strings.ReplaceAll(cs.body, "{updated}", target.GetString("updated")))
	}
	s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
		now := fresh(t, app, target)
		if cs.status >= 400 && now.GetString("state") != before {
			t.Fatalf("a refused transition moved the case: %s → %s", before, now.GetString("state"))
		}
		if cs.after != nil {
			cs.after(t, app, now)
		}
	}
	s.Test(t)
}

func newLiftCase(t testing.TB, app *tests.TestApp, c *testapp.Client) *core.Record {
	return registered(t, app, c, "lift", "transition-test-case")
}

func liftCaseInPlan(permit string) func(testing.TB, *tests.TestApp, *testapp.Client) *core.Record {
	return func(t testing.TB, app *tests.TestApp, c *testapp.Client) *core.Record {
		cs := newLiftCase(t, app, c)
		walk(t, app, cs.Id, testapp.LiftCounsellor, toPlan(permit)...)
		return fresh(t, app, cs)
	}
}

func TestCaseTransitionsList(t *testing.T) {
	for _, cs := range []caseScenario{
		{name: "the options of a new case, each with whether it may be taken", who: testapp.LiftCounsellor, method: "GET",
			path: "/transitions?lang=de", prepare: newLiftCase, status: 200,
			want: []string{`"state":"angemeldet"`, `"key":"termin_vereinbaren"`, `"allowed":true`, `"step_form":{`,
				`"key":"meeting_date"`}},
		{name: "a guard that says no gives its reason in German", who: testapp.LiftCounsellor, method: "GET",
			path: "/transitions?lang=de", prepare: liftCaseInPlan("no"), status: 200,
			want: []string{`"key":"vermitteln","label":`, `"allowed":false,"reason":{"code":"guard_false","message":"`}},
		{name: "and in English", who: testapp.LiftCounsellor, method: "GET",
			path: "/transitions?lang=en", prepare: liftCaseInPlan("no"), status: 200,
			want: []string{`"code":"guard_false","message":"`, `work permit`}},
		{name: "another Träger's counsellor finds no case", who: testapp.BwtwCounsellor, method: "GET",
			path: "/transitions", prepare: newLiftCase, status: 404, want: []string{`"status":404`},
			notWant: []string{"termin_vereinbaren"}},
		{name: "a network admin works no cases", who: testapp.NetworkAdmin, method: "GET",
			path: "/transitions", prepare: newLiftCase, status: 403, want: []string{`"status":403`}},
		{name: "a participant works no cases", who: testapp.LiftParticipant, method: "GET",
			path: "/transitions", prepare: newLiftCase, status: 403, want: []string{`"status":403`}},
		{name: "anonymous", method: "GET", path: "/transitions", prepare: newLiftCase, status: 401,
			want: []string{`"status":401`}},
	} {
		cs.run(t)
	}
}

func TestTakeTransition(t *testing.T) {
	inADay := time.Now().AddDate(0, 0, 1).Format(time.DateOnly)
	for _, cs := range []caseScenario{
		{name: "take a transition with its step form", who: testapp.LiftCounsellor, method: "POST",
			path: "/transitions/termin_vereinbaren", body: `{"step":{"meeting_date":"` + inADay + `"},"comment":"Telefonisch vereinbart","expected_updated":"{updated}"}`,
			prepare: newLiftCase, status: 200, want: []string{`"state":"erstgespraech"`, `"to":"erstgespraech"`},
			after: func(t testing.TB, app *tests.TestApp, c *core.Record) {
				ev, err := app.FindFirstRecordByFilter("case_events", "case = {:c} && type = 'transition'", map[string]any{"c": c.Id})
				if err != nil || ev.GetString("from") != "angemeldet" || ev.GetString("to") != "erstgespraech" ||
					ev.GetString("actor") == "" || !strings.Contains(ev.GetString("data"), "Telefonisch vereinbart") ||
					!strings.Contains(ev.GetString("data"), inADay) {
					t.Fatalf("case event: %v %v", ev, err)
				}
				if c.GetInt("entry") != 1 || !c.GetDateTime("sla_due").Time().After(time.Now()) {
					t.Fatalf("entry %d, sla %v", c.GetInt("entry"), c.GetDateTime("sla_due"))
				}
				if n, _ := app.CountRecords("timers", dbxHash("status", "void")); n == 0 {
					t.Fatal("the first-contact SLA was not voided by the move")
				}
			}},
		{name: "a step form error at its field", who: testapp.LiftCounsellor, method: "POST",
			path: "/transitions/termin_vereinbaren", body: `{"step":{},"language":"en"}`,
			prepare: newLiftCase, status: 400, want: []string{`"meeting_date":{"code":"validation_required"`}},
		{name: "a guard that says no: 422 with the reason", who: testapp.LiftCounsellor, method: "POST",
			path: "/transitions/vermitteln", body: `{"step":{"placement_type":"work","employer":"Metallbau","start_date":"` + inADay + `"},"language":"de"}`,
			prepare: liftCaseInPlan("no"), status: 422, want: []string{`"_form":{"code":"guard_false","message":"`}},
		{name: "the case changed since it was read: 409", who: testapp.LiftCounsellor, method: "POST",
			path: "/transitions/termin_vereinbaren", body: `{"step":{"meeting_date":"` + inADay + `"},"expected_updated":"2000-01-01 00:00:00.000Z"}`,
			prepare: newLiftCase, status: 409, want: []string{`"code":"case_changed"`}},
		{name: "a transition that does not start here: 409", who: testapp.LiftCounsellor, method: "POST",
			path: "/transitions/vermitteln", body: `{}`, prepare: newLiftCase, status: 409, want: []string{`"code":"wrong_state"`}},
		{name: "an unknown transition: 409", who: testapp.LiftCounsellor, method: "POST",
			path: "/transitions/zaubern", body: `{}`, prepare: newLiftCase, status: 409, want: []string{`"code":"transition_unknown"`}},
		{name: "another Träger's counsellor: 403, nothing moves", who: testapp.BwtwCounsellor, method: "POST",
			path: "/transitions/termin_vereinbaren", body: `{"step":{"meeting_date":"` + inADay + `"}}`,
			prepare: newLiftCase, status: 403, want: []string{`"status":403`}},
		{name: "a network admin: 403", who: testapp.NetworkAdmin, method: "POST",
			path: "/transitions/termin_vereinbaren", body: `{"step":{"meeting_date":"` + inADay + `"}}`,
			prepare: newLiftCase, status: 403, want: []string{`"status":403`}},
		{name: "not JSON", who: testapp.LiftCounsellor, method: "POST", path: "/transitions/termin_vereinbaren",
			body: `{"step":`, prepare: newLiftCase, status: 400, want: []string{`"code":"request_invalid_json"`}},
	} {
		cs.run(t)
	}
}
