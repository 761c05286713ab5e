package hooks_test

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// The workspace's live updates stay inside the Träger: a BWTW counsellor
// subscribed to every workspace collection receives nothing of a LIFT case's
// note, document or task (nor anything else of LIFT); a LIFT colleague
// receives all three.
func TestWorkspaceRealtimeStaysInTenant(t *testing.T) {
	app := testapp.New(t)
	srv := httptest.NewServer(testapp.Serve(t, app).Handler())
	t.Cleanup(srv.Close)
	t.Cleanup(srv.CloseClientConnections)
	topics := []string{"cases/*", "case_events/*", "tasks/*", "case_notes/*", "case_documents/*"}
	bwtw := subscribe(t, srv.URL, testapp.Token(t, app, testapp.BwtwCounsellor), topics...)
	colleague := subscribe(t, srv.URL, testapp.Token(t, app, testapp.LiftCounsellor2), topics...)

	c := caseOf(t, app, "Haidari")
	save := func(collection string, data map[string]any) {
		col, err := app.FindCollectionByNameOrId(collection)
		if err != nil {
			t.Fatal(err)
		}
		r := core.NewRecord(col)
		r.Load(map[string]any{"tenant": c.GetString("tenant"), "case": c.Id})
		r.Load(data)
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	save("case_notes", map[string]any{"body": "Vertraulich: Termin beim Arzt"})
	save("case_documents", map[string]any{"title": "Aufenthaltstitel"})
	save("tasks", map[string]any{"title": "Rückruf"})

	got := strings.Join(collect(colleague, 1500*time.Millisecond), "\n")
	for _, want := range []string{"Vertraulich", "Aufenthaltstitel", "Rückruf"} {
		if !strings.Contains(got, want) {
			t.Fatalf("the LIFT colleague did not receive %q: %s", want, got)
		}
	}
	// BWTW's own changes may arrive (the timer job runs meanwhile); LIFT's never.
	leaked := strings.Join(collect(bwtw, 200*time.Millisecond), "\n")
	for _, leak := range []string{c.Id, c.GetString("tenant"), "Vertraulich", "Aufenthaltstitel", "Rückruf"} {
		if strings.Contains(leaked, leak) {
			t.Fatalf("a BWTW counsellor received %q: %s", leak, leaked)
		}
	}
}
