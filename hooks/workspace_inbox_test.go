package hooks_test

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// inboxPage decodes an inbox response.
type inboxPage struct {
	Items []struct {
		ID           string `json:"id"`
		LastName     string `json:"last_name"`
		OverdueTasks int    `json:"overdue_tasks"`
		SLABreached  bool   `json:"sla_breached"`
	} `json:"items"`
	HasMore bool `json:"has_more"`
}

func readInbox(t testing.TB, res *http.Response) inboxPage {
	t.Helper()
	raw, _ := io.ReadAll(res.Body)
	var p inboxPage
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	return p
}

func fixed(url string) func(testing.TB, core.App) string {
	return func(testing.TB, core.App) string { return url }
}

// The demo data: LIFT has Al-Hassan and Tesfaye (beratung1), Kovalenko
// (beratung2) and Haidari (nobody); BWTW has Darwish, Ahmadi, Bondarenko, Demir.
func TestWorkspaceInbox(t *testing.T) {
	bwtwNames := []string{"Darwish", "Ahmadi", "Bondarenko", "Demir"}
	pastTask := func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
		c := caseOf(t, app, "Haidari")
		col, _ := app.FindCollectionByNameOrId("tasks")
		task := core.NewRecord(col)
		task.Load(map[string]any{"tenant": c.GetString("tenant"), "case": c.Id, "title": "Rückruf",
			"due": time.Now().Add(-48 * time.Hour)})
		if err := app.Save(task); err != nil {
			t.Fatal(err)
		}
	}
	slaRunOut := func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
		c := caseOf(t, app, "Kovalenko")
		c.Set("sla_due", time.Now().Add(-time.Hour))
		if err := app.Save(c); err != nil {
			t.Fatal(err)
		}
	}
	every := func(check func(overdue int, sla bool) bool) func(testing.TB, *tests.TestApp, *http.Response) {
		return func(t testing.TB, _ *tests.TestApp, res *http.Response) {
			for _, it := range readInbox(t, res).Items {
				if !check(it.OverdueTasks, it.SLABreached) {
					t.Fatalf("%s does not match the filter", it.LastName)
				}
			}
		}
	}
	for _, c := range []wsScenario{
		{name: "my cases", who: testapp.LiftCounsellor, url: fixed("/api/mp/inbox?scope=mine&lang=de"), status: 200,
			want: []string{"Al-Hassan", "Tesfaye", `"total":2`, `"state_label":"Erstgespräch"`},
			not:  append([]string{"Haidari", "Kovalenko"}, bwtwNames...)},
		{name: "all cases of my Träger, with counts per state", who: testapp.LiftCounsellor,
			url: fixed("/api/mp/inbox?scope=all"), status: 200,
			want: []string{"Al-Hassan", "Tesfaye", "Haidari", "Kovalenko", `"total":4`, `"open":4`,
				`"key":"angemeldet","label":"Angemeldet","kind":"start","sla_days":14,"terminal":false,"count":1`},
			not: bwtwNames},
		{name: "one state", who: testapp.LiftCounsellor, url: fixed("/api/mp/inbox?scope=all&state=angemeldet"), status: 200,
			want: []string{"Haidari", `"total":1`}, not: []string{"Al-Hassan", "Kovalenko"}},
		{name: "search by name", who: testapp.LiftCounsellor, url: fixed("/api/mp/inbox?scope=all&q=haid"), status: 200,
			want: []string{"Haidari", `"total":null`}, not: []string{"Al-Hassan", "Kovalenko"}},
		{name: "search by first and last name", who: testapp.LiftCounsellor, url: fixed("/api/mp/inbox?scope=all&q=olena+koval"),
			status: 200, want: []string{"Kovalenko"}, not: []string{"Haidari"}},
		{name: "search by reference", who: testapp.LiftCounsellor, status: 200, want: []string{"Kovalenko"}, not: []string{"Haidari"},
			url: func(t testing.TB, app core.App) string {
				return "/api/mp/inbox?scope=all&q=" + caseOf(t, app, "Kovalenko").GetString("reference")
			}},
		{name: "a search wildcard is a literal", who: testapp.LiftCounsellor, url: fixed("/api/mp/inbox?scope=all&q=%25"),
			status: 200, want: []string{`"items":[]`}},
		{name: "an overdue task", who: testapp.LiftCounsellor, url: fixed("/api/mp/inbox?scope=all&overdue=1"), status: 200,
			before: pastTask, want: []string{"Haidari"},
			after: every(func(overdue int, _ bool) bool { return overdue > 0 })},
		{name: "SLA run out", who: testapp.LiftCounsellor, url: fixed("/api/mp/inbox?scope=all&sla=1"), status: 200,
			before: slaRunOut, want: []string{"Kovalenko", `"sla_breached":true`},
			after: every(func(_ int, sla bool) bool { return sla })},
		{name: "paging without a count", who: testapp.LiftCounsellor, url: fixed("/api/mp/inbox?scope=all&per_page=1"), status: 200,
			want: []string{`"has_more":true`, `"per_page":1`},
			after: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
				if n := len(readInbox(t, res).Items); n != 1 {
					t.Fatalf("%d items on a page of 1", n)
				}
			}},
		{name: "the last page", who: testapp.LiftCounsellor, url: fixed("/api/mp/inbox?scope=all&per_page=3&page=2"), status: 200,
			want: []string{`"has_more":false`, `"page":2`}},
		{name: "another Träger's counsellor sees only their own", who: testapp.BwtwCounsellor,
			url: fixed("/api/mp/inbox?scope=all"), status: 200, want: bwtwNames,
			not: []string{"Al-Hassan", "Tesfaye", "Haidari", "Kovalenko"}},
		{name: "another Träger's offer as a filter finds nothing", who: testapp.BwtwCounsellor, status: 200,
			want: []string{`"items":[]`, `"total":0`}, not: []string{"Haidari"},
			url: func(t testing.TB, app core.App) string {
				return "/api/mp/inbox?scope=all&offer=" + caseOf(t, app, "Haidari").GetString("offer_type")
			}},
		{name: "a participant may not", who: testapp.LiftParticipant, url: fixed("/api/mp/inbox?scope=all"), status: 403,
			want: []string{`"status":403`}},
		{name: "a network admin may not", who: testapp.NetworkAdmin, url: fixed("/api/mp/inbox?scope=all"), status: 403,
			want: []string{`"status":403`}},
		{name: "anonymous", url: fixed("/api/mp/inbox"), status: 401, want: []string{`"status":401`}},
	} {
		c.test(t)
	}
}

// With hundreds of cases (seeded straight into the database), the filters
// hold on every page and the overdue and SLA counts stop at their cap.
func TestWorkspaceInboxManyCases(t *testing.T) {
	seeded := func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { seedInbox(t, app, 400) }
	type item = struct {
		OverdueTasks int    `json:"overdue_tasks"`
		SLABreached  bool   `json:"sla_breached"`
		SLADue       string `json:"sla_due"`
		Closed       string `json:"closed"`
	}
	page := func(t testing.TB, res *http.Response) []item {
		raw, _ := io.ReadAll(res.Body)
		var p struct{ Items []item }
		if err := json.Unmarshal(raw, &p); err != nil || len(p.Items) == 0 {
			t.Fatalf("%v: %.300s", err, raw)
		}
		return p.Items
	}
	for _, c := range []wsScenario{
		{name: "many overdue: every case on the page has an overdue task", who: testapp.LiftCounsellor,
			url: fixed("/api/mp/inbox?scope=all&overdue=1&page=2"), status: 200, before: seeded,
			want: []string{`"overdue":100`, `"flag_cap":100`, `"has_more":true`},
			after: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
				for _, it := range page(t, res) {
					if it.OverdueTasks == 0 || it.Closed != "" {
						t.Fatalf("%+v is not an open case with an overdue task", it)
					}
				}
			}},
		{name: "past the SLA: the longest overdue first", who: testapp.LiftCounsellor,
			url: fixed("/api/mp/inbox?scope=all&sla=1"), status: 200, before: seeded, want: []string{`"sla_breached":true`},
			after: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
				items := page(t, res)
				for i, it := range items {
					if !it.SLABreached || (i > 0 && it.SLADue < items[i-1].SLADue) {
						t.Fatalf("item %d: %+v", i, it)
					}
				}
			}},
		{name: "a deep page of my cases", who: testapp.LiftCounsellor, url: fixed("/api/mp/inbox?scope=mine&page=4&per_page=25"),
			status: 200, before: seeded, want: []string{`"page":4`, `"total":`}},
	} {
		c.test(t)
	}
}
