package hooks_test

import (
	"strings"
	"testing"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// The inbox's offers and states are cached, but a renamed offer shows under
// its new title on the next page, and an offer id of another Träger in the
// filter neither shows that Träger's states nor enters the cache.
func TestInboxSeesDefinitionChanges(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	token := testapp.Token(t, app, testapp.LiftCounsellor)
	inbox := func(query string) string {
		t.Helper()
		res := c.Do("GET", "/api/mp/inbox?scope=all&lang=de"+query, token, nil)
		if res.Status != 200 {
			t.Fatalf("%d %s", res.Status, res.Body)
		}
		return string(res.Body)
	}
	offer := testapp.First(t, app, "offer_types", "lift")
	if body := inbox(""); !strings.Contains(body, `"offers":[`) || strings.Contains(body, "Neu benannt") {
		t.Fatalf("first page: %s", body)
	}
	offer.Set("title", map[string]string{"de": "Neu benannt"})
	if err := app.Save(offer); err != nil {
		t.Fatal(err)
	}
	if body := inbox(""); !strings.Contains(body, "Neu benannt") {
		t.Fatalf("the renamed offer keeps its old title: %s", body)
	}
	if body := inbox("&offer=" + offer.Id); !strings.Contains(body, `"states":[{`) {
		t.Fatalf("the offer's own states are missing: %s", body)
	}
	other := testapp.First(t, app, "offer_types", "bwtw")
	if body := inbox("&offer=" + other.Id); !strings.Contains(body, `"states":[]`) || !strings.Contains(body, `"items":[]`) {
		t.Fatalf("another Träger's offer as a filter: %s", body)
	}
}
