package hooks_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// A participant's account reads their own cases — state label in their
// language, the Träger's contact, the messages sent to them — and nothing
// of anyone else's, nor what the counsellors keep for themselves.
func TestParticipantSeesOwnCaseStatus(t *testing.T) {
	app := testapp.New(t)
	client := testapp.Serve(t, app)

	samir, err := app.FindAuthRecordByEmail("participant_accounts", testapp.BwtwParticipant)
	if err != nil {
		t.Fatal(err)
	}
	own, err := app.FindAllRecords("cases", dbx.HashExp{"participant": samir.GetString("participant")})
	if err != nil || len(own) == 0 {
		t.Fatalf("Samir's cases: %d, %v", len(own), err)
	}
	others, err := app.FindAllRecords("cases", dbx.Not(dbx.HashExp{"participant": samir.GetString("participant")}))
	if err != nil || len(others) == 0 {
		t.Fatalf("the others' cases: %d, %v", len(others), err)
	}

	// What the counsellors keep for themselves about Samir's case.
	noteCol, err := app.FindCollectionByNameOrId("case_notes")
	if err != nil {
		t.Fatal(err)
	}
	note := core.NewRecord(noteCol)
	note.Set("tenant", own[0].GetString("tenant"))
	note.Set("case", own[0].Id)
	note.Set("body", "Intern: nur für die Beratung")
	if err := app.Save(note); err != nil {
		t.Fatal(err)
	}

	res := client.Do(http.MethodGet, "/api/mp/me/cases?lang=ar", testapp.Token(t, app, testapp.BwtwParticipant), nil)
	if res.Status != http.StatusOK {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
	body := string(res.Body)
	cases, _ := res.JSON()["cases"].([]any)
	var refs []string
	for _, c := range cases {
		m := c.(map[string]any)
		refs = append(refs, m["reference"].(string))
		state := m["state"].(map[string]any)
		if state["key"] == "profiling" && (state["label"] != "تقييم المهارات" || state["language"] != "ar" || state["kind"] != "active") {
			t.Errorf("state %v, want the Arabic label of profiling", state)
		}
		if tenant := m["tenant"].(map[string]any); tenant["name"] != "Bildungswerk der Thüringer Wirtschaft e.V." {
			t.Errorf("tenant %v", tenant)
		}
		for _, internal := range []string{"assignee", "data", "fields", "notes", "tasks", "participant"} {
			if _, ok := m[internal]; ok {
				t.Errorf("case %s carries %q", m["reference"], internal)
			}
		}
	}
	for _, c := range own {
		if !slices.Contains(refs, c.GetString("reference")) {
			t.Errorf("own case %s missing from %v", c.GetString("reference"), refs)
		}
	}
	if len(refs) != len(own) {
		t.Errorf("%d cases listed, Samir has %d: %v", len(refs), len(own), refs)
	}
	for _, c := range others {
		if strings.Contains(body, c.GetString("reference")) {
			t.Errorf("another participant's case %s is listed", c.GetString("reference"))
		}
	}
	notes, err := app.FindAllRecords("case_notes")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range notes {
		if text := n.GetString("body"); text != "" && strings.Contains(body, text) {
			t.Errorf("an internal note is in the answer: %q", text)
		}
	}
	if !strings.Contains(res.Header.Get("Cache-Control"), "no-store") {
		t.Errorf("Cache-Control %q", res.Header.Get("Cache-Control"))
	}

	// LIFT's participant sees LIFT's case only.
	lift := client.Do(http.MethodGet, "/api/mp/me/cases?lang=de", testapp.Token(t, app, testapp.LiftParticipant), nil)
	if lift.Status != http.StatusOK || strings.Contains(string(lift.Body), "BWTW-") || !strings.Contains(string(lift.Body), "LIFT-") {
		t.Errorf("LIFT's participant: %d %s", lift.Status, lift.Body)
	}

	// Nobody else reads it: staff, anonymous, a disabled account.
	if r := client.Do(http.MethodGet, "/api/mp/me/cases", testapp.Token(t, app, testapp.BwtwCounsellor), nil); r.Status != http.StatusForbidden {
		t.Errorf("counsellor: %d %s", r.Status, r.Body)
	}
	if r := client.Do(http.MethodGet, "/api/mp/me/cases", "", nil); r.Status != http.StatusUnauthorized {
		t.Errorf("anonymous: %d %s", r.Status, r.Body)
	}
	token := testapp.Token(t, app, testapp.BwtwParticipant)
	samir.Set("disabled", true)
	if err := app.Save(samir); err != nil {
		t.Fatal(err)
	}
	if r := client.Do(http.MethodGet, "/api/mp/me/cases", token, nil); r.Status != http.StatusUnauthorized && r.Status != http.StatusForbidden {
		t.Errorf("disabled account: %d %s", r.Status, r.Body)
	}
}
