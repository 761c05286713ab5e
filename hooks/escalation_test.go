package hooks_test

import (
	"fmt"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// Mass assignment and privilege escalation: fields a caller may not set are
// refused with a 4xx and the record stays as it was.
func TestEscalationRefused(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	bwtw := testapp.Tenant(t, app, "bwtw")
	account, _ := app.FindAuthRecordByEmail("participant_accounts", testapp.LiftParticipant)
	self, _ := app.FindRecordById("participants", account.GetString("participant"))
	counsellor, _ := app.FindAuthRecordByEmail("users", testapp.LiftCounsellor)
	colleague, _ := app.FindAuthRecordByEmail("users", testapp.LiftCounsellor2)
	liftCase := testapp.First(t, app, "cases", "lift")
	event, _ := app.FindFirstRecordByData("case_events", "case", liftCase.Id)

	scenarios := []struct {
		name        string
		token       string
		method, url string
		body        map[string]any
		record      *core.Record
		field       string
	}{
		{"participant moves themselves to another Träger", testapp.LiftParticipant, "PATCH",
			"/api/collections/participants/records/" + self.Id, map[string]any{"tenant": bwtw.Id}, self, "tenant"},
		{"participant changes their name (not contact data)", testapp.LiftParticipant, "PATCH",
			"/api/collections/participants/records/" + self.Id, map[string]any{"last_name": "X"}, self, "last_name"},
		{"participant sets their own status", testapp.LiftParticipant, "PATCH",
			"/api/collections/participants/records/" + self.Id, map[string]any{"status": "anonymised"}, self, "status"},
		{"participant account moves to another Träger", testapp.LiftParticipant, "PATCH",
			"/api/collections/participant_accounts/records/" + account.Id, map[string]any{"tenant": bwtw.Id}, account, "tenant"},
		{"participant account points to another person", testapp.LiftParticipant, "PATCH",
			"/api/collections/participant_accounts/records/" + account.Id,
			map[string]any{"participant": testapp.First(t, app, "participants", "lift").Id}, account, "participant"},
		{"counsellor makes themselves tenant admin", testapp.LiftCounsellor, "PATCH",
			"/api/collections/users/records/" + counsellor.Id, map[string]any{"role": "tenant_admin"}, counsellor, "role"},
		{"counsellor moves to another Träger", testapp.LiftCounsellor, "PATCH",
			"/api/collections/users/records/" + counsellor.Id, map[string]any{"tenant": bwtw.Id}, counsellor, "tenant"},
		{"tenant admin moves a colleague to another Träger", testapp.LiftAdmin, "PATCH",
			"/api/collections/users/records/" + colleague.Id, map[string]any{"tenant": bwtw.Id}, colleague, "tenant"},
		{"tenant admin promotes a colleague to network admin", testapp.LiftAdmin, "PATCH",
			"/api/collections/users/records/" + colleague.Id, map[string]any{"role": "network_admin"}, colleague, "role"},
		{"counsellor moves a case's state outside the workflow", testapp.LiftCounsellor, "PATCH",
			"/api/collections/cases/records/" + liftCase.Id, map[string]any{"state": "vermittelt"}, liftCase, "state"},
		{"counsellor rewrites a case's answers", testapp.LiftCounsellor, "PATCH",
			"/api/collections/cases/records/" + liftCase.Id, map[string]any{"data": map[string]any{"x": 1}}, liftCase, "data"},
		{"superuser edits a case event", "superuser", "PATCH",
			"/api/collections/case_events/records/" + event.Id, map[string]any{"to": "abgeschlossen"}, event, "to"},
	}
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			tok := ""
			if s.token == "superuser" {
				tok = testapp.SuperuserToken(t, app)
			} else {
				tok = testapp.Token(t, app, s.token)
			}
			before := fmt.Sprint(s.record.Get(s.field))
			res := c.Do(s.method, s.url, tok, s.body)
			if res.Status < 400 || res.Status >= 500 {
				t.Fatalf("status %d, want 4xx: %s", res.Status, res.Body)
			}
			fresh, err := app.FindRecordById(s.record.Collection().Name, s.record.Id)
			if err != nil {
				t.Fatal(err)
			}
			if after := fmt.Sprint(fresh.Get(s.field)); after != before {
				t.Fatalf("%s changed from %q to %q", s.field, before, after)
			}
		})
	}

	t.Run("superuser cannot delete a case event", func(t *testing.T) {
		res := c.Do("DELETE", "/api/collections/case_events/records/"+event.Id, testapp.SuperuserToken(t, app), nil)
		if res.Status < 400 || res.Status >= 500 {
			t.Fatalf("status %d: %s", res.Status, res.Body)
		}
		if _, err := app.FindRecordById("case_events", event.Id); err != nil {
			t.Fatal("the case event is gone")
		}
	})

	t.Run("no open sign-up", func(t *testing.T) {
		res := c.Do("POST", "/api/collections/users/records", "", map[string]any{"email": "x@y.test",
			"password": "passwort-12345", "passwordConfirm": "passwort-12345", "role": "network_admin"})
		if res.Status < 400 || res.Status >= 500 {
			t.Fatalf("status %d: %s", res.Status, res.Body)
		}
	})
}

// Disabling a staff account ends its sessions at once and blocks new logins.
func TestDisablingEndsSessions(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	counsellorTok := testapp.Token(t, app, testapp.LiftCounsellor2)
	colleague, _ := app.FindAuthRecordByEmail("users", testapp.LiftCounsellor2)

	if res := c.Do("POST", "/api/collections/users/auth-refresh", counsellorTok, nil); res.Status != 200 {
		t.Fatalf("token should work before: %d", res.Status)
	}
	res := c.Do("PATCH", "/api/collections/users/records/"+colleague.Id, testapp.Token(t, app, testapp.LiftAdmin),
		map[string]any{"disabled": true})
	if res.Status != 200 {
		t.Fatalf("disable: %d %s", res.Status, res.Body)
	}
	if res := c.Do("POST", "/api/collections/users/auth-refresh", counsellorTok, nil); res.Status != 401 {
		t.Fatalf("old token after disabling: status %d, want 401", res.Status)
	}
	if res := c.Do("GET", "/api/collections/cases/records", counsellorTok, nil); res.Status != 200 ||
		res.JSON()["totalItems"].(float64) != 0 {
		t.Fatalf("old token still reads cases: %d %s", res.Status, res.Body)
	}
	res = c.Do("POST", "/api/collections/users/auth-with-password", "",
		map[string]any{"identity": testapp.LiftCounsellor2, "password": testapp.Password})
	if res.Status < 400 || res.Status >= 500 || res.JSON()["token"] != nil {
		t.Fatalf("login of a disabled account: status %d, want 4xx without a token", res.Status)
	}
}
