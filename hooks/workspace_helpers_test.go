package hooks_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// wsScenario is one request to a workspace route by a seeded account,
// resolved against the scenario's own app (ids differ per clone).
type wsScenario struct {
	name   string
	who    string // a seeded account; "" is anonymous
	header map[string]string
	method string
	url    func(t testing.TB, app core.App) string
	body   string
	// bodyOf builds the body from the scenario's app instead (ids differ per clone).
	bodyOf func(t testing.TB, app core.App) string
	status int
	want   []string
	not    []string
	// events pins the hooks that fire; nil means none at all.
	events map[string]int
	before func(t testing.TB, app *tests.TestApp, e *core.ServeEvent)
	after  func(t testing.TB, app *tests.TestApp, res *http.Response)
}

func (c wsScenario) test(t *testing.T) {
	t.Helper()
	events := c.events
	if events == nil {
		events = map[string]int{"*": 0}
	}
	method := c.method
	if method == "" {
		method = http.MethodGet
	}
	s := tests.ApiScenario{Name: c.name, Method: method, Body: strings.NewReader(c.body),
		ExpectedStatus: c.status, ExpectedContent: c.want, NotExpectedContent: c.not, ExpectedEvents: events,
		BeforeTestFunc: c.before, AfterTestFunc: c.after}
	s.TestAppFactory = func(t testing.TB) *tests.TestApp {
		app := testapp.Factory(t)
		s.URL = c.url(t, app)
		if c.bodyOf != nil {
			s.Body = strings.NewReader(c.bodyOf(t, app))
		}
		s.Headers = map[string]string{}
		for k, v := range c.header {
			s.Headers[k] = v
		}
		if c.who != "" {
			s.Headers["Authorization"] = testapp.Token(t, app, c.who)
		}
		return app
	}
	s.Test(t)
}

// writes are the model and record events of n creates and m updates.
func writes(creates, updates int) map[string]int {
	ev := map[string]int{"*": 0}
	for _, kind := range []string{"Create", "Update"} {
		n := creates
		if kind == "Update" {
			n = updates
		}
		if n == 0 {
			continue
		}
		for _, name := range []string{"OnModel%s", "OnModel%sExecute", "OnModelAfter%sSuccess",
			"OnRecord%s", "OnRecord%sExecute", "OnRecordAfter%sSuccess"} {
			ev[strings.Replace(name, "%s", kind, 1)] = n
		}
	}
	if creates+updates > 0 {
		ev["OnModelValidate"], ev["OnRecordValidate"] = creates+updates, creates+updates
	}
	return ev
}

// directlyInserted are the events of n records a registration inserts
// (hooks/direct_insert.go): only the after-create hooks, after the commit.
// Audit entries (hooks/audit_chain.go) raise no events at all.
func directlyInserted(n int) map[string]int {
	return map[string]int{"OnModelAfterCreateSuccess": n, "OnRecordAfterCreateSuccess": n}
}

// caseOf returns the demo case of the participant with the given last name.
func caseOf(t testing.TB, app core.App, lastName string) *core.Record {
	t.Helper()
	p, err := app.FindFirstRecordByData("participants", "last_name", lastName)
	if err != nil {
		t.Fatalf("no participant %s: %v", lastName, err)
	}
	c, err := app.FindFirstRecordByData("cases", "participant", p.Id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func userID(t testing.TB, app core.App, email string) string {
	t.Helper()
	u, err := app.FindAuthRecordByEmail("users", email)
	if err != nil {
		t.Fatal(err)
	}
	return u.Id
}

// wsRequest is a POST of body by the LIFT counsellor with an Idempotency-Key.
func wsRequest(t testing.TB, app core.App, url, body, key string) *http.Request {
	req := httptest.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", testapp.Token(t, app, testapp.LiftCounsellor))
	req.Header.Set("Idempotency-Key", key)
	return req
}

// serveOnce sends one request through the scenario's router (for a first
// request in BeforeTestFunc).
func serveOnce(t testing.TB, e *core.ServeEvent, req *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	mux, err := e.Router.BuildMux()
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	return rec
}
