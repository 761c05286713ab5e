package hooks_test

import (
	"net/http"
	"strings"
	"testing"

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
