package hooks_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/hooks"
	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// Query plans of the hot queries: a changed index or query must not fall
// back to reading whole tables (each was measured with cmd/loadtest).

// queryPlan returns SQLite's plan for a query, one line per step.
func queryPlan(t *testing.T, app core.App, sql string, params dbx.Params) string {
	t.Helper()
	rows, err := app.DB().NewQuery("EXPLAIN QUERY PLAN " + sql).Bind(params).Rows()
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	return strings.Join(plan, "; ")
}

// The idempotency lookup runs before every registration: it must use the
// partial unique index, not read every submission of the Träger (which made
// registrations slower the more there were).
func TestSubmissionByKeyUsesTheIndex(t *testing.T) {
	app := testapp.New(t)
	q := hooks.SubmissionByKeyQuery(app, testapp.Tenant(t, app, "bwtw").Id, "some-key-0001").Build()
	if got := queryPlan(t, app, q.SQL(), q.Params()); !strings.Contains(got, "idx_submissions_idempotency") {
		t.Fatalf("the lookup does not use idx_submissions_idempotency: %s", got)
	}
}

// A counsellor's inbox (their own cases, the default) walks their cases by
// the (tenant, assignee, updated) index, in page order, instead of all of
// the Träger's cases in (tenant, updated) order; the Träger's inbox keeps
// the index order.
func TestInboxPageQueryPlans(t *testing.T) {
	app := testapp.New(t)
	tenant := testapp.Tenant(t, app, "bwtw").Id
	sql, params := hooks.InboxListSQL(true, tenant, "someone")
	mine := queryPlan(t, app, sql, params)
	if !strings.Contains(mine, "idx_cases_tenant_assignee_updated") {
		t.Fatalf("own cases: %s", mine)
	}
	// The only sort left is the outer one over the page's rows.
	if strings.Count(mine, "TEMP B-TREE") > 1 {
		t.Fatalf("own cases are sorted before the page is cut: %s", mine)
	}
	sql, params = hooks.InboxListSQL(false, tenant, "someone")
	all := queryPlan(t, app, sql, params)
	if !strings.Contains(all, "idx_cases_tenant_updated") {
		t.Fatalf("all cases: %s", all)
	}
}

// A case's pending timers are found by the timers' case index, not by
// reading every pending timer in (status, due) order.
func TestPendingTimersQueryPlan(t *testing.T) {
	app := testapp.New(t)
	q := hooks.PendingTimersQuery(app, "some-case").Build()
	if got := queryPlan(t, app, q.SQL(), q.Params()); !strings.Contains(got, "idx_timers_case") {
		t.Fatalf("pending timers: %s", got)
	}
}
