package hooks

import (
	"encoding/json"
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/forms"
)

// myCase is one of a participant's cases as they see it: where it stands,
// in their language, and nothing of the counsellors' work on it.
type myCase struct {
	Reference  string `json:"reference"`
	Offer      string `json:"offer"`
	State      string `json:"state"`
	StateLabel string `json:"state_label"`
	Closed     bool   `json:"closed"`
	Opened     string `json:"opened"`
	Since      string `json:"since"` // when the case entered its state
}

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

type myOverview struct {
	FirstName string      `json:"first_name"`
	Cases     []myCase    `json:"cases"`
	Consents  []myConsent `json:"consents"`
}

// handleMyOverview: GET /api/mp/me/overview?lang= — a participant account's
// own cases and consents, for the participant's page ("Meine Anmeldung").
// Scoped by the caller's own participant, never by anything in the request.
func (s *service) handleMyOverview(e *core.RequestEvent) error {
	c := callerOf(e.Auth)
	if c.Kind != callerParticipant || c.Participant == "" {
		return e.ForbiddenError("Only participants have this page.", nil)
	}
	p, err := e.App.FindRecordById("participants", c.Participant)
	if err != nil {
		return e.NotFoundError("Participant not found.", nil)
	}
	lang := e.Request.URL.Query().Get("lang")
	out := myOverview{FirstName: p.GetString("first_name"), Cases: []myCase{}, Consents: []myConsent{}}

	cases, err := e.App.FindRecordsByFilter("cases", "participant = {:p}", "-opened", 0, 0, dbx.Params{"p": p.Id})
	if err != nil {
		return e.InternalServerError("The cases could not be read.", err)
	}
	for _, cs := range cases {
		mc := myCase{Reference: cs.GetString("reference"), State: cs.GetString("state"), StateLabel: cs.GetString("state"),
			Closed: !cs.GetDateTime("closed").IsZero(), Opened: cs.GetString("opened"), Since: cs.GetString("state_entered")}
		if offer, err := e.App.FindRecordById("offer_types", cs.GetString("offer_type")); err == nil {
			var title forms.Text
			_ = json.Unmarshal([]byte(offer.GetString("title")), &title)
			mc.Offer = title.Get(lang)
		}
		if wf, _, err := s.workflowVersion(e.App, cs.GetString("workflow_version")); err == nil {
			if st, ok := wf.State(mc.State, lang); ok {
				mc.StateLabel = st.Label
			}
		}
		out.Cases = append(out.Cases, mc)
	}

	consents, err := e.App.FindRecordsByFilter("consents", "participant = {:p}", "at", 0, 0, dbx.Params{"p": p.Id})
	if err != nil {
		return e.InternalServerError("The consents could not be read.", err)
	}
	for _, r := range consents {
		mc := myConsent{ID: r.Id, Purpose: r.GetString("purpose"), Version: r.GetString("text_version"),
			Required: r.GetBool("required"), Given: r.GetBool("given"), At: r.GetString("at"),
			Channel: r.GetString("channel"), WithdrawnAt: r.GetString("withdrawn_at")}
		mc.Text = s.consentText(e.App, r, lang)
		out.Consents = append(out.Consents, mc)
	}
	return e.JSON(http.StatusOK, out)
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
