package hooks

import (
	"encoding/json"
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/rules"
)

type checkBody struct {
	Kind       string          `json:"kind"` // form (default) or workflow
	Definition json.RawMessage `json:"definition"`
	Offer      string          `json:"offer"` // workflow: the offer whose intake form types the guards
}

// handleCheckDefinition: POST /api/mp/definitions/check — diagnostics and
// test results of a draft, without publishing (the studio calls it as the
// admin types). Tenant and network admins only; nothing is stored.
func (s *service) handleCheckDefinition(e *core.RequestEvent) error {
	c := callerOf(e.Auth)
	if c.Role != RoleTenantAdmin && c.Role != RoleNetworkAdmin {
		return e.ForbiddenError("Only admins check definitions.", nil)
	}
	var body checkBody
	if err := e.BindBody(&body); err != nil || len(body.Definition) == 0 {
		return writeFieldError(e, "definition", "request_invalid_json", "Send the definition as JSON.")
	}
	switch body.Kind {
	case "", "form":
		_, res := CheckForm(body.Definition)
		if res.Diagnostics == nil {
			res.Diagnostics = []forms.Diagnostic{}
		}
		return e.JSON(http.StatusOK, res)
	case "workflow":
		intake, err := s.offerIntake(e, c, body.Offer)
		if err != nil {
			return err
		}
		_, res := CheckWorkflow(body.Definition, intake)
		return e.JSON(http.StatusOK, res)
	}
	return writeFieldError(e, "kind", "definition_kind_unknown", "kind is form or workflow.")
}

// offerIntake is the intake schema of an offer the caller administers ("" :
// none, for a workflow drafted before its form).
func (s *service) offerIntake(e *core.RequestEvent, c caller, offerId string) (rules.Schema, error) {
	if offerId == "" {
		return rules.Schema{}, nil
	}
	offer, err := e.App.FindRecordById("offer_types", offerId)
	if err != nil || !(offer.GetString("tenant") == c.Tenant && c.Tenant != "" ||
		offer.GetString("tenant") == "" && c.Role == RoleNetworkAdmin) {
		return nil, e.NotFoundError("Offer not found.", nil)
	}
	return s.intakeSchema(e.App, offer.GetString("form_version"))
}
