package hooks

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/forms"
)

// bindPrivacyRoutes: the data subject's rights as routes — export (Art.
// 15/20), erasure (Art. 17), withdrawal of consent (Art. 7(3)) — and the
// record of processing activities (Art. 30).
func bindPrivacyRoutes(app core.App, s *service) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		mp := se.Router.Group("/api/mp").Bind(apis.RequireAuth("users", "participant_accounts"))
		mp.GET("/participants/{id}/export", s.handleExport)
		mp.GET("/me/export", s.handleExport)
		mp.POST("/participants/{id}/erase", s.handleErase).Bind(apis.BodyLimit(16 << 10))
		mp.POST("/consents/{id}/withdraw", s.handleWithdraw).Bind(apis.BodyLimit(16 << 10))
		mp.GET("/processing-records", s.handleProcessingRecords)
		return se.Next()
	})
}

// participantFor resolves the person a privacy route is about: {id} for
// the staff of their Träger, or the caller themselves at /me/.
func participantFor(e *core.RequestEvent, adminOnly bool) (*core.Record, caller, error) {
	c := callerOf(e.Auth)
	id := e.Request.PathValue("id")
	switch {
	case c.Kind == callerParticipant && id == "":
		id = c.Participant
	case c.Kind == callerStaff && c.isTenantStaff() && id != "":
		if adminOnly && c.Role != RoleTenantAdmin {
			return nil, c, e.ForbiddenError("Only tenant admins erase.", nil)
		}
	default:
		return nil, c, e.ForbiddenError("", nil)
	}
	p, err := e.App.FindRecordById("participants", id)
	if err != nil || (c.Kind == callerStaff && p.GetString("tenant") != c.Tenant) {
		return nil, c, e.NotFoundError("Participant not found.", nil)
	}
	return p, c, nil
}

// handleExport: GET /api/mp/participants/{id}/export and /api/mp/me/export
// ?format=json|html|zip — everything stored about the person (their own
// download without the counsellors' internal notes and step comments, listed
// in left_out); the export itself is logged.
func (s *service) handleExport(e *core.RequestEvent) error {
	p, c, err := participantFor(e, false)
	if err != nil {
		return err
	}
	audience := ExportForStaff
	if c.Kind == callerParticipant {
		audience = ExportForPerson
	}
	ex, err := ExportPerson(e.App, p.Id, s.now(), audience)
	if err != nil {
		return e.InternalServerError("The export failed.", err)
	}
	err = asCaller(e).RunInTransaction(func(tx core.App) error {
		return appendAudit(tx, AuditEntry{Tenant: p.GetString("tenant"), Collection: "participants", Record: p.Id,
			Action: AuditExport, Actor: actorOf(e.Auth), Fields: []string{e.Request.URL.Query().Get("format")}}, s.now())
	})
	if err != nil {
		return e.InternalServerError("The export could not be logged, so it was not given.", err)
	}
	name := "auskunft-" + p.Id
	e.Response.Header().Set("Cache-Control", "no-store")
	switch e.Request.URL.Query().Get("format") {
	case "html":
		e.Response.Header().Set("Content-Type", "text/html; charset=utf-8")
		return renderExportHTML(e.Response, ex)
	case "zip":
		e.Response.Header().Set("Content-Type", "application/zip")
		e.Response.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.zip"`, name))
		return writeExportZip(e.App, e.Response, ex)
	}
	e.Response.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.json"`, name))
	return e.JSON(http.StatusOK, ex)
}

type eraseBody struct {
	Mode string `json:"mode"` // anonymise (default) or remove
}

// handleErase: POST /api/mp/participants/{id}/erase — tenant admins.
func (s *service) handleErase(e *core.RequestEvent) error {
	p, _, err := participantFor(e, true)
	if err != nil {
		return err
	}
	var body eraseBody
	if err := e.BindBody(&body); err != nil {
		return writeFieldError(e, forms.FormPath, "request_invalid_json", "The request body is not valid JSON.")
	}
	if body.Mode == "" {
		body.Mode = EraseAnonymise
	}
	if body.Mode != EraseAnonymise && body.Mode != EraseRemove {
		return writeFieldError(e, "mode", "erase_mode_invalid", "mode is anonymise or remove.")
	}
	res, err := ErasePerson(e.App, p.Id, body.Mode, actorOf(e.Auth), s.now())
	if err != nil {
		return e.InternalServerError("The erasure failed; nothing was changed.", err)
	}
	return e.JSON(http.StatusOK, res)
}

// handleWithdraw: POST /api/mp/consents/{id}/withdraw — the person online,
// or the staff of their Träger for a withdrawal made in person.
func (s *service) handleWithdraw(e *core.RequestEvent) error {
	c := callerOf(e.Auth)
	consent, err := e.App.FindRecordById("consents", e.Request.PathValue("id"))
	allowed := err == nil && ((c.Kind == callerParticipant && consent.GetString("participant") == c.Participant) ||
		(c.isTenantStaff() && consent.GetString("tenant") == c.Tenant))
	if !allowed {
		return e.NotFoundError("Consent not found.", nil)
	}
	channel := ChannelOnline
	if c.Kind == callerStaff {
		channel = ChannelInPerson
	}
	w, err := WithdrawConsent(e.App, consent.Id, actorOf(e.Auth), channel, s.now())
	switch {
	case errors.Is(err, ErrConsentWithdrawn):
		return writeError(e, http.StatusConflict, "This consent was withdrawn before.",
			forms.FieldErrors{forms.FormPath: {Code: "consent_already_withdrawn", Message: "This consent was withdrawn before."}})
	case err != nil:
		return e.InternalServerError("The withdrawal failed; nothing was changed.", err)
	}
	return e.JSON(http.StatusOK, w)
}
