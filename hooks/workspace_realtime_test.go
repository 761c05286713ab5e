package hooks_test

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
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

// Another Träger's counsellor and participant, subscribed to every workspace
// collection — whole collections, LIFT records by id, with an expand into
// the case and the participant — receive nothing of what LIFT's staff do
// through the routes and the record API: an assignment (case and event), a
// task given to a colleague, done and deleted, a note, a participant's new
// phone number. A LIFT colleague receives all of it.
func TestRealtimeOtherTenantReceivesNothing(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	srv := httptest.NewServer(c.Handler())
	t.Cleanup(srv.Close)
	t.Cleanup(srv.CloseClientConnections)
	cs := caseOf(t, app, "Haidari")
	task, participant := firstTask(t, app, "Haidari"), cs.GetString("participant")
	expand := `?options=` + url.QueryEscape(`{"query":{"expand":"case,case.participant"}}`)
	topics := []string{"cases/*", "case_events/*", "tasks/*", "case_notes/*", "participants/*",
		"cases/" + cs.Id, "tasks/" + task, "participants/" + participant,
		"tasks/*" + expand, "case_notes/*" + expand, "case_events/*" + expand}
	bwtw := subscribe(t, srv.URL, testapp.Token(t, app, testapp.BwtwCounsellor), topics...)
	bwtwAdmin := subscribe(t, srv.URL, testapp.Token(t, app, testapp.BwtwAdmin), topics...)
	bwtwPerson := subscribe(t, srv.URL, testapp.Token(t, app, testapp.BwtwParticipant), topics...)
	colleague := subscribe(t, srv.URL, testapp.Token(t, app, testapp.LiftCounsellor2), topics...)

	me, admin := testapp.Token(t, app, testapp.LiftCounsellor), testapp.Token(t, app, testapp.LiftAdmin)
	colleagueID := userID(t, app, testapp.LiftCounsellor2)
	do := func(method, url, token string, body any, want int) string {
		t.Helper()
		res := c.Do(method, url, token, body)
		if res.Status != want {
			t.Fatalf("%s %s: %d %s", method, url, res.Status, res.Body)
		}
		return string(res.Body)
	}
	do("POST", "/api/mp/cases/"+cs.Id+"/assign", me, map[string]any{"assignee": colleagueID}, 200)
	do("PATCH", "/api/collections/tasks/records/"+task, me, map[string]any{"assignee": colleagueID, "title": "Rückruf Frau H."}, 200)
	do("PATCH", "/api/collections/tasks/records/"+task, me, map[string]any{"done": true}, 200)
	newTask := do("POST", "/api/collections/tasks/records", me, map[string]any{"tenant": cs.GetString("tenant"), "case": cs.Id,
		"title": "Unterlagen anfordern", "source": "manual", "assignee": colleagueID}, 200)
	var created struct{ ID string }
	_ = json.Unmarshal([]byte(newTask), &created)
	do("DELETE", "/api/collections/tasks/records/"+created.ID, admin, nil, 204)
	do("POST", "/api/collections/case_notes/records", me, map[string]any{"tenant": cs.GetString("tenant"), "case": cs.Id,
		"body": "Vertraulich: Kinderbetreuung ungeklärt"}, 200)
	do("PATCH", "/api/collections/participants/records/"+participant, me, map[string]any{"phone": "+49 3631 999999"}, 200)

	got := strings.Join(collect(colleague, 1500*time.Millisecond), "\n")
	for _, want := range []string{`"action":"update"`, `"action":"delete"`, "Rückruf Frau H.", "Unterlagen anfordern",
		"Kinderbetreuung", "+49 3631 999999", `"type":"assigned"`, `"Haidari"`} {
		if !strings.Contains(got, want) {
			t.Fatalf("the LIFT colleague did not receive %s: %s", want, got)
		}
	}
	// BWTW's own changes may arrive (the timer job runs meanwhile); LIFT's never.
	for who, ch := range map[string]<-chan string{"counsellor": bwtw, "tenant admin": bwtwAdmin, "participant": bwtwPerson} {
		leaked := strings.Join(collect(ch, 200*time.Millisecond), "\n")
		for _, leak := range []string{cs.Id, cs.GetString("tenant"), task, created.ID, participant, colleagueID,
			"Rückruf", "Unterlagen", "Kinderbetreuung", "999999", "Haidari"} {
			if strings.Contains(leaked, leak) {
				t.Fatalf("BWTW's %s received %q: %s", who, leak, leaked)
			}
		}
	}
}
