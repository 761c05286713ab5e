package hooks

import (
	"encoding/json"
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/workflows"
)

type simulateBody struct {
	Definition json.RawMessage    `json:"definition"`
	Offer      string             `json:"offer"` // the offer whose published intake form types the guards
	Form       json.RawMessage    `json:"form"`  // or the form draft, when it compiles
	Scenario   workflows.Scenario `json:"scenario"`
}

// handleSimulate: POST /api/mp/workflows/simulate — runs a draft workflow on
// sample data in memory, for the studio. Nothing is stored.
func (s *service) handleSimulate(e *core.RequestEvent) error {
	c := callerOf(e.Auth)
	if c.Role != RoleTenantAdmin && c.Role != RoleNetworkAdmin {
		return e.ForbiddenError("Only admins simulate workflows.", nil)
	}
	var body simulateBody
	if err := e.BindBody(&body); err != nil || len(body.Definition) == 0 {
		return writeFieldError(e, "definition", "request_invalid_json", "Send the definition and a scenario as JSON.")
	}
	if len(body.Scenario.Steps) > 200 {
		return writeFieldError(e, "scenario", "scenario_too_long", "A simulation has at most 200 steps.")
	}
	intake, _, err := s.draftIntake(e, c, body.Offer, body.Form)
	if err != nil {
		return err
	}
	trace, diags := workflows.SimulateDraft(body.Definition, intake, body.Scenario)
	if diags.HasErrors() {
		return writeError(e, http.StatusUnprocessableEntity, "The workflow does not compile.",
			PublishResult{Diagnostics: diags})
	}
	return e.JSON(http.StatusOK, map[string]any{"trace": trace, "diagnostics": diags})
}
