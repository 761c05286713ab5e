package hooks

import (
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// myConsent is a consent the participant gave (or withdrew), with the text
// they agreed to in their language.
type myConsent struct {
	ID          string `json:"id"`
	Purpose     string `json:"purpose"`
	Text        string `json:"text"`
	Version     string `json:"version"`
	Required    bool   `json:"required"`
	Given       bool   `json:"given"`
	At          string `json:"at"`
	Channel     string `json:"channel"`
	WithdrawnAt string `json:"withdrawn_at"`
}

// handleMyConsents: GET /api/mp/me/consents?lang= — a participant account's
// own consents with the text they agreed to, for their page (#/status),
// where each is withdrawn as easily as it was given. Scoped by the caller's
// own participant, never by anything in the request.
func (s *service) handleMyConsents(e *core.RequestEvent) error {
	c := callerOf(e.Auth)
	if c.Kind != callerParticipant || c.Participant == "" {
		return e.ForbiddenError("Only participants have this page.", nil)
	}
	lang := e.Request.URL.Query().Get("lang")
	consents, err := e.App.FindRecordsByFilter("consents", "participant = {:p}", "at", 0, 0, dbx.Params{"p": c.Participant})
	if err != nil {
		return e.InternalServerError("The consents could not be read.", err)
	}
	out := []myConsent{}
	for _, r := range consents {
		out = append(out, myConsent{ID: r.Id, Purpose: r.GetString("purpose"), Text: s.consentText(e.App, r, lang),
			Version: r.GetString("text_version"), Required: r.GetBool("required"), Given: r.GetBool("given"),
			At: r.GetString("at"), Channel: r.GetString("channel"), WithdrawnAt: r.GetString("withdrawn_at")})
	}
	e.Response.Header().Set("Cache-Control", "no-store")
	return e.JSON(http.StatusOK, map[string]any{"consents": out})
}

// consentText is the text of the consent r in lang, from the form version
// it was given in (the version the person agreed to, not today's).
func (s *service) consentText(app core.App, r *core.Record, lang string) string {
	sub, err := app.FindRecordById("submissions", r.GetString("submission"))
	if err != nil {
		return ""
	}
	form, _, err := s.formVersion(app, sub.GetString("form_version"))
	if err != nil {
		return ""
	}
	for _, ci := range form.Consents() {
		if ci.Key == r.GetString("field") {
			return ci.Text.Get(lang)
		}
	}
	return ""
}
