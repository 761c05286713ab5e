package hooks_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// A participant's page shows their own cases with the state in their
// language and the consents they gave with the text they agreed to; nobody
// else's, and nothing to staff or strangers.
func TestMyOverview(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	var got struct {
		FirstName string `json:"first_name"`
		Cases     []struct {
			Reference  string `json:"reference"`
			Offer      string `json:"offer"`
			State      string `json:"state"`
			StateLabel string `json:"state_label"`
		} `json:"cases"`
		Consents []struct {
			Purpose string `json:"purpose"`
			Text    string `json:"text"`
		} `json:"consents"`
	}
	res := c.Do("GET", "/api/mp/me/overview?lang=en", testapp.Token(t, app, testapp.LiftParticipant), nil)
	if res.Status != 200 || json.Unmarshal(res.Body, &got) != nil {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
	if len(got.Cases) == 0 || got.FirstName == "" || len(got.Consents) == 0 {
		t.Fatalf("no cases: %s", res.Body)
	}
	for _, cs := range got.Cases {
		if cs.StateLabel == "" || cs.StateLabel == cs.State || cs.Offer == "" {
			t.Fatalf("a case without its state label or offer: %s", res.Body)
		}
	}
	for _, cs := range got.Consents {
		if cs.Text == "" || !strings.Contains(cs.Text, "I ") {
			t.Fatalf("a consent without its English text: %s", res.Body)
		}
	}
	body := string(res.Body)
	for _, leak := range []string{"Darwish", "BWTW-", "note", "assignee", "lift.demo"} {
		if strings.Contains(body, leak) {
			t.Errorf("the participant's page contains %q: %s", leak, body)
		}
	}

	other := c.Do("GET", "/api/mp/me/overview?lang=de", testapp.Token(t, app, testapp.BwtwParticipant), nil)
	if other.Status != 200 || strings.Contains(string(other.Body), "LIFT-") || strings.Contains(string(other.Body), "Ahmad") {
		t.Errorf("another Träger's participant: %d %s", other.Status, other.Body)
	}
	for _, who := range []string{testapp.LiftCounsellor, testapp.NetworkAdmin} {
		if res := c.Do("GET", "/api/mp/me/overview", testapp.Token(t, app, who), nil); res.Status != 403 {
			t.Errorf("%s: %d", who, res.Status)
		}
	}
	if res := c.Do("GET", "/api/mp/me/overview", "", nil); res.Status != 401 {
		t.Errorf("anonymous: %d", res.Status)
	}
}
