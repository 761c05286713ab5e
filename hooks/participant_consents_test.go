package hooks_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// A participant's page lists the consents they gave with the text they
// agreed to, in their language; nobody else's, and nothing to staff or
// strangers.
func TestMyConsents(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	var got struct {
		Consents []struct {
			Purpose string `json:"purpose"`
			Text    string `json:"text"`
		} `json:"consents"`
	}
	res := c.Do("GET", "/api/mp/me/consents?lang=en", testapp.Token(t, app, testapp.LiftParticipant), nil)
	if res.Status != 200 || json.Unmarshal(res.Body, &got) != nil || len(got.Consents) == 0 {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
	for _, cs := range got.Consents {
		if !strings.HasPrefix(cs.Text, "I ") {
			t.Fatalf("a consent without its English text: %s", res.Body)
		}
	}
	ahmad := string(res.Body)
	other := c.Do("GET", "/api/mp/me/consents?lang=en", testapp.Token(t, app, testapp.BwtwParticipant), nil)
	if other.Status != 200 {
		t.Fatalf("another participant: %d %s", other.Status, other.Body)
	}
	var theirs struct {
		Consents []struct {
			ID string `json:"id"`
		} `json:"consents"`
	}
	_ = json.Unmarshal(other.Body, &theirs)
	for _, cs := range theirs.Consents {
		if strings.Contains(ahmad, cs.ID) {
			t.Fatalf("LIFT's participant sees a consent of BWTW's: %s", cs.ID)
		}
	}
	for _, who := range []string{testapp.LiftCounsellor, testapp.NetworkAdmin} {
		if res := c.Do("GET", "/api/mp/me/consents", testapp.Token(t, app, who), nil); res.Status != 403 {
			t.Errorf("%s: %d", who, res.Status)
		}
	}
	if res := c.Do("GET", "/api/mp/me/consents", "", nil); res.Status != 401 {
		t.Errorf("anonymous: %d", res.Status)
	}
}
