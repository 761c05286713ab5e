package hooks

import (
	"errors"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"github.com/multipotenzial/multipotenzial/forms"
)

type submitResponse struct {
	Reference  string `json:"reference"`
	Submission string `json:"submission"`
	Claim      string `json:"claim"` // one-time: create an account to follow the case
	Replayed   bool   `json:"replayed,omitempty"`
}

// handleSubmit: POST /api/mp/public/offers/{tenant}/{offer}/submissions.
// Order matters: a retry with the same Idempotency-Key is answered before the
// proof of work is checked (the first attempt consumed it), and the proof is
// consumed only once the answers are valid, so fixing a typo needs no new one.
func (s *service) handleSubmit(e *core.RequestEvent) error {
	po, err := s.loadPublicOffer(e)
	if err != nil {
		return err
	}
	sub, ferrs := readSubmission(e, po.form)
	if ferrs != nil {
		return writeFieldErrors(e, ferrs)
	}
	if done, err := s.replaySubmission(e, po, sub); done || err != nil {
		return err
	}
	if sub.FormVersion != 0 && sub.FormVersion != po.version.Number {
		return writeError(e, http.StatusConflict, "The form has changed; please reload it.",
			forms.FieldErrors{forms.FormPath: {Code: "form_version_changed", Message: "The form has changed; please reload it."}})
	}
	if strings.TrimSpace(sub.Website) != "" {
		return writeFieldError(e, "website", "honeypot_filled", "This field must stay empty.")
	}
	fileErrs := attachFiles(sub, po.form)
	clean, errs := po.form.Validate(sub.Answers, forms.Options{Language: sub.Language, Now: s.now()})
	if len(errs)+len(fileErrs) > 0 {
		maps.Copy(fileErrs, errs)
		return writeFieldErrors(e, fileErrs)
	}
	if code := s.pow.verify(sub.Pow.Challenge, sub.Pow.Nonce); code != "" {
		return writeFieldError(e, "pow", code, "The anti-spam check failed; please send again.")
	}
	var files []*filesystem.File
	for _, fs := range sub.files {
		files = append(files, fs...)
	}
	reg := Registration{Tenant: po.tenant, Offer: po.offer, FormVersion: po.version,
		Form: po.form, Answers: clean, Language: sub.Language, Channel: ChannelOnline,
		IdempotencyKey: sub.key, Hash: sub.hash, Files: files, Now: s.now()}
	if v := po.offer.GetString("workflow_version"); v != "" {
		if reg.Workflow, reg.WorkflowVersion, err = s.workflowVersion(e.App, v); err != nil {
			return e.InternalServerError("The workflow could not be loaded.", err)
		}
	}
	stored, err := s.registrations.Store(reg, actorOf(e.Auth))
	if err != nil {
		// Two concurrent requests with one key: the unique index let one win.
		if done, rerr := s.replaySubmission(e, po, sub); done || rerr != nil {
			return rerr
		}
		// Answers the form accepts but a record field refuses (e.g. an email
		// address PocketBase's stricter check rejects) are the sender's
		// problem: a 400 on the field, never a 500.
		if ferrs := recordFieldErrors(err); ferrs != nil {
			return writeFieldErrors(e, ferrs)
		}
		return writeSaveFailure(e, "The registration could not be saved.", err)
	}
	s.outbox.Kick()
	return e.JSON(http.StatusCreated, submitResponse{Reference: stored.Submission.GetString("reference"),
		Submission: stored.Submission.Id, Claim: stored.Claim})
}

// replaySubmission answers a repeated request (same Träger and idempotency
// key) with the first one's result, and creates nothing. The claim token is
// rotated because only its hash was kept.
func (s *service) replaySubmission(e *core.RequestEvent, po *publicOffer, sub *submission) (bool, error) {
	prev, err := findSubmissionByKey(e.App, po.tenant.Id, sub.key)
	if err != nil {
		return false, nil
	}
	if prev.GetString("request_hash") != sub.hash {
		return true, writeError(e, http.StatusConflict, "This Idempotency-Key was used for another request.",
			forms.FieldErrors{forms.FormPath: {Code: "idempotency_key_reused",
				Message: "This Idempotency-Key was used for another request."}})
	}
	claim, err := rotateClaim(e.App, prev, s.now())
	if err != nil {
		return true, err
	}
	return true, e.JSON(http.StatusCreated, submitResponse{Reference: prev.GetString("reference"),
		Submission: prev.Id, Claim: claim, Replayed: true})
}

// findSubmissionByKey finds the submission a Träger stored under an
// idempotency key. The condition on the empty key repeats the WHERE of the
// partial unique index idx_submissions_idempotency: only then may SQLite use
// it (a bound key alone does not prove it is not empty); without it every
// submission of the Träger was read, on every registration. Only the id is
// read first: nearly every request is a first attempt, with nothing to find.
func findSubmissionByKey(app core.App, tenant, key string) (*core.Record, error) {
	var id string
	if err := submissionByKeyQuery(app, tenant, key).Row(&id); err != nil {
		return nil, err
	}
	return app.FindRecordById("submissions", id)
}

func submissionByKeyQuery(app core.App, tenant, key string) *dbx.SelectQuery {
	return app.DB().Select("id").From("submissions").
		Where(dbx.HashExp{"tenant": tenant, "idempotency_key": key}).
		AndWhere(dbx.NewExp("[[idempotency_key]] != ''")).
		Limit(1)
}

// recordFieldErrors turns the validation errors of a record save into field
// errors of the form: a participant field has the key of its answer; any
// other goes to _form. Nil when err is not a validation error.
func recordFieldErrors(err error) forms.FieldErrors {
	var verrs validation.Errors
	if !errors.As(err, &verrs) || len(verrs) == 0 {
		return nil
	}
	out := forms.FieldErrors{}
	for field, ferr := range verrs {
		fe := forms.FieldError{Code: "validation_invalid_value", Message: ferr.Error()}
		var coded validation.Error
		if errors.As(ferr, &coded) {
			fe.Code = coded.Code()
		}
		path := forms.FormPath
		if slices.Contains(participantFields, field) {
			path = field
		}
		out[path] = fe
	}
	return out
}
