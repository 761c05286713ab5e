package hooks_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/multipotenzial/multipotenzial/demo/content"
	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// reportCase is a case of the report fixture; dates are days of 2023/2024
// at 10:00 UTC, long before the demo data (which is dated from today back).
type reportCase struct {
	ref, tenant, offer, state string
	opened, closed, placed    string
	outcome                   string
	events                    [][3]string // created, from, to
}

// reportCases: LIFT has months with 6, 2 and 1 entries, placements of each
// kind and a case whose state at the end of March differs from today's; BWTW
// has 60 places; FAU has five entries in one month; VHS one case.
var reportCases = []reportCase{
	{ref: "RPT-L0", tenant: "lift", state: "in_massnahme", opened: "2023-12-01"},
	{ref: "RPT-L1", tenant: "lift", state: "angemeldet", opened: "2024-01-05"},
	{ref: "RPT-L2", tenant: "lift", state: "erstgespraech", opened: "2024-01-08"},
	{ref: "RPT-L3", tenant: "lift", state: "in_massnahme", opened: "2024-01-10", events: [][3]string{
		{"2024-01-10", "", "angemeldet"}, {"2024-02-01", "angemeldet", "foerderplan"}, {"2024-05-01", "foerderplan", "in_massnahme"}}},
	{ref: "RPT-L4", tenant: "lift", state: "vermittelt", opened: "2024-01-12", placed: "2024-02-20", outcome: "work"},
	{ref: "RPT-L5", tenant: "lift", state: "abgebrochen", opened: "2024-01-15", closed: "2024-02-10", outcome: "dropped_out"},
	{ref: "RPT-L6", tenant: "lift", state: "abgeschlossen", opened: "2024-01-20", placed: "2024-03-05", closed: "2024-03-25", outcome: "training"},
	{ref: "RPT-L7", tenant: "lift", state: "profiling", opened: "2024-02-02"},
	{ref: "RPT-L8", tenant: "lift", state: "vermittelt", opened: "2024-02-14", placed: "2024-03-10", outcome: "internship"},
	{ref: "RPT-L9", tenant: "lift", offer: "sprachcafe", state: "neu", opened: "2024-03-03"},
	{ref: "RPT-B1", tenant: "bwtw", state: "angemeldet", opened: "2024-01-03"},
	{ref: "RPT-B2", tenant: "bwtw", state: "vermittelt", opened: "2024-01-04", placed: "2024-01-30", outcome: "work"},
	{ref: "RPT-B3", tenant: "bwtw", state: "abgebrochen", opened: "2024-02-05", closed: "2024-03-01", outcome: "moved_away"},
	{ref: "RPT-F1", tenant: "fau", state: "vermittelt", opened: "2024-01-02", placed: "2024-02-15", outcome: "work"},
	{ref: "RPT-F2", tenant: "fau", state: "angemeldet", opened: "2024-01-03"},
	{ref: "RPT-F3", tenant: "fau", state: "angemeldet", opened: "2024-01-04"},
	{ref: "RPT-F4", tenant: "fau", state: "erstgespraech", opened: "2024-01-05"},
	{ref: "RPT-F5", tenant: "fau", state: "erstgespraech", opened: "2024-01-06"},
	{ref: "RPT-F6", tenant: "fau", state: "erstgespraech", opened: "2024-02-07"},
	{ref: "RPT-V1", tenant: "vhs", state: "angemeldet", opened: "2024-03-12"},
}

// reportPeriod2024 is the fixture's period.
const reportPeriod2024 = "from=2024-01&to=2024-03"

func reportDate(day string) string {
	if day == "" {
		return ""
	}
	return day + " 10:00:00.000Z"
}

// seedReportCases writes the fixture straight into the database (Go saves;
// the cases' dates lie in the past) and a second LIFT offer, "Sprachcafé"
// (social, 10 places, in the Kyffhäuserkreis, no workflow).
func seedReportCases(t testing.TB, app core.App) {
	t.Helper()
	save := func(collection string, data map[string]any) *core.Record {
		col, err := app.FindCollectionByNameOrId(collection)
		if err != nil {
			t.Fatal(err)
		}
		r := core.NewRecord(col)
		for k, v := range data {
			if k == "created" { // an autodate field takes a value only raw
				d, err := types.ParseDateTime(v)
				if err != nil {
					t.Fatal(err)
				}
				r.SetRaw(k, d)
				continue
			}
			r.Set(k, v)
		}
		if err := app.Save(r); err != nil {
			t.Fatalf("%s %v: %v", collection, data, err)
		}
		return r
	}
	kyf, err := app.FindFirstRecordByData("regions", "code", "KYF")
	if err != nil {
		t.Fatal(err)
	}
	lift := testapp.Tenant(t, app, "lift")
	cafe := save("offer_types", map[string]any{"tenant": lift.Id, "slug": "sprachcafe", "title": map[string]string{"de": "Sprachcafé"},
		"category": "social", "capacity": 10, "status": "active", "regions": []string{kyf.Id}})
	for _, c := range reportCases {
		tenant := testapp.Tenant(t, app, c.tenant)
		offer, err := app.FindFirstRecordByFilter("offer_types", "tenant = {:t} && slug = {:s}",
			map[string]any{"t": tenant.Id, "s": content.IntakeOffer})
		if err != nil {
			t.Fatal(err)
		}
		if c.offer == "sprachcafe" {
			offer = cafe
		}
		p := save("participants", map[string]any{"tenant": tenant.Id, "first_name": "Vorname" + c.ref,
			"last_name": "Nachname" + c.ref, "status": "active"})
		rec := save("cases", map[string]any{"tenant": tenant.Id, "participant": p.Id, "offer_type": offer.Id,
			"reference": c.ref, "state": c.state, "opened": reportDate(c.opened), "closed": reportDate(c.closed),
			"placed": reportDate(c.placed), "outcome": c.outcome, "workflow_version": offer.GetString("workflow_version")})
		for i, ev := range c.events {
			typ := "transition"
			if i == 0 {
				typ = "created"
			}
			save("case_events", map[string]any{"tenant": tenant.Id, "case": rec.Id, "type": typ,
				"from": ev[1], "to": ev[2], "created": reportDate(ev[0])})
		}
	}
}

// reportSecrets are what the network report must never contain: every
// case's id and reference, every participant's id and name.
func reportSecrets(t testing.TB, app core.App) []string {
	t.Helper()
	var out []string
	cases, err := app.FindAllRecords("cases")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		out = append(out, c.Id, c.GetString("reference"), c.GetString("participant"))
	}
	people, err := app.FindAllRecords("participants")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range people {
		out = append(out, p.Id, p.GetString("first_name"), p.GetString("last_name"))
	}
	return out
}
