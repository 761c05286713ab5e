package hooks_test

import (
	"strings"
	"testing"

	"github.com/multipotenzial/multipotenzial/hooks"
	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// The idempotency lookup runs before every registration: it must use the
// partial unique index, not read every submission of the Träger (which made
// registrations slower the more there were).
func TestSubmissionByKeyUsesTheIndex(t *testing.T) {
	app := testapp.New(t)
	q := hooks.SubmissionByKeyQuery(app, testapp.Tenant(t, app, "bwtw").Id, "some-key-0001").Build()
	rows, err := app.DB().NewQuery("EXPLAIN QUERY PLAN " + q.SQL()).Bind(q.Params()).Rows()
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
	if got := strings.Join(plan, "; "); !strings.Contains(got, "idx_submissions_idempotency") {
		t.Fatalf("the lookup does not use idx_submissions_idempotency: %s", got)
	}
}
