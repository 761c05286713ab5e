package hooks_test

import (
	"errors"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// The inbox's counts per state come from case_counts, which triggers keep.
// Whatever writes cases — a registration (the writer's direct insert), a
// transition, an assignment, a rolled-back change, an erasure, a delete
// in plain SQL — the counts stay those of the cases table.
func TestCaseCountsFollowEveryWrite(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	check := func(step string) {
		t.Helper()
		var diff []struct {
			Tenant, State string
			N             int
		}
		err := app.DB().NewQuery("SELECT tenant, state, SUM(n) AS n FROM (" +
			" SELECT tenant, assignee, offer_type, state, n FROM case_counts" +
			" UNION ALL SELECT tenant, assignee, offer_type, state, -COUNT(*) FROM cases GROUP BY 1, 2, 3, 4)" +
			" GROUP BY tenant, assignee, offer_type, state HAVING SUM(n) != 0").All(&diff)
		if err != nil {
			t.Fatal(err)
		}
		if len(diff) > 0 {
			t.Fatalf("after %s the counts differ from the cases: %+v", step, diff)
		}
	}
	var fixtures int
	if err := app.DB().NewQuery("SELECT COALESCE(SUM(n), 0) FROM case_counts").Row(&fixtures); err != nil || fixtures == 0 {
		t.Fatalf("the migration counted no fixture cases (%d, %v)", fixtures, err)
	}
	check("the migration")

	cs := registered(t, app, c, "lift", "counts-1")
	check("a registration")
	walk(t, app, cs.Id, testapp.LiftCounsellor, toPlan("yes")[0])
	check("a transition")
	cs = fresh(t, app, cs)
	cs.Set("assignee", userID(t, app, testapp.LiftCounsellor2))
	if err := app.Save(cs); err != nil {
		t.Fatal(err)
	}
	check("an assignment")
	err := app.RunInTransaction(func(tx core.App) error {
		r := fresh(t, tx, cs)
		r.Set("state", "abgebrochen")
		if err := tx.Save(r); err != nil {
			return err
		}
		return errors.New("rolled back")
	})
	if err == nil {
		t.Fatal("the transaction was not rolled back")
	}
	check("a rolled-back change")

	other := registered(t, app, c, "lift", "counts-2")
	res := c.Do("POST", "/api/mp/participants/"+other.GetString("participant")+"/erase",
		testapp.Token(t, app, testapp.LiftAdmin), map[string]any{"mode": "remove"})
	if res.Status != 200 {
		t.Fatalf("erase: %d %s", res.Status, res.Body)
	}
	check("an erasure")
	if _, err := app.DB().NewQuery("DELETE FROM cases WHERE id = {:id}").Bind(map[string]any{"id": cs.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	check("a delete in plain SQL")
}
