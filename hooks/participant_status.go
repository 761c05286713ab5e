package hooks

import (
	"net/http"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/forms"
)

// bindParticipantRoutes binds what the participant's own page
// (/register/#/status) reads with their account. The export and the
// withdrawal, which staff use too, are in privacy_routes.go.
func bindParticipantRoutes(app core.App, s *service) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		me := se.Router.Group("/api/mp/me").Bind(apis.RequireAuth("participant_accounts"))
		me.GET("/cases", s.handleMyCases)
		me.GET("/consents", s.handleMyConsents)
		return se.Next()
	})
}

// participantCaller is the caller of a /api/mp/me/ route: an enabled
// participant account, whose own participant scopes every query.
func participantCaller(e *core.RequestEvent) (caller, error) {
	c := callerOf(e.Auth)
	if c.Kind != callerParticipant || c.Participant == "" {
		return c, e.ForbiddenError("Only a participant's own account reads this.", nil)
	}
	return c, nil
}

// myCase is one case as its participant sees it: where it stands, with
// whom, and the messages sent to them. Nothing the counsellors keep for
// themselves (notes, step comments, tasks, the assignee, the answers).
type myCase struct {
	Reference string          `json:"reference"`
	Offer     myCaseOffer     `json:"offer"`
	Tenant    myCaseTenant    `json:"tenant"`
	State     myCaseState     `json:"state"`
	Opened    string          `json:"opened"`
	Entered   string          `json:"state_entered,omitempty"`
	Closed    string          `json:"closed,omitempty"`
	Messages  []myCaseMessage `json:"messages"`
}

type myCaseOffer struct {
	Title string `json:"title"`
}

type myCaseTenant struct {
	Name    string `json:"name"`
	Address string `json:"address,omitempty"`
	Email   string `json:"email,omitempty"`
	Phone   string `json:"phone,omitempty"`
}

// myCaseState: the label is in Language, the requested one when the
// workflow has it, else German; Kind is start, active or terminal.
type myCaseState struct {
	Key      string `json:"key"`
	Label    string `json:"label"`
	Language string `json:"language"`
	Kind     string `json:"kind"`
}

type myCaseMessage struct {
	Subject string `json:"subject"`
	Body    string `json:"body"`
	Created string `json:"created"`
}

// handleMyCases: GET /api/mp/me/cases?lang= — the caller's own cases,
// newest first, their state labelled in lang.
func (s *service) handleMyCases(e *core.RequestEvent) error {
	c, err := participantCaller(e)
	if err != nil {
		return err
	}
	lang := e.Request.URL.Query().Get("lang")
	cases, err := e.App.FindRecordsByFilter("cases", "participant = {:p}", "-opened", 0, 0, dbx.Params{"p": c.Participant})
	if err != nil {
		return err
	}
	out := make([]myCase, 0, len(cases))
	for _, rec := range cases {
		mc, err := s.myCase(e.App, rec, lang)
		if err != nil {
			return err
		}
		out = append(out, mc)
	}
	e.Response.Header().Set("Cache-Control", "no-store")
	return e.JSON(http.StatusOK, map[string]any{"cases": out})
}

func (s *service) myCase(app core.App, rec *core.Record, lang string) (myCase, error) {
	mc := myCase{Reference: rec.GetString("reference"), Opened: dateOf(rec, "opened"),
		Entered: dateOf(rec, "state_entered"), Closed: dateOf(rec, "closed"), Messages: []myCaseMessage{},
		State: myCaseState{Key: rec.GetString("state"), Label: rec.GetString("state"), Language: forms.DefaultLanguage}}
	if v := rec.GetString("workflow_version"); v != "" {
		if wf, _, err := s.workflowVersion(app, v); err == nil {
			if st, ok := wf.State(mc.State.Key, lang); ok {
				mc.State.Label, mc.State.Kind = st.Label, st.Kind
				if slices.Contains(wf.Languages(), lang) {
					mc.State.Language = lang
				}
			}
		}
	}
	if offer, err := app.FindRecordById("offer_types", rec.GetString("offer_type")); err == nil {
		mc.Offer.Title = localizedJSON(offer, "title", lang)
	}
	if t, err := app.FindRecordById("tenants", rec.GetString("tenant")); err == nil {
		mc.Tenant = myCaseTenant{Name: t.GetString("name"), Address: t.GetString("address"),
			Email: t.GetString("email"), Phone: t.GetString("phone")}
	}
	// The emails the workflow wrote to the participant: theirs to read here
	// too, also those that could not be sent (no address).
	msgs, err := app.FindRecordsByFilter("notifications", "case = {:c} && to_kind = 'participant'", "-created", 50, 0,
		dbx.Params{"c": rec.Id})
	if err != nil {
		return mc, err
	}
	for _, m := range msgs {
		mc.Messages = append(mc.Messages, myCaseMessage{Subject: m.GetString("subject"), Body: m.GetString("body"),
			Created: m.GetDateTime("created").String()})
	}
	return mc, nil
}

// dateOf is a date field as text ("" when empty).
func dateOf(rec *core.Record, field string) string {
	d := rec.GetDateTime(field)
	if d.IsZero() {
		return ""
	}
	return d.String()
}
