package hooks

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	_ "github.com/multipotenzial/multipotenzial/pb_migrations"
)

// Every aggregate reads cases through a (tenant, date) index, or the case's
// events through (case, created): none scans a whole table.
func TestReportQueriesUseIndexes(t *testing.T) {
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: t.TempDir()})
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = app.ResetBootstrapState() })
	if err := app.RunAllMigrations(); err != nil {
		t.Fatal(err)
	}
	tenants := []reportTenant{{ID: "aaaaaaaaaaaaaaa"}, {ID: "bbbbbbbbbbbbbbb"}}
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, berlinZone)
	p := newReportPeriod(from, from.AddDate(0, 5, 0), from.AddDate(1, 0, 0))
	for name, c := range map[string]struct {
		q    sqlQuery
		want []string
	}{
		"entries":    {monthlySQL(tenants, p, "opened", "", false), []string{"idx_cases_tenant_opened"}},
		"exits":      {monthlySQL(tenants, p, "closed", "", true), []string{"idx_cases_tenant_closed"}},
		"placements": {monthlySQL(tenants, p, "placed", placedOnly, true), []string{"idx_cases_tenant_placed"}},
		"in use":     {openSQL(tenants, p), []string{"idx_cases_tenant_opened"}},
		"stock":      {stockSQL(tenants, p), []string{"idx_cases_tenant_opened", "idx_case_events_case_created"}},
		"times":      {timesSQL(tenants, p), []string{"idx_cases_tenant_placed"}},
	} {
		var plan []struct {
			Detail string `db:"detail"`
		}
		if err := app.DB().NewQuery("EXPLAIN QUERY PLAN " + c.q.sql).Bind(c.q.params).All(&plan); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var lines []string
		for _, l := range plan {
			lines = append(lines, l.Detail)
		}
		all := strings.Join(lines, "\n")
		for _, idx := range c.want {
			if !strings.Contains(all, idx) {
				t.Errorf("%s does not use %s:\n%s", name, idx, all)
			}
		}
		for _, l := range lines {
			if (strings.HasPrefix(l, "SCAN c") || strings.HasPrefix(l, "SCAN e")) && !strings.Contains(l, "INDEX") {
				t.Errorf("%s scans a table: %s", name, all)
			}
		}
	}
}

// Months are Berlin's: January 2026 starts at 23:00 UTC on 31 December.
func TestReportPeriodMonths(t *testing.T) {
	from := time.Date(2025, 12, 1, 0, 0, 0, 0, berlinZone)
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	p := newReportPeriod(from, time.Date(2026, 3, 1, 0, 0, 0, 0, berlinZone), now)
	if len(p.Months) != 4 || p.Months[1].Key != "2026-01" || p.Months[1].Lo != "2025-12-31 23:00:00.000Z" ||
		p.Months[3].Hi != "2026-03-31 22:00:00.000Z" {
		t.Fatalf("%+v", p.Months)
	}
	if !p.Cutoff.Equal(now) {
		t.Fatalf("the running month's stock is counted now, not at %v", p.Cutoff)
	}
}
