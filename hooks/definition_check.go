package hooks

import (
	"encoding/json"
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/forms"
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
	}
	return writeFieldError(e, "kind", "definition_kind_unknown", "kind is form or workflow.")
}
