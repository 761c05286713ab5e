package hooks_test

import (
	"bufio"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/hooks"
	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// A LIFT counsellor subscribed to every topic that could carry BWTW data
// (the whole collection, a BWTW record by id, its events and participants)
// receives LIFT's changes only.
func TestRealtimeStaysInTenant(t *testing.T) {
	app := testapp.New(t)
	srv := httptest.NewServer(testapp.Serve(t, app).Handler())
	t.Cleanup(srv.Close) // registered first, so it runs after the streams are closed
	t.Cleanup(srv.CloseClientConnections)
	liftCase, bwtwCase := testapp.First(t, app, "cases", "lift"), testapp.First(t, app, "cases", "bwtw")
	bwtwParticipant := testapp.First(t, app, "participants", "bwtw")

	events := subscribe(t, srv.URL, testapp.Token(t, app, testapp.LiftCounsellor),
		"cases/*", "cases/"+bwtwCase.Id, "case_events/*", "participants/*", "participants/"+bwtwParticipant.Id)
	anon := subscribe(t, srv.URL, "", "cases/*", "cases/"+liftCase.Id, "case_events/*")

	for _, c := range []*core.Record{bwtwCase, liftCase} {
		c.Set("state_entered", time.Now())
		if err := app.Save(c); err != nil {
			t.Fatal(err)
		}
		if err := hooks.AppendEvent(app, c, hooks.CaseEvent{Type: "note", ActorKind: "system"}); err != nil {
			t.Fatal(err)
		}
	}
	bwtwParticipant.Set("phone", "+49 000")
	if err := app.Save(bwtwParticipant); err != nil {
		t.Fatal(err)
	}

	got := collect(events, 1500*time.Millisecond)
	all := strings.Join(got, "\n")
	if !strings.Contains(all, liftCase.Id) {
		t.Fatalf("the counsellor should see their own Träger's change; got %q", all)
	}
	for _, leak := range []string{bwtwCase.Id, bwtwParticipant.Id, "Darwish"} {
		if strings.Contains(all, leak) {
			t.Fatalf("BWTW data %q reached a LIFT counsellor: %s", leak, all)
		}
	}
	if a := collect(anon, 200*time.Millisecond); len(a) != 0 {
		t.Fatalf("an anonymous subscriber received %v", a)
	}
}

// subscribe opens an SSE connection, subscribes to topics and streams the data
// of every message after PB_CONNECT.
func subscribe(t *testing.T, base, token string, topics ...string) <-chan string {
	t.Helper()
	resp, err := http.Get(base + "/api/realtime")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	out := make(chan string, 100)
	connected := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		event := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event:"):
				event = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
			case strings.HasPrefix(line, "data:"):
				data := strings.TrimSpace(strings.TrimPrefix(line, "data:"))
				if event == "PB_CONNECT" {
					var m struct{ ClientId string }
					_ = json.Unmarshal([]byte(data), &m)
					connected <- m.ClientId
				} else {
					out <- event + " " + data
				}
			}
		}
		close(out)
	}()
	var clientId string
	select {
	case clientId = <-connected:
	case <-time.After(3 * time.Second):
		t.Fatal("no PB_CONNECT")
	}
	body, _ := json.Marshal(map[string]any{"clientId": clientId, "subscriptions": topics})
	req, _ := http.NewRequest("POST", base+"/api/realtime", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 204 {
		t.Fatalf("subscribe: status %d", res.StatusCode)
	}
	return out
}

func collect(ch <-chan string, wait time.Duration) []string {
	var got []string
	deadline := time.After(wait)
	for {
		select {
		case m, ok := <-ch:
			if !ok {
				return got
			}
			got = append(got, m)
		case <-deadline:
			return got
		}
	}
}
