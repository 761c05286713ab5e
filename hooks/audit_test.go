package hooks_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/hooks"
	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

func auditOf(t testing.TB, app core.App, record string) []*core.Record {
	t.Helper()
	rows, err := app.FindRecordsByFilter("audit_log", "record = {:r}", "seq", 0, 0, dbx.Params{"r": record})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// Every change is recorded with its actor, in the same transaction; the
// chain verifies, and any tampering breaks it.
func TestAuditLog(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	cs := registered(t, app, c, "lift", "audited-case")

	created := auditOf(t, app, cs.Id)
	if len(created) != 1 || created[0].GetString("action") != "create" || created[0].GetString("actor_kind") != "anonymous" {
		t.Fatalf("case creation: %v", created)
	}
	sub, _ := app.FindFirstRecordByData("submissions", "case", cs.Id)
	if len(auditOf(t, app, sub.Id)) != 1 || len(auditOf(t, app, sub.GetString("participant"))) != 1 {
		t.Fatal("the submission or the participant was not audited")
	}

	counsellor, _ := app.FindAuthRecordByEmail("users", testapp.LiftCounsellor2)
	res := c.Do("POST", "/api/mp/cases/"+cs.Id+"/assign", testapp.Token(t, app, testapp.LiftCounsellor),
		map[string]any{"assignee": counsellor.Id})
	if res.Status != 200 {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
	entries := auditOf(t, app, cs.Id)
	last := entries[len(entries)-1]
	me, _ := app.FindAuthRecordByEmail("users", testapp.LiftCounsellor)
	if last.GetString("action") != "update" || last.GetString("actor") != me.Id || !strings.Contains(last.GetString("fields"), "assignee") {
		t.Fatalf("update entry: %v", last)
	}
	if strings.Contains(last.GetString("fields"), counsellor.Id) {
		t.Fatal("the audit log holds a value")
	}

	walk(t, app, cs.Id, testapp.LiftCounsellor, toPlan("yes")[0])
	entries = auditOf(t, app, cs.Id)
	if last := entries[len(entries)-1]; last.GetString("actor") != me.Id || !strings.Contains(last.GetString("fields"), "state") {
		t.Fatalf("transition entry: %v", last)
	}

	if brk, n, err := hooks.VerifyAuditChain(app); err != nil || brk != nil || n < 5 {
		t.Fatalf("chain: %v over %d entries (%v)", brk, n, err)
	}

	// Tampering, even directly in the database, is detected.
	target := entries[0]
	if _, err := app.DB().Update("audit_log", dbx.Params{"actor_kind": "staff"}, dbx.HashExp{"id": target.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	brk, _, _ := hooks.VerifyAuditChain(app)
	if brk == nil || brk.Seq != target.GetInt("seq") {
		t.Fatalf("a changed entry went unnoticed: %v", brk)
	}
	if _, err := app.DB().Delete("audit_log", dbx.HashExp{"id": target.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	if brk, _, _ := hooks.VerifyAuditChain(app); brk == nil {
		t.Fatal("a removed entry went unnoticed")
	}

	// The log itself is append-only, even for superusers.
	res = c.Do("DELETE", "/api/collections/audit_log/records/"+entries[1].Id, testapp.SuperuserToken(t, app), nil)
	if res.Status < 400 {
		t.Fatalf("a superuser deleted an audit entry: %d", res.Status)
	}
}

// A change whose audit entry cannot be written does not happen.
func TestAuditSharesTheTransaction(t *testing.T) {
	app := testapp.New(t)
	p := testapp.First(t, app, "participants", "lift")
	before, _ := app.CountRecords("audit_log")
	// The audit log refuses every insert, as if its disk were full.
	_, err := app.DB().NewQuery(`CREATE TRIGGER audit_down BEFORE INSERT ON audit_log
		BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END`).Execute()
	if err != nil {
		t.Fatal(err)
	}
	p.Set("phone", "+49 999")
	if err := app.Save(p); err == nil {
		t.Fatal("the save succeeded without its audit entry")
	}
	fresh, _ := app.FindRecordById("participants", p.Id)
	if fresh.GetString("phone") == "+49 999" {
		t.Fatal("the change was stored without its audit entry")
	}
	if after, _ := app.CountRecords("audit_log"); after != before {
		t.Fatal("an audit entry was stored for a change that did not happen")
	}
}

func TestAuditVerifyCommand(t *testing.T) {
	app := testapp.New(t)
	cmd := hooks.Commands(app)[0]
	var out strings.Builder
	cmd.SetOut(&out)
	cmd.SetArgs([]string{"verify"})
	if err := cmd.Execute(); err != nil || !strings.Contains(out.String(), "audit chain intact") {
		t.Fatalf("%v %s", err, out.String())
	}
	if _, err := app.DB().NewQuery("UPDATE audit_log SET record = 'x' WHERE seq = 3").Execute(); err != nil {
		t.Fatal(err)
	}
	cmd.SetArgs([]string{"verify"})
	if err := cmd.Execute(); err == nil || !strings.Contains(err.Error(), "entry 3") {
		t.Fatalf("tampering not reported: %v", err)
	}
}
