package hooks

import (
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/forms"
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
	c, err := participantCaller(e)
	if err != nil {
		return err
	}
	lang := e.Request.URL.Query().Get("lang")
	consents, err := e.App.FindRecordsByFilter("consents", "participant = {:p}", "at", 0, 0, dbx.Params{"p": c.Participant})
	if err != nil {
		return e.InternalServerError("The consents could not be read.", err)
	}
	out := []myConsent{}
	seen := map[string]*forms.Form{} // by submission: a registration gives several consents
	for _, r := range consents {
		out = append(out, myConsent{ID: r.Id, Purpose: r.GetString("purpose"), Text: s.consentText(e.App, r, lang, seen),
			Version: r.GetString("text_version"), Required: r.GetBool("required"), Given: r.GetBool("given"),
			At: r.GetString("at"), Channel: r.GetString("channel"), WithdrawnAt: r.GetString("withdrawn_at")})
	}
	e.Response.Header().Set("Cache-Control", "no-store")
	return e.JSON(http.StatusOK, map[string]any{"consents": out})
}

// consentText is the text of the consent r in lang, from the form version
// it was given in (the version the person agreed to, not today's); seen
// keeps the forms already looked up, by submission.
func (s *service) consentText(app core.App, r *core.Record, lang string, seen map[string]*forms.Form) string {
	id := r.GetString("submission")
	form, ok := seen[id]
	if !ok {
		if sub, err := app.FindRecordById("submissions", id); err == nil {
			form, _, _ = s.formVersion(app, sub.GetString("form_version"))
		}
		seen[id] = form
	}
	if form == nil {
		return ""
	}
	for _, ci := range form.Consents() {
		if ci.Key == r.GetString("field") {
			return ci.Text.Get(lang)
		}
	}
	return ""
}
