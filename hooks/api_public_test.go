package hooks_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

const bwtwIntake = "/api/mp/public/offers/bwtw/integrationsbegleitung"

func TestPublicCatalogueAndForm(t *testing.T) {
	scenarios := []tests.ApiScenario{
		{
			Name: "catalogue lists every Träger's public offer with its district", Method: http.MethodGet,
			URL: "/api/mp/public/offers?lang=de", ExpectedStatus: 200,
			ExpectedContent: []string{`"slug":"bwtw"`, `"slug":"lift"`, `"slug":"fau"`, `"slug":"vhs"`,
				`"name":"Unstrut-Hainich-Kreis"`, `"title":"Anmeldung Integrationsbegleitung"`, `"category":"professional"`},
			ExpectedEvents: map[string]int{"*": 0},
		},
		{
			Name: "catalogue in English", Method: http.MethodGet, URL: "/api/mp/public/offers?lang=en",
			ExpectedStatus: 200, ExpectedContent: []string{`"title":"Registration for integration support"`},
			ExpectedEvents: map[string]int{"*": 0},
		},
		{
			Name: "the form in Arabic, right to left, rules as dependencies only", Method: http.MethodGet,
			URL: bwtwIntake + "?lang=ar", ExpectedStatus: 200,
			ExpectedContent: []string{`"dir":"rtl"`, `"language":"ar"`, `"version":1`, `"key":"childcare_needed"`,
				`"visible_if":{"deps":["has_children"]}`, `"initial":{`},
			NotExpectedContent: []string{"answered(", "age(youngest", `"tests"`},
			ExpectedEvents:     map[string]int{"*": 0},
		},
		{
			Name: "unknown Träger", Method: http.MethodGet, URL: "/api/mp/public/offers/nobody/integrationsbegleitung",
			ExpectedStatus: 404, ExpectedContent: []string{`"status":404`}, ExpectedEvents: map[string]int{"*": 0},
		},
		{
			Name: "unknown offer", Method: http.MethodGet, URL: "/api/mp/public/offers/bwtw/nothing",
			ExpectedStatus: 404, ExpectedContent: []string{`"status":404`}, ExpectedEvents: map[string]int{"*": 0},
		},
		{
			Name: "evaluate: children section hidden without children", Method: http.MethodPost,
			URL: bwtwIntake + "/evaluate", Body: strings.NewReader(jsonBody(map[string]any{"answers": intakeAnswers(), "language": "de"})),
			ExpectedStatus: 200, ExpectedContent: []string{`"section:children"`, `"age_years":`},
			ExpectedEvents: map[string]int{"*": 0},
		},
		{
			Name: "evaluate: children section shown with children", Method: http.MethodPost,
			URL: bwtwIntake + "/evaluate", Body: strings.NewReader(jsonBody(map[string]any{"answers": with("has_children", true), "language": "de"})),
			ExpectedStatus: 200, ExpectedContent: []string{`"children_count"`}, NotExpectedContent: []string{`"section:children"`},
			ExpectedEvents: map[string]int{"*": 0},
		},
		{
			Name: "evaluate: wrong types become field errors, not a 5xx", Method: http.MethodPost,
			URL: bwtwIntake + "/evaluate", Body: strings.NewReader(`{"answers":{"birth_date":42,"has_children":"ja","nope":1},"language":"en"}`),
			ExpectedStatus: 200, ExpectedContent: []string{`"birth_date":{"code":"validation_`, `"nope":{"code":"validation_unknown_field"`},
			ExpectedEvents: map[string]int{"*": 0},
		},
		{
			Name: "evaluate: a body that is not JSON", Method: http.MethodPost, URL: bwtwIntake + "/evaluate",
			Body: strings.NewReader(`{"answers":`), ExpectedStatus: 400,
			ExpectedContent: []string{`"code":"request_invalid_json"`}, ExpectedEvents: map[string]int{"*": 0},
		},
	}
	for _, s := range scenarios {
		s.TestAppFactory = testapp.Factory
		s.Test(t)
	}
}

// An offer's own districts (set per offer in the studio) are what the
// catalogue lists and filters by; an offer without any is listed under its
// Träger's districts.
func TestPublicCatalogueListsTheOffersOwnDistricts(t *testing.T) {
	app := testapp.New(t)
	region := func(code string) string {
		r, err := app.FindFirstRecordByData("regions", "code", code)
		if err != nil {
			t.Fatal(err)
		}
		return r.Id
	}
	offerOf := func(slug string) *core.Record {
		return testapp.First(t, app, "offer_types", slug)
	}
	lift := offerOf("lift")
	lift.Set("regions", []string{region("KYF"), region("NDH")})
	bwtw := offerOf("bwtw")
	bwtw.Set("regions", []string{})
	for _, o := range []*core.Record{lift, bwtw} {
		if err := app.Save(o); err != nil {
			t.Fatal(err)
		}
	}

	res := testapp.Serve(t, app).Do(http.MethodGet, "/api/mp/public/offers?lang=de", "", nil)
	var list struct {
		Items []struct {
			Tenant struct {
				Slug    string
				Regions []struct{ Code string }
			}
			Offer   struct{ Slug string }
			Regions []struct{ Code, Name string }
		}
	}
	if err := json.Unmarshal(res.Body, &list); err != nil || res.Status != http.StatusOK {
		t.Fatalf("%d %s: %v", res.Status, res.Body, err)
	}
	got := map[string]string{}
	for _, it := range list.Items {
		codes := []string{}
		for _, r := range it.Regions {
			if r.Name == "" {
				t.Errorf("%s: a district without a name: %+v", it.Tenant.Slug, r)
			}
			codes = append(codes, r.Code)
		}
		got[it.Tenant.Slug+"/"+it.Offer.Slug] = strings.Join(codes, ",")
	}
	for key, want := range map[string]string{
		"lift/" + lift.GetString("slug"): "KYF,NDH", // its own, not only LIFT's Nordhausen
		"bwtw/" + bwtw.GetString("slug"): "UH",      // none of its own: BWTW's district
	} {
		if got[key] != want {
			t.Errorf("%s: districts %q, want %q (all: %v)", key, got[key], want, got)
		}
	}
}
