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
	rec, c, err := loadCaseForStaff(e, func() error { return e.NotFoundError("Case not found.", nil) })
	if err != nil {
		return err
	}
	answers := jsonMap(rec, "data")
	if !mayReadSpecial(c, rec) {
		answers, _ = s.specialFieldsOf(e.App, rec.GetString("form_version")).redact(answers)
	} else if read := s.specialPresent(e.App, rec); len(read) > 0 {
		s.auditRead(e.App, rec, actorOf(e.Auth), read)
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
	}{ref.Number, answers, f.LocalizeAt(e.Request.URL.Query().Get("lang"), s.now())})
}
