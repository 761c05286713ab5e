package hooks_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"
	"github.com/xuri/excelize/v2"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// reportScenario is one GET of a report route by who ("" anonymous, "su" a
// superuser) on the demo data plus the report fixture. With secrets, the
// body must not hold any case's or participant's id, reference or name.
type reportScenario struct {
	name, who, url string
	status         int
	want, notWant  []string
	secrets        bool
	check          func(t testing.TB, body []byte, header http.Header)
}

func (c reportScenario) run(t *testing.T) {
	s := tests.ApiScenario{Name: c.name, Method: http.MethodGet, URL: c.url, ExpectedStatus: c.status,
		ExpectedContent: c.want, NotExpectedContent: c.notWant, ExpectedEvents: map[string]int{"*": 0}}
	s.TestAppFactory = func(t testing.TB) *tests.TestApp {
		app := testapp.Factory(t)
		seedReportCases(t, app)
		switch c.who {
		case "":
		case "su":
			s.Headers = map[string]string{"Authorization": testapp.SuperuserToken(t, app)}
		default:
			s.Headers = map[string]string{"Authorization": testapp.Token(t, app, c.who)}
		}
		if c.secrets {
			s.NotExpectedContent = append(slices.Clone(c.notWant), reportSecrets(t, app)...)
		}
		return app
	}
	s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
		if c.check == nil {
			return
		}
		body, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		c.check(t, body, res.Header)
	}
	s.Test(t)
}

const (
	tenantRoute  = "/api/mp/reports/tenant?" + reportPeriod2024
	networkRoute = "/api/mp/reports/network?" + reportPeriod2024
)

// Who may ask for which report; a wrong period or format is a field error.
func TestReportAccess(t *testing.T) {
	now := time.Now().In(time.FixedZone("", 0))
	next := now.AddDate(0, 2, 0).Format("2006-01")
	for _, c := range []reportScenario{
		{name: "anonymous: tenant report", url: tenantRoute, status: 401, want: []string{`"status":401`}},
		{name: "anonymous: network report", url: networkRoute, status: 401, want: []string{`"status":401`}},
		{name: "a participant: tenant report", who: testapp.LiftParticipant, url: tenantRoute, status: 403, want: []string{`"status":403`}},
		{name: "a superuser: network report (staff only)", who: "su", url: networkRoute, status: 403, want: []string{`"status":403`}},
		{name: "a network admin has no Träger: tenant report", who: testapp.NetworkAdmin, url: tenantRoute, status: 403,
			want: []string{`"code":"report_not_allowed"`}},
		{name: "a counsellor: network report", who: testapp.LiftCounsellor, url: networkRoute, status: 403,
			want: []string{`"code":"report_not_allowed"`}, notWant: []string{`"tables"`}},
		{name: "a tenant admin: network report", who: testapp.LiftAdmin, url: networkRoute, status: 403,
			want: []string{`"code":"report_not_allowed"`}, notWant: []string{`"tables"`}},
		{name: "BWTW's counsellor: network report csv", who: testapp.BwtwCounsellor, url: networkRoute + "&format=csv", status: 403,
			want: []string{`"code":"report_not_allowed"`}},
		{name: "a month that is none", who: testapp.LiftAdmin, url: "/api/mp/reports/tenant?from=2024-13", status: 400,
			want: []string{`"from":{"code":"report_month_invalid"`}},
		{name: "a month without its leading zero", who: testapp.NetworkAdmin, url: "/api/mp/reports/network?to=2024-1", status: 400,
			want: []string{`"to":{"code":"report_month_invalid"`}},
		{name: "a period into the future", who: testapp.LiftAdmin, url: "/api/mp/reports/tenant?to=" + next, status: 400,
			want: []string{`"to":{"code":"report_period_future"`}},
		{name: "a period that ends before it starts", who: testapp.LiftAdmin, url: "/api/mp/reports/tenant?from=2024-05&to=2024-03",
			status: 400, want: []string{`"from":{"code":"report_period_reversed"`}},
		{name: "a period of 25 months", who: testapp.NetworkAdmin, url: "/api/mp/reports/network?from=2022-01&to=2024-01",
			status: 400, want: []string{`"from":{"code":"report_period_too_long"`}},
		{name: "a format we do not write", who: testapp.LiftAdmin, url: tenantRoute + "&format=pdf", status: 400,
			want: []string{`"format":{"code":"report_format_invalid"`}},
		{name: "without a period: January to this month", who: testapp.LiftCounsellor, url: "/api/mp/reports/tenant", status: 200,
			want: []string{`"from":"` + time.Now().Format("2006") + `-01"`, `"scope":"tenant"`}},
	} {
		c.run(t)
	}
}

// reportJSON is the decoded body of a report.
type reportJSON struct {
	Scope  string `json:"scope"`
	Tenant *struct {
		Slug     string `json:"slug"`
		Capacity int    `json:"capacity"`
	} `json:"tenant"`
	Suppression *struct{ Threshold, Primary, Secondary int } `json:"suppression"`
	Period      struct{ From, To, Cutoff string }            `json:"period"`
	Tables      []struct {
		Key     string `json:"key"`
		Columns []struct{ Key, Label, Unit string }
		Rows    []struct {
			Label string `json:"label"`
			Total bool   `json:"total"`
			Cells []any  `json:"cells"`
		} `json:"rows"`
	} `json:"tables"`
}

func decodeReport(t testing.TB, body []byte) reportJSON {
	t.Helper()
	var r reportJSON
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	return r
}

// table renders a table as "label: cell cell …" lines, numbers as JSON has
// them and suppressed cells as their markers.
func (r reportJSON) table(t testing.TB, key string) []string {
	t.Helper()
	for _, tb := range r.Tables {
		if tb.Key != key {
			continue
		}
		var out []string
		for _, row := range tb.Rows {
			var cells []string
			for _, c := range row.Cells {
				cells = append(cells, fmt.Sprint(c))
			}
			out = append(out, row.Label+": "+strings.Join(cells, " "))
		}
		return out
	}
	t.Fatalf("no table %s", key)
	return nil
}

func wantTable(t testing.TB, r reportJSON, key string, want ...string) {
	t.Helper()
	if got := r.table(t, key); !slices.Equal(got, want) {
		t.Errorf("%s:\n got %q\nwant %q", key, got, want)
	}
}

// liftTables are LIFT's exact figures for January to March 2024.
func liftTables(t testing.TB, r reportJSON) {
	if r.Scope != "tenant" || r.Tenant.Slug != "lift" || r.Period.Cutoff != "2024-03-31T22:00:00Z" {
		t.Fatalf("%+v", r)
	}
	// RPT-L3 is "in Maßnahme" today but was in "Förderplan" at the end of March.
	wantTable(t, r, "stock_state", "Angemeldet: 1", "Erstgespräch: 1", "Profiling: 1", "Förderplan: 1",
		"In Maßnahme: 1", "Vermittelt: 2", "Nachbetreuung: 0", "neu: 1", "Gesamt: 8")
	wantTable(t, r, "stock_offer", "Anmeldung Integrationsbegleitung: 7 <nil> <nil>", "Sprachcafé: 1 10 10",
		"Gesamt: 8 <nil> <nil>")
	wantTable(t, r, "stock_district", "Kyffhäuserkreis: 1", "Landkreis Nordhausen: 7", "Gesamt: 8")
	wantTable(t, r, "flows", "Januar 2024: 6 0 0", "Februar 2024: 2 1 1", "März 2024: 1 1 2", "Gesamt: 9 2 3")
	wantTable(t, r, "exits_outcome", "Januar 2024: 0 0 0 0 0 0 0 0", "Februar 2024: 0 0 0 1 0 0 0 1",
		"März 2024: 0 1 0 0 0 0 0 1", "Gesamt: 0 1 0 1 0 0 0 2")
	wantTable(t, r, "placements_type", "Januar 2024: 0 0 0 0", "Februar 2024: 1 0 0 1", "März 2024: 0 1 1 2", "Gesamt: 1 1 1 3")
	// 25, 39 and 45 days: median 39, mean 36.3
	wantTable(t, r, "placement_time", "Arbeit: 1 39 39", "Ausbildung: 1 45 45", "Praktikum: 1 25 25", "Gesamt: 3 39 36.3")
	wantTable(t, r, "capacity_month", "Januar 2024: 7 <nil> <nil>", "Februar 2024: 8 <nil> <nil>", "März 2024: 8 <nil> <nil>")
}

// A Träger's staff get their own Träger's exact figures, and only those.
func TestReportTenantFigures(t *testing.T) {
	otherTenants := []string{"bwtw", "BWTW", "Bildungswerk der Thüringer", "fau", "FAU", "VHS"}
	for _, c := range []reportScenario{
		{name: "LIFT's admin", who: testapp.LiftAdmin, url: tenantRoute, status: 200,
			want: []string{`"scope":"tenant"`, `"slug":"lift"`}, notWant: append(otherTenants, `"suppression"`, `"<5"`),
			check: func(t testing.TB, body []byte, _ http.Header) { liftTables(t, decodeReport(t, body)) }},
		{name: "LIFT's counsellor", who: testapp.LiftCounsellor, url: tenantRoute, status: 200,
			want: []string{`"slug":"lift"`}, notWant: otherTenants,
			check: func(t testing.TB, body []byte, _ http.Header) { liftTables(t, decodeReport(t, body)) }},
		{name: "BWTW's admin: its 60 places", who: testapp.BwtwAdmin, url: tenantRoute, status: 200,
			want: []string{`"slug":"bwtw"`, `"capacity":60`}, notWant: []string{`"lift"`, "LIFT", "Sprachcafé", "FAU"},
			check: func(t testing.TB, body []byte, _ http.Header) {
				r := decodeReport(t, body)
				wantTable(t, r, "flows", "Januar 2024: 2 0 1", "Februar 2024: 1 0 0", "März 2024: 0 1 0", "Gesamt: 3 1 1")
				wantTable(t, r, "stock_state", "Angemeldet: 1", "Erstgespräch: 0", "Profiling: 0", "Förderplan: 0",
					"In Maßnahme: 0", "Vermittelt: 1", "Nachbetreuung: 0", "Gesamt: 2")
				wantTable(t, r, "stock_offer", "Anmeldung Integrationsbegleitung: 2 60 3.3", "Gesamt: 2 60 3.3")
				wantTable(t, r, "capacity_month", "Januar 2024: 2 60 3.3", "Februar 2024: 3 60 5", "März 2024: 2 60 3.3")
				wantTable(t, r, "placement_time", "Arbeit: 1 26 26", "Ausbildung: 0 <nil> <nil>", "Praktikum: 0 <nil> <nil>",
					"Gesamt: 1 26 26")
				wantTable(t, r, "exits_outcome", "Januar 2024: 0 0 0 0 0 0 0 0", "Februar 2024: 0 0 0 0 0 0 0 0",
					"März 2024: 0 0 0 0 1 0 0 1", "Gesamt: 0 0 0 0 1 0 0 1")
			}},
	} {
		c.run(t)
	}
}

// The network admin gets every Träger's figures and the network's with
// every count of 1 to 4 as "<5" and enough further cells as "x" that none
// can be recomputed from a row or column; never a person or a case.
func TestReportNetwork(t *testing.T) {
	c := reportScenario{name: "the network admin", who: testapp.NetworkAdmin, url: networkRoute, status: 200, secrets: true,
		want: []string{`"scope":"network"`, `"threshold":5`, `"short_name":"BWTW"`, `"capacity":60`},
		check: func(t testing.TB, body []byte, _ http.Header) {
			r := decodeReport(t, body)
			// entries: BWTW 2/1/0, FAU 5/1/0, LIFT 6/2/1, VHS 0/0/1
			wantTable(t, r, "entries", "Januar 2024: <5 x x 0 x", "Februar 2024: <5 <5 <5 0 <5",
				"März 2024: 0 0 <5 <5 <5", "Gesamt: <5 x x <5 x")
			wantTable(t, r, "placement_time", "BWTW: <5 x x", "FAU: <5 x x", "LIFT: <5 x x",
				"VHS-Bildungswerk: 0 <nil> <nil>", "Netzwerk: x x x")
			wantTable(t, r, "capacity", "BWTW: 60 <5 x", "FAU: <nil> x x", "LIFT: <nil> x x", "VHS-Bildungswerk: <nil> <5 x",
				"Netzwerk: <nil> x x")
			checkSuppressed(t, r)
		}}
	c.run(t)
}

// checkSuppressed: no count column shows 1 to 4, and in the tables of rows
// × Träger each row and each column holding a suppressed cell holds at least
// two (else the total gives it away).
func checkSuppressed(t testing.TB, r reportJSON) {
	t.Helper()
	if r.Suppression == nil || r.Suppression.Primary == 0 || r.Suppression.Secondary == 0 {
		t.Fatalf("suppression %+v", r.Suppression)
	}
	hidden := func(c any) bool { return c == "<5" || c == "x" }
	for _, tb := range r.Tables {
		grid := tb.Columns[len(tb.Columns)-1].Key == "network"
		cols := make([]int, len(tb.Columns))
		for _, row := range tb.Rows {
			n := 0
			for j, c := range row.Cells {
				if v, ok := c.(float64); ok && tb.Columns[j].Unit == "count" && v > 0 && v < 5 {
					t.Errorf("%s %s: %v shown", tb.Key, row.Label, v)
				}
				if hidden(c) {
					n++
					cols[j]++
				}
			}
			if grid && n == 1 {
				t.Errorf("%s %s: one suppressed cell in the row %v", tb.Key, row.Label, row.Cells)
			}
		}
		hasTotal := len(tb.Rows) > 0 && tb.Rows[len(tb.Rows)-1].Total
		for j, n := range cols {
			if grid && hasTotal && n == 1 {
				t.Errorf("%s: one suppressed cell in column %s", tb.Key, tb.Columns[j].Label)
			}
		}
	}
}

// CSV for German Excel: BOM, ";" and CRLF, the same figures and markers.
func TestReportCSV(t *testing.T) {
	for _, c := range []reportScenario{
		{name: "LIFT's admin", who: testapp.LiftAdmin, url: tenantRoute + "&format=csv", status: 200,
			want: []string{"\ufeffBericht;MultiPotenzial", "\r\nTräger;LIFT gGmbH\r\n", "Zeitraum;Januar 2024 bis März 2024",
				"Stichtag des Bestands;31.03.2024",
				"\r\nZugänge, Abgänge und Vermittlungen je Monat\r\nMonat;Zugänge;Abgänge;Vermittlungen\r\n" +
					"Januar 2024;6;0;0\r\nFebruar 2024;2;1;1\r\nMärz 2024;1;1;2\r\nGesamt;9;2;3\r\n",
				"\r\nGesamt;3;39;36,3\r\n", "\r\nSprachcafé;1;10;10\r\n"},
			notWant: []string{"BWTW", "<5"},
			check: func(t testing.TB, body []byte, h http.Header) {
				if h.Get("Content-Type") != "text/csv; charset=utf-8" || h.Get("Cache-Control") != "no-store" ||
					h.Get("Content-Disposition") != `attachment; filename="multipotenzial-bericht-lift-2024-01-bis-2024-03.csv"` {
					t.Fatalf("headers %v", h)
				}
			}},
		{name: "the network admin", who: testapp.NetworkAdmin, url: networkRoute + "&format=csv", status: 200, secrets: true,
			want: []string{"\ufeffBericht;", "Bereich;Netzwerk", `Geheimhaltung;"<5 = 1 bis 4 Fälle;`,
				"\r\nZugänge je Monat\r\nMonat;BWTW;FAU;LIFT;VHS-Bildungswerk;Netzwerk\r\n" +
					"Januar 2024;<5;x;x;0;x\r\nFebruar 2024;<5;<5;<5;0;<5\r\nMärz 2024;0;0;<5;<5;<5\r\nGesamt;<5;x;x;<5;x\r\n"}},
	} {
		c.run(t)
	}
}

// XLSX: one sheet per table after an overview, numbers as numbers, the
// markers as text; read back with excelize.
func TestReportXLSX(t *testing.T) {
	open := func(t testing.TB, body []byte) *excelize.File {
		f, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	rows := func(t testing.TB, f *excelize.File, sheet string) [][]string {
		r, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	for _, c := range []reportScenario{
		{name: "LIFT's admin", who: testapp.LiftAdmin, url: tenantRoute + "&format=xlsx", status: 200, want: []string{"PK"},
			check: func(t testing.TB, body []byte, h http.Header) {
				if h.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
					t.Fatalf("headers %v", h)
				}
				f := open(t, body)
				want := []string{"Übersicht", "Bestand Status", "Bestand Angebot", "Bestand Landkreis", "Zu- und Abgänge",
					"Abgänge Verbleib", "Vermittlungen Art", "Zeit bis Vermittlung", "Belegung"}
				if got := f.GetSheetList(); !slices.Equal(got, want) {
					t.Fatalf("sheets %q", got)
				}
				flows := rows(t, f, "Zu- und Abgänge")
				if flows[0][0] != "Zugänge, Abgänge und Vermittlungen je Monat" ||
					fmt.Sprint(flows[2:7]) != "[[Monat Zugänge Abgänge Vermittlungen] [Januar 2024 6 0 0] [Februar 2024 2 1 1] [März 2024 1 1 2] [Gesamt 9 2 3]]" {
					t.Fatalf("flows %q", flows)
				}
				mean, err := f.GetCellValue("Zeit bis Vermittlung", "D7", excelize.Options{RawCellValue: true})
				if err != nil || mean != "36.3" {
					t.Fatalf("mean %q %v", mean, err)
				}
				if typ, _ := f.GetCellType("Zu- und Abgänge", "B4"); typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
					t.Fatalf("a count stored as text (%v)", typ)
				}
				overview := rows(t, f, "Übersicht")
				if overview[1][1] != "LIFT gGmbH" || overview[2][1] != "Januar 2024 bis März 2024" {
					t.Fatalf("overview %q", overview)
				}
			}},
		{name: "the network admin", who: testapp.NetworkAdmin, url: networkRoute + "&format=xlsx", status: 200, want: []string{"PK"},
			check: func(t testing.TB, body []byte, _ http.Header) {
				f := open(t, body)
				entries := rows(t, f, "Zugänge")
				if fmt.Sprint(entries[2:7]) != "[[Monat BWTW FAU LIFT VHS-Bildungswerk Netzwerk] [Januar 2024 <5 x x 0 x] "+
					"[Februar 2024 <5 <5 <5 0 <5] [März 2024 0 0 <5 <5 <5] [Gesamt <5 x x <5 x]]" {
					t.Fatalf("entries %q", entries)
				}
				var text strings.Builder
				for _, sheet := range f.GetSheetList() {
					for _, row := range rows(t, f, sheet) {
						text.WriteString(strings.Join(row, "|") + "\n")
					}
				}
				for _, ref := range []string{"RPT-", "VornameRPT", "NachnameRPT", "Al-Hassan", "Darwish"} {
					if strings.Contains(text.String(), ref) {
						t.Fatalf("the workbook names %q", ref)
					}
				}
			}},
	} {
		c.run(t)
	}
}
