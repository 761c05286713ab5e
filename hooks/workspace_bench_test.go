package hooks_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
	"github.com/multipotenzial/multipotenzial/internal/textfold"
)

// inboxBenchCases is how many cases one Träger has in the inbox benchmark.
const inboxBenchCases = 10_000

// BenchmarkInbox measures GET /api/mp/inbox through the full router (auth,
// routing, the page query, the state counts, the flag counts, labels) for
// one counsellor of a Träger with 10,000 cases and 20,000 tasks:
//
//	go test -run '^$' -bench Inbox -benchtime 200x ./hooks/
func BenchmarkInbox(b *testing.B) {
	app := testapp.New(b)
	app.Settings().RateLimits.Enabled = false
	seedInbox(b, app, inboxBenchCases)
	mux := testapp.Serve(b, app).Handler()
	token := testapp.Token(b, app, testapp.LiftCounsellor)
	for _, q := range []struct{ name, query string }{
		{"mine", "scope=mine"},
		{"all", "scope=all"},
		{"state", "scope=all&state=profiling"},
		{"overdue", "scope=all&overdue=1"},
		{"sla", "scope=all&sla=1"},
		{"search", "scope=all&q=mustermann+7"},
		{"search_none", "scope=all&q=nobody"}, // no match: every case of the Träger is read
		{"page_200", "scope=all&page=200&per_page=25"},
	} {
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, "/api/mp/inbox?lang=de&"+q.query, nil)
				req.Header.Set("Authorization", token)
				rec := httptest.NewRecorder()
				mux.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatalf("%d %s", rec.Code, rec.Body)
				}
			}
		})
	}
}

// seedInbox writes n LIFT cases (with participants and two tasks each)
// straight into the database: states spread over the demo workflow, a
// third assigned to each LIFT counsellor, some SLAs run out and some tasks
// overdue.
func seedInbox(b testing.TB, app core.App, n int) {
	b.Helper()
	tenant := testapp.Tenant(b, app, "lift").Id
	demo := testapp.First(b, app, "cases", "lift")
	staff := []string{"", userID(b, app, testapp.LiftCounsellor), userID(b, app, testapp.LiftCounsellor2)}
	states := []string{"angemeldet", "erstgespraech", "profiling", "foerderplan", "in_massnahme", "vermittelt",
		"nachbetreuung", "abgeschlossen", "abgebrochen"}
	r := rand.New(rand.NewPCG(1, 2))
	now := time.Now()
	id := func() string { return core.GenerateDefaultRandomId() }
	err := app.RunInTransaction(func(tx core.App) error {
		db := tx.DB()
		for i := range n {
			p, c := id(), id()
			opened := now.Add(-time.Duration(r.IntN(400*24)) * time.Hour)
			state := states[r.IntN(len(states))]
			closed, sla := "", ""
			if state == "abgeschlossen" || state == "abgebrochen" {
				closed = dbTimeOf(opened.Add(100 * 24 * time.Hour))
			} else {
				sla = dbTimeOf(now.Add(time.Duration(r.IntN(60)-10) * 24 * time.Hour))
			}
			rows := []struct {
				table string
				cols  dbx.Params
			}{
				{"participants", dbx.Params{"id": p, "tenant": tenant, "first_name": fmt.Sprintf("Person %d", i),
					"last_name": fmt.Sprintf("Mustermann %d", i), "search": textfold.Fold(fmt.Sprintf("Person %d Mustermann %d", i, i)), "status": "registered", "channel": "online",
					"created": dbTimeOf(opened), "updated": dbTimeOf(opened)}},
				{"cases", dbx.Params{"id": c, "tenant": tenant, "participant": p, "offer_type": demo.GetString("offer_type"),
					"reference": fmt.Sprintf("LIFT-BENCH-%05d", i), "state": state, "assignee": staff[i%3],
					"opened": dbTimeOf(opened), "state_entered": dbTimeOf(opened), "closed": closed, "sla_due": sla,
					"workflow_version": demo.GetString("workflow_version"), "form_version": demo.GetString("form_version"),
					"created": dbTimeOf(opened), "updated": dbTimeOf(opened.Add(time.Duration(r.IntN(90*24)) * time.Hour))}},
			}
			for range 2 {
				rows = append(rows, struct {
					table string
					cols  dbx.Params
				}{"tasks", dbx.Params{"id": id(), "tenant": tenant, "case": c, "title": "Aufgabe", "assignee": staff[i%3],
					"done": closed != "", "source": "bench",
					"due":     dbTimeOf(now.Add(time.Duration(r.IntN(60)-20) * 24 * time.Hour)),
					"created": dbTimeOf(opened), "updated": dbTimeOf(opened)}})
			}
			for _, row := range rows {
				if _, err := db.Insert(row.table, row.cols).Execute(); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

func dbTimeOf(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.000Z") }
