package hooks

import (
	"maps"
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/pocketbase/pocketbase/tools/security"

	"github.com/multipotenzial/multipotenzial/forms"
)

// In-person registration: a counsellor fills an offer's intake form on
// behalf of someone who came in person. The answers are validated exactly as
// on the public route and stored by StoreRegistration with the channel
// "in_person" and the counsellor as actor, so the consent records say how and
// by whom consent was recorded. No proof of work; the Idempotency-Key is
// optional (a retry with the same key creates nothing).

// loadStaffOffer resolves {offer} to an active offer with a published form
// of the caller's Träger; another Träger's offer is a 404.
func (s *service) loadStaffOffer(e *core.RequestEvent) (*publicOffer, caller, error) {
	c, err := tenantStaff(e)
	if err != nil {
		return nil, c, err
	}
	notFound := e.NotFoundError("Offer not found.", nil)
	offer := &core.Record{}
	err = e.App.RecordQuery("offer_types").
		Select("id", "tenant", "slug", "title", "description", "category", "public", "status",
			"form_version", "workflow_version").
		AndWhere(dbx.HashExp{"id": e.Request.PathValue("offer"), "tenant": c.Tenant}).Limit(1).One(offer)
	if err != nil || offer.GetString("status") != "active" || offer.GetString("form_version") == "" {
		return nil, c, notFound
	}
	tenant, err := e.App.FindRecordById("tenants", c.Tenant)
	if err != nil {
		return nil, c, notFound
	}
	f, version, err := s.formVersion(e.App, offer.GetString("form_version"))
	if err != nil {
		return nil, c, e.InternalServerError("The form could not be loaded.", err)
	}
	return &publicOffer{tenant: tenant, offer: offer, version: version, form: f}, c, nil
}

// handleInPersonForm: GET /api/mp/offers/{offer}/registrations/form?lang= —
// the offer's current intake form, localized, as the public form route
// gives it (public or not).
func (s *service) handleInPersonForm(e *core.RequestEvent) error {
	po, _, err := s.loadStaffOffer(e)
	if err != nil {
		return err
	}
	lang := e.Request.URL.Query().Get("lang")
	return e.JSON(http.StatusOK, struct {
		Offer   string       `json:"offer"`
		Summary offerSummary `json:"summary"`
		Version int          `json:"version"`
		*forms.Localized
	}{po.offer.Id, summarizeOffer(po.offer, lang), po.version.Number, po.form.LocalizeAt(lang, s.now())})
}

// handleInPersonEvaluate: POST /api/mp/offers/{offer}/registrations/evaluate
func (s *service) handleInPersonEvaluate(e *core.RequestEvent) error {
	po, _, err := s.loadStaffOffer(e)
	if err != nil {
		return err
	}
	return s.respondEvaluation(e, po.form, po.version.ID)
}

type inPersonResponse struct {
	Reference  string `json:"reference"`
	Submission string `json:"submission"`
	Case       string `json:"case"`
	Replayed   bool   `json:"replayed,omitempty"`
}

// handleInPersonRegistration: POST /api/mp/offers/{offer}/registrations.
// Body and errors as the public submission route (JSON, or multipart with the
// JSON as "payload"), without proof of work and honeypot.
func (s *service) handleInPersonRegistration(e *core.RequestEvent) error {
	po, c, err := s.loadStaffOffer(e)
	if err != nil {
		return err
	}
	keyGiven := e.Request.Header.Get("Idempotency-Key") != ""
	if !keyGiven {
		// The public parser wants a key; one nobody knows never replays.
		e.Request.Header.Set("Idempotency-Key", "in-person-"+security.RandomString(24))
	}
	sub, ferrs := readSubmission(e, po.form)
	if ferrs != nil {
		return writeFieldErrors(e, ferrs)
	}
	if keyGiven {
		if done, err := replayInPerson(e, po, sub); done || err != nil {
			return err
		}
	}
	if sub.FormVersion != 0 && sub.FormVersion != po.version.Number {
		return writeError(e, http.StatusConflict, "The form has changed; please reload it.",
			forms.FieldErrors{forms.FormPath: {Code: "form_version_changed", Message: "The form has changed; please reload it."}})
	}
	fileErrs := attachFiles(sub, po.form)
	clean, errs := po.form.Validate(sub.Answers, forms.Options{Language: sub.Language, Now: s.now()})
	if len(errs)+len(fileErrs) > 0 {
		maps.Copy(fileErrs, errs)
		return writeFieldErrors(e, fileErrs)
	}
	var files []*filesystem.File
	for _, fs := range sub.files {
		files = append(files, fs...)
	}
	reg := Registration{Tenant: po.tenant, Offer: po.offer, FormVersion: po.version, Form: po.form,
		Answers: clean, Language: sub.Language, Channel: ChannelInPerson, Actor: c.Record.Id,
		IdempotencyKey: sub.key, Hash: sub.hash, Files: files, Now: s.now()}
	if v := po.offer.GetString("workflow_version"); v != "" {
		if reg.Workflow, reg.WorkflowVersion, err = s.workflowVersion(e.App, v); err != nil {
			return e.InternalServerError("The workflow could not be loaded.", err)
		}
	}
	stored, err := s.registrations.Store(reg, actorOf(e.Auth))
	if err != nil {
		if keyGiven { // two concurrent requests with one key: the unique index let one win
			if done, rerr := replayInPerson(e, po, sub); done || rerr != nil {
				return rerr
			}
		}
		// Answers the form accepts but a record field refuses: a 400 on the field.
		if ferrs := recordFieldErrors(err); ferrs != nil {
			return writeFieldErrors(e, ferrs)
		}
		return writeSaveFailure(e, "The registration could not be saved.", err)
	}
	s.outbox.Kick()
	return e.JSON(http.StatusCreated, inPersonResponse{Reference: stored.Submission.GetString("reference"),
		Submission: stored.Submission.Id, Case: stored.Case.Id})
}

// replayInPerson answers a repeated request (same Träger and key) with the
// first one's result; the same key with another request is a 409.
func replayInPerson(e *core.RequestEvent, po *publicOffer, sub *submission) (bool, error) {
	prev, err := e.App.FindFirstRecordByFilter("submissions", "tenant = {:t} && idempotency_key = {:k}",
		dbx.Params{"t": po.tenant.Id, "k": sub.key})
	if err != nil {
		return false, nil
	}
	if prev.GetString("request_hash") != sub.hash {
		return true, writeError(e, http.StatusConflict, "This Idempotency-Key was used for another request.",
			forms.FieldErrors{forms.FormPath: {Code: "idempotency_key_reused",
				Message: "This Idempotency-Key was used for another request."}})
	}
	return true, e.JSON(http.StatusCreated, inPersonResponse{Reference: prev.GetString("reference"),
		Submission: prev.Id, Case: prev.GetString("case"), Replayed: true})
}
