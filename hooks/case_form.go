package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/forms"
)

// handleCaseForm: GET /api/mp/cases/{id}/form?lang= — the intake form in the
// version the case was registered with, localized, with the answers given
// then: an old case always renders with its own version.
func (s *service) handleCaseForm(e *core.RequestEvent) error {
	rec, _, err := loadCaseForStaff(e, func() error { return e.NotFoundError("Case not found.", nil) })
	if err != nil {
		return err
	}
	v := rec.GetString("form_version")
	if v == "" {
		return e.NotFoundError("This case has no form.", nil)
	}
	f, ref, err := s.formVersion(e.App, v)
	if err != nil {
		return e.InternalServerError("The form could not be loaded.", err)
	}
	return e.JSON(http.StatusOK, struct {
		Version int            `json:"version"`
		Answers map[string]any `json:"answers"`
		*forms.Localized
	}{ref.Number, jsonMap(rec, "data"), f.LocalizeAt(e.Request.URL.Query().Get("lang"), s.now())})
}
