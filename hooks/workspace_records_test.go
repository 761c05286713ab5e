package hooks_test

import (
	"net/http"
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
