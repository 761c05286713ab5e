package hooks_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// A note's author and a document's uploader are who sends it, whatever the
// body claims; a task's done_by and done_at follow its done flag.
func TestWorkspaceRecordHooks(t *testing.T) {
	noteBody := func(t testing.TB, app core.App) string {
		c := caseOf(t, app, "Haidari")
		return jsonBody(map[string]any{"tenant": c.GetString("tenant"), "case": c.Id, "body": "Rückruf erbeten",
			"author": userID(t, app, testapp.LiftCounsellor2)})
	}
	authorIs := func(collection, field, who string) func(testing.TB, *tests.TestApp, *http.Response) {
		return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			recs, err := app.FindAllRecords(collection)
			if err != nil || len(recs) == 0 {
				t.Fatalf("no %s: %v", collection, err)
			}
			last := recs[len(recs)-1]
			for _, r := range recs {
				if r.GetString("created") > last.GetString("created") {
					last = r
				}
			}
			if got := last.GetString(field); got != userID(t, app, who) {
				t.Fatalf("%s.%s = %q", collection, field, got)
			}
		}
	}
	var task string
	taskDone := func(done bool) func(testing.TB, *tests.TestApp, *http.Response) {
		return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			rec, _ := app.FindRecordById("tasks", task)
			by, at := rec.GetString("done_by"), rec.GetDateTime("done_at")
			if done != (by == userID(t, app, testapp.LiftCounsellor)) || done == at.IsZero() ||
				(done && time.Since(at.Time()) > time.Minute) {
				t.Fatalf("done=%v: done_by %q, done_at %v", rec.GetBool("done"), by, at)
			}
		}
	}
	recordEvents := func(kind string, n int) map[string]int {
		var ev map[string]int
		if kind == "create" {
			ev = writes(n, 0) // (their audit entries raise no events)
			ev["OnRecordCreateRequest"] = 1
		} else {
			ev = writes(0, n)
			ev["OnRecordUpdateRequest"] = 1
		}
		ev["OnRecordEnrich"] = 1
		return ev
	}
	for _, c := range []wsScenario{
		{name: "a note's author is who wrote it", who: testapp.LiftCounsellor, method: http.MethodPost,
			url: fixed("/api/collections/case_notes/records"), bodyOf: noteBody, status: 200,
			want: []string{`"body":"Rückruf erbeten"`}, events: recordEvents("create", 1),
			after: authorIs("case_notes", "author", testapp.LiftCounsellor)},
		{name: "a task done says who and when", who: testapp.LiftCounsellor, method: http.MethodPatch,
			url: func(t testing.TB, app core.App) string {
				task = firstTask(t, app, "Haidari")
				return "/api/collections/tasks/records/" + task
			},
			body: `{"done":true}`, status: 200, want: []string{`"done":true`}, events: recordEvents("update", 1),
			after: taskDone(true)},
	} {
		c.test(t)
	}
}

func firstTask(t testing.TB, app core.App, lastName string) string {
	rec, err := app.FindFirstRecordByData("tasks", "case", caseOf(t, app, lastName).Id)
	if err != nil {
		t.Fatal(err)
	}
	return rec.Id
}

// A task is given, through the record API, only to an enabled counsellor or
// tenant admin of its Träger — as a case is by its assign route — and
// another Träger's staff cannot touch it at all.
func TestTaskAssignee(t *testing.T) {
	var task string
	taskURL := func(t testing.TB, app core.App) string {
		task = firstTask(t, app, "Haidari")
		return "/api/collections/tasks/records/" + task
	}
	assignTo := func(email string) func(testing.TB, core.App) string {
		return func(t testing.TB, app core.App) string { return `{"assignee":"` + userID(t, app, email) + `"}` }
	}
	// assigneeIs checks the task's assignee (an email; "" for the one it had).
	var was string
	remember := func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
		rec, _ := app.FindRecordById("tasks", firstTask(t, app, "Haidari"))
		was = rec.GetString("assignee")
	}
	assigneeIs := func(email string) func(testing.TB, *tests.TestApp, *http.Response) {
		return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			rec, _ := app.FindRecordById("tasks", task)
			want := was
			if email != "" {
				want = userID(t, app, email)
			}
			if got := rec.GetString("assignee"); got != want {
				t.Fatalf("assignee %q, want %q", got, want)
			}
		}
	}
	both := func(fns ...func(testing.TB, *tests.TestApp, *core.ServeEvent)) func(testing.TB, *tests.TestApp, *core.ServeEvent) {
		return func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
			for _, fn := range fns {
				fn(t, app, e)
			}
		}
	}
	refused := map[string]int{"OnRecordUpdateRequest": 1}
	updated := writes(0, 1)
	updated["OnRecordUpdateRequest"], updated["OnRecordEnrich"] = 1, 1
	for _, c := range []wsScenario{
		{name: "to a colleague", who: testapp.LiftCounsellor, bodyOf: assignTo(testapp.LiftCounsellor2),
			status: 200, want: []string{`"assignee":"`}, events: updated, after: assigneeIs(testapp.LiftCounsellor2)},
		{name: "never to a disabled colleague", who: testapp.LiftCounsellor, bodyOf: assignTo(testapp.LiftCounsellor2),
			before: both(disable(testapp.LiftCounsellor2), remember), status: 400,
			want: []string{`"assignee":{"code":"validation_assignee_invalid"`}, events: refused, after: assigneeIs("")},
		{name: "never to another Träger's counsellor", who: testapp.LiftAdmin, bodyOf: assignTo(testapp.BwtwCounsellor),
			before: remember, status: 400, want: []string{`"assignee":{"code":"validation_assignee_invalid"`},
			events: refused, after: assigneeIs("")},
		{name: "never to a network admin", who: testapp.LiftCounsellor, bodyOf: assignTo(testapp.NetworkAdmin),
			before: remember, status: 400, want: []string{`"assignee":{"code":"validation_assignee_invalid"`},
			events: refused, after: assigneeIs("")},
		{name: "another Träger's counsellor finds nothing", who: testapp.BwtwCounsellor, bodyOf: assignTo(testapp.BwtwCounsellor),
			before: remember, status: 404, want: []string{`"status":404`}, after: assigneeIs("")},
		{name: "nor does a participant", who: testapp.LiftParticipant, bodyOf: assignTo(testapp.LiftCounsellor),
			before: remember, status: 404, want: []string{`"status":404`}, after: assigneeIs("")},
	} {
		c.method, c.url = http.MethodPatch, taskURL
		c.test(t)
	}

	// A task whose assignee was disabled since can still be completed (the
	// assignee is checked only when it changes).
	done := writes(0, 1)
	done["OnRecordUpdateRequest"], done["OnRecordEnrich"] = 1, 1
	wsScenario{name: "completing a task of a since disabled colleague", who: testapp.LiftCounsellor,
		method: http.MethodPatch, body: `{"done":true}`, status: 200, want: []string{`"done":true`}, events: done,
		url: func(t testing.TB, app core.App) string {
			task = firstTask(t, app, "Haidari")
			rec, _ := app.FindRecordById("tasks", task)
			rec.Set("assignee", userID(t, app, testapp.LiftCounsellor2))
			if err := app.Save(rec); err != nil {
				t.Fatal(err)
			}
			return "/api/collections/tasks/records/" + task
		},
		before: disable(testapp.LiftCounsellor2)}.test(t)

	// A new task, too.
	tasks := func(t testing.TB, app core.App) int64 { n, _ := app.CountRecords("tasks"); return n }
	var count int64
	created := writes(1, 0)
	created["OnRecordCreateRequest"], created["OnRecordEnrich"] = 1, 1
	for _, c := range []struct {
		name, assignee string
		disabled       bool
		status         int
		want           []string
		events         map[string]int
		added          int64
	}{
		{"a new task for a colleague", testapp.LiftCounsellor2, false, 200, []string{`"title":"Rückruf"`}, created, 1},
		{"not for a disabled one", testapp.LiftCounsellor2, true, 400,
			[]string{`"assignee":{"code":"validation_assignee_invalid"`}, map[string]int{"OnRecordCreateRequest": 1}, 0},
		{"not for another Träger's counsellor", testapp.BwtwCounsellor, false, 400,
			[]string{`"assignee":{"code":"validation_assignee_invalid"`}, map[string]int{"OnRecordCreateRequest": 1}, 0},
	} {
		wsScenario{name: c.name, who: testapp.LiftCounsellor, method: http.MethodPost,
			url: fixed("/api/collections/tasks/records"), status: c.status, want: c.want, events: c.events,
			bodyOf: func(t testing.TB, app core.App) string {
				cs := caseOf(t, app, "Haidari")
				return jsonBody(map[string]any{"tenant": cs.GetString("tenant"), "case": cs.Id, "title": "Rückruf",
					"source": "manual", "assignee": userID(t, app, c.assignee)})
			},
			before: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
				if c.disabled {
					disable(c.assignee)(t, app, e)
				}
				count = tasks(t, app)
			},
			after: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if n := tasks(t, app) - count; n != c.added {
					t.Fatalf("%d tasks added, want %d", n, c.added)
				}
			}}.test(t)
	}
}

// Another Träger's counsellor gets nothing of a case's internal notes: not in
// a list (filtered by the case, its participant or the text), not by id, not
// through expand, and cannot write one on that case — neither as the case's
// Träger nor as their own.
func TestCaseNotesStayInTenant(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	cs := caseOf(t, app, "Haidari")
	lift, bwtw := testapp.Token(t, app, testapp.LiftCounsellor), testapp.Token(t, app, testapp.BwtwCounsellor)
	res := c.Do("POST", "/api/collections/case_notes/records", lift,
		map[string]any{"tenant": cs.GetString("tenant"), "case": cs.Id, "body": "Vertraulich: Schulden"})
	if res.Status != 200 {
		t.Fatalf("note: %d %s", res.Status, res.Body)
	}
	note := res.JSON()["id"].(string)
	notes := func() int64 { n, _ := app.CountRecords("case_notes"); return n }
	before := notes()

	list := "/api/collections/case_notes/records?filter="
	for _, q := range []string{"", url.QueryEscape("case='" + cs.Id + "'"), url.QueryEscape("case.participant.last_name='Haidari'"),
		url.QueryEscape("body~'Schulden'"), url.QueryEscape("id='" + note + "'")} {
		res := c.Do("GET", list+q+"&expand=case,case.participant", bwtw, nil)
		if res.Status != 200 || strings.Contains(string(res.Body), "Schulden") || strings.Contains(string(res.Body), note) {
			t.Fatalf("list %q: %d %s", q, res.Status, res.Body)
		}
		if q != "" && int(res.JSON()["totalItems"].(float64)) != 0 {
			t.Fatalf("list %q found %v", q, res.JSON()["totalItems"])
		}
	}
	if res := c.Do("GET", list+url.QueryEscape("case='"+cs.Id+"'"), lift, nil); !strings.Contains(string(res.Body), "Schulden") {
		t.Fatalf("the note's own Träger does not see it: %s", res.Body)
	}
	if res := c.Do("GET", "/api/collections/case_notes/records/"+note, bwtw, nil); res.Status != 404 {
		t.Fatalf("view: %d %s", res.Status, res.Body)
	}
	// Through a BWTW record's expand neither (events of their own cases).
	if res := c.Do("GET", "/api/collections/case_events/records?perPage=200&expand=case", bwtw, nil); strings.Contains(string(res.Body), cs.Id) {
		t.Fatalf("a LIFT case through expand: %s", res.Body)
	}

	bwtwTenant := testapp.Tenant(t, app, "bwtw").Id
	for name, body := range map[string]map[string]any{
		"as the case's Träger": {"tenant": cs.GetString("tenant"), "case": cs.Id, "body": "Fremd"},
		"as their own Träger":  {"tenant": bwtwTenant, "case": cs.Id, "body": "Fremd"},
	} {
		res := c.Do("POST", "/api/collections/case_notes/records", bwtw, body)
		if res.Status != 400 || notes() != before {
			t.Fatalf("create %s: %d %s (%d notes, were %d)", name, res.Status, res.Body, notes(), before)
		}
	}
	if res := c.Do("POST", "/api/collections/case_notes/records", bwtw,
		map[string]any{"tenant": bwtwTenant, "case": cs.Id, "body": "Fremd"}); !strings.Contains(string(res.Body), "validation_cross_tenant_relation") {
		t.Fatalf("want the cross-tenant field error: %s", res.Body)
	}
}
