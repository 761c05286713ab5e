package hooks_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// The inbox finds names however their diacritics are typed.
func TestInboxSearchFoldsDiacritics(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	cs := registered(t, app, c, "lift", "search-folding")
	p := mustFind(t, app, "participants", "id", cs.GetString("participant"))
	p.Set("last_name", "Öztürk")
	if err := app.Save(p); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"ozturk", "ÖZTÜRK", "Öztürk"} {
		res := c.Do("GET", "/api/mp/inbox?scope=all&q="+url.QueryEscape(q), testapp.Token(t, app, testapp.LiftCounsellor), nil)
		if res.Status != 200 || !strings.Contains(string(res.Body), cs.GetString("reference")) {
			t.Errorf("q=%s: %d %.300s", q, res.Status, res.Body)
		}
	}
	res := c.Do("GET", "/api/mp/inbox?scope=all&q=ozturk", testapp.Token(t, app, testapp.BwtwCounsellor), nil)
	if strings.Contains(string(res.Body), cs.GetString("reference")) {
		t.Fatal("another Träger's counsellor found the case")
	}
}
