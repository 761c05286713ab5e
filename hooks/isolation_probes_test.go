package hooks_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// Probes of another Träger's data through filter, sort, expand and relation
// ids: a LIFT counsellor must learn nothing about BWTW, not even counts.
func TestFilterSortExpandProbes(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	tok := testapp.Token(t, app, testapp.LiftCounsellor)
	bwtwCase := testapp.First(t, app, "cases", "bwtw")
	ownCount := countOf(t, app, "cases", "lift")

	probes := []struct {
		name, collection, query string
		wantTotal               int // -1 = the LIFT total
	}{
		{"filter on other tenant's slug", "cases", "filter=" + url.QueryEscape("tenant.slug='bwtw'"), 0},
		{"filter on other tenant's id", "cases", "filter=" + url.QueryEscape("tenant='"+bwtwCase.GetString("tenant")+"'"), 0},
		{"filter on a related participant's name", "cases", "filter=" + url.QueryEscape("participant.last_name~'Darwish'"), 0},
		{"filter by a known relation id", "cases", "filter=" + url.QueryEscape("participant='"+bwtwCase.GetString("participant")+"'"), 0},
		{"filter by a known record id", "cases", "filter=" + url.QueryEscape("id='"+bwtwCase.Id+"'"), 0},
		{"sort by a related field", "cases", "sort=-participant.last_name", -1},
		{"events through their case", "case_events", "filter=" + url.QueryEscape("case.tenant.slug='bwtw'"), 0},
		{"participants by name", "participants", "filter=" + url.QueryEscape("last_name~'Darwish'"), 0},
	}
	for _, p := range probes {
		t.Run(p.name, func(t *testing.T) {
			res := c.Do("GET", "/api/collections/"+p.collection+"/records?"+p.query, tok, nil)
			if res.Status != 200 {
				t.Fatalf("status %d: %s", res.Status, res.Body)
			}
			want := p.wantTotal
			if want < 0 {
				want = ownCount
			}
			if got := int(res.JSON()["totalItems"].(float64)); got != want {
				t.Fatalf("totalItems %d, want %d", got, want)
			}
			if strings.Contains(string(res.Body), "Darwish") || strings.Contains(string(res.Body), bwtwCase.Id) {
				t.Fatalf("leak: %s", res.Body)
			}
		})
	}

	t.Run("@collection join in a client filter is refused", func(t *testing.T) {
		q := url.QueryEscape("@collection.cases.tenant.slug='bwtw'")
		res := c.Do("GET", "/api/collections/cases/records?filter="+q, tok, nil)
		if res.Status == 200 && int(res.JSON()["totalItems"].(float64)) > ownCount || res.Status >= 500 {
			t.Fatalf("status %d: %s", res.Status, res.Body)
		}
	})

	t.Run("expand shows nothing the viewer may not see", func(t *testing.T) {
		ptok := testapp.Token(t, app, testapp.LiftParticipant)
		res := c.Do("GET", "/api/collections/cases/records?expand=assignee,participant", ptok, nil)
		if res.Status != 200 {
			t.Fatalf("status %d", res.Status)
		}
		body := string(res.Body)
		if !strings.Contains(body, "Al-Hassan") {
			t.Fatalf("participant should see their own record expanded: %s", body)
		}
		if strings.Contains(body, "lift.demo") || strings.Contains(body, `"assignee":{`) {
			t.Fatalf("staff account leaked to a participant through expand: %s", body)
		}
	})
}

// A relation may not point to another Träger's record, whoever saves it.
func TestCrossTenantRelationsRejected(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	liftCase := testapp.First(t, app, "cases", "lift")
	bwtwCounsellor, _ := app.FindAuthRecordByEmail("users", testapp.BwtwCounsellor)
	bwtwParticipant := testapp.First(t, app, "participants", "bwtw")

	t.Run("API: assign a LIFT case to a BWTW counsellor", func(t *testing.T) {
		res := c.Do("PATCH", "/api/collections/cases/records/"+liftCase.Id, testapp.Token(t, app, testapp.LiftAdmin),
			map[string]any{"assignee": bwtwCounsellor.Id})
		if res.Status < 400 || res.Status >= 500 {
			t.Fatalf("status %d: %s", res.Status, res.Body)
		}
		fresh, _ := app.FindRecordById("cases", liftCase.Id)
		if fresh.GetString("assignee") == bwtwCounsellor.Id {
			t.Fatal("the case was assigned across Träger")
		}
	})

	t.Run("Go: a case pointing to another Träger's participant", func(t *testing.T) {
		liftCase.Set("participant", bwtwParticipant.Id)
		err := app.Save(liftCase)
		if err == nil || !strings.Contains(err.Error(), "validation_cross_tenant_relation") && !strings.Contains(err.Error(), "another Träger") {
			t.Fatalf("want a cross-tenant validation error, got %v", err)
		}
	})
}

func countOf(t *testing.T, app core.App, collection, tenantSlug string) int {
	t.Helper()
	n, err := app.CountRecords(collection, dbxHash("tenant", testapp.Tenant(t, app, tenantSlug).Id))
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}
