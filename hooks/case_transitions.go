package hooks

import (
	"errors"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/workflows"
)

// loadCaseForStaff loads the {id} case for a counsellor or tenant admin of its
// Träger; anyone else gets denied (404 hides another Träger's case).
func loadCaseForStaff(e *core.RequestEvent, denied func() error) (*core.Record, caller, error) {
	c := callerOf(e.Auth)
	if !c.isTenantStaff() {
		return nil, c, e.ForbiddenError("Only counsellors and tenant admins work cases.", nil)
	}
	rec, err := e.App.FindRecordById("cases", e.Request.PathValue("id"))
	if err != nil || rec.GetString("tenant") != c.Tenant {
		return nil, c, denied()
	}
	return rec, c, nil
}

type caseSummary struct {
	ID         string `json:"id"`
	Reference  string `json:"reference"`
	State      string `json:"state"`
	StateLabel string `json:"state_label"`
	Updated    string `json:"updated"`
	Closed     bool   `json:"closed"`
}

func summarizeCase(c *core.Record, wf *workflows.Workflow, lang string) caseSummary {
	s := caseSummary{ID: c.Id, Reference: c.GetString("reference"), State: c.GetString("state"),
		StateLabel: c.GetString("state"), Updated: c.GetString("updated"), Closed: !c.GetDateTime("closed").IsZero()}
	if wf != nil {
		if info, ok := wf.State(s.State, lang); ok {
			s.StateLabel = info.Label
		}
	}
	return s
}

// handleCaseTransitions: GET /api/mp/cases/{id}/transitions?lang= — every
// transition out of the current state, whether the caller may take it now,
// and if not, why.
func (s *service) handleCaseTransitions(e *core.RequestEvent) error {
	rec, c, err := loadCaseForStaff(e, func() error { return e.NotFoundError("Case not found.", nil) })
	if err != nil {
		return err
	}
	lang := e.Request.URL.Query().Get("lang")
	out := struct {
		Case    caseSummary        `json:"case"`
		Options []workflows.Option `json:"options"`
	}{Options: []workflows.Option{}}
	var wf *workflows.Workflow
	if v := rec.GetString("workflow_version"); v != "" {
		if wf, _, err = s.workflowVersion(e.App, v); err != nil {
			return e.InternalServerError("The workflow could not be loaded.", err)
		}
		ctx, err := caseContext(e.App, rec, staffActor(c), s.now())
		if err != nil {
			return err
		}
		if opts := wf.Options(ctx, lang); opts != nil {
			out.Options = opts
		}
	}
	out.Case = summarizeCase(rec, wf, lang)
	return e.JSON(http.StatusOK, out)
}

type transitionBody struct {
	Step     map[string]any `json:"step"`
	Comment  string         `json:"comment"`
	Language string         `json:"language"`
	// ExpectedUpdated is the case's "updated" as the caller read it: when the
	// case changed since, the transition is refused with 409.
	ExpectedUpdated string `json:"expected_updated"`
}

// errCaseChanged is a 409: the case changed since the caller read it.
var errCaseChanged = &workflows.Error{Code: "case_changed", Message: "The case was changed meanwhile; please reload it."}

// handleTakeTransition: POST /api/mp/cases/{id}/transitions/{key}. One
// transaction re-reads the case, asks the engine, and stores the case update,
// the case event, tasks, timers and queued emails.
func (s *service) handleTakeTransition(e *core.RequestEvent) error {
	rec, c, err := loadCaseForStaff(e, func() error { return e.ForbiddenError("Not a case of your Träger.", nil) })
	if err != nil {
		return err
	}
	var body transitionBody
	if err := e.BindBody(&body); err != nil {
		return writeFieldError(e, forms.FormPath, "request_invalid_json", "The request body is not valid JSON.")
	}
	outcome, updated, err := s.take(asCaller(e), rec.Id, c, workflows.Request{Transition: e.Request.PathValue("key"),
		Step: body.Step, Comment: body.Comment, Language: body.Language}, body.ExpectedUpdated)
	var werr *workflows.Error
	switch {
	case errors.As(err, &werr):
		return writeWorkflowError(e, werr)
	case err != nil:
		return writeSaveFailure(e, "The transition could not be saved.", err)
	}
	return e.JSON(http.StatusOK, map[string]any{"case": updated, "outcome": outcome})
}

// writeWorkflowError answers with the engine's status: 400 with the step
// form's field errors, else the reason under _form.
func writeWorkflowError(e *core.RequestEvent, werr *workflows.Error) error {
	if werr.Code == errCaseChanged.Code || werr.Code == errNoWorkflow.Code {
		return writeError(e, http.StatusConflict, werr.Message,
			forms.FieldErrors{forms.FormPath: {Code: werr.Code, Message: werr.Message}})
	}
	if werr.Status() == http.StatusBadRequest && len(werr.Fields) > 0 {
		return writeError(e, http.StatusBadRequest, werr.Message, werr.Fields)
	}
	if werr.Err != nil {
		e.App.Logger().Warn("workflow rule failed", "code", werr.Code, "error", werr.Err)
	}
	return writeError(e, werr.Status(), werr.Message,
		forms.FieldErrors{forms.FormPath: {Code: werr.Code, Message: werr.Message}})
}

// take takes a transition for a staff caller in one transaction that
// re-reads the case, asks the engine, and stores the case update, the case
// event, tasks, timers and queued emails. The error is a *workflows.Error
// for every refusal.
func (s *service) take(app core.App, caseId string, c caller, r workflows.Request, expectedUpdated string) (*workflows.Outcome, *core.Record, error) {
	var outcome *workflows.Outcome
	var updated *core.Record
	err := app.RunInTransaction(func(tx core.App) error {
		fresh, err := tx.FindRecordById("cases", caseId)
		if err != nil {
			return err
		}
		if expectedUpdated != "" && expectedUpdated != fresh.GetString("updated") {
			return errCaseChanged
		}
		if fresh.GetString("workflow_version") == "" {
			return errNoWorkflow
		}
		p, err := tx.FindRecordById("participants", fresh.GetString("participant"))
		if err != nil {
			return err
		}
		switch p.GetString("status") {
		case "restricted", "anonymised":
			return errRestricted
		case "registered": // a counsellor takes the registration up
			p.Set("status", "active")
			if err := tx.Save(p); err != nil {
				return err
			}
		}
		wf, _, err := s.workflowVersion(tx, fresh.GetString("workflow_version"))
		if err != nil {
			return err
		}
		ctx, err := caseContext(tx, fresh, staffActor(c), s.now())
		if err != nil {
			return err
		}
		o, err := wf.Take(ctx, r)
		if err != nil {
			return err
		}
		from := fresh.GetString("state")
		if err := applyOutcome(tx, fresh, o, s.now()); err != nil {
			return err
		}
		outcome, updated = o, fresh
		return AppendEvent(tx, fresh, CaseEvent{Type: EventTransition, From: from, To: o.To, Actor: c.Record.Id,
			ActorKind: "staff", Data: map[string]any{"transition": o.Transition, "step": o.Step,
				"comment": o.Comment, "set": o.Set, "tasks": len(o.Tasks)}})
	})
	if err == nil {
		s.outbox.Kick()
	}
	return outcome, updated, err
}

// errRestricted is a 422: the person withdrew a consent the processing
// needs (GDPR Art. 18); their case takes no transitions.
var errRestricted = &workflows.Error{Code: "processing_restricted",
	Message: "The participant withdrew their consent: this case may not be processed further."}

// errNoWorkflow is a 409: the case's offer had no workflow when it opened.
var errNoWorkflow = &workflows.Error{Code: "case_without_workflow", Message: "This case has no workflow."}

// Take takes a transition of a case as the staff user actor, exactly as
// POST /api/mp/cases/{id}/transitions/{key} does (used by the demo data and
// by tools). now overrides the clock when not zero.
func Take(app core.App, caseId string, actor *core.Record, r workflows.Request, now time.Time) (*workflows.Outcome, error) {
	s := serviceOf(app)
	if !now.IsZero() {
		s = s.at(now)
	}
	o, _, err := s.take(As(app, actorOf(actor)), caseId, callerOf(actor), r, "")
	return o, err
}
