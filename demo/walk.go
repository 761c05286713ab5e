package demo

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/hooks"
	"github.com/multipotenzial/multipotenzial/workflows"
)

// pathSteps is how a case moves along the standard path: the transition
// into each state and the step answers a counsellor gives.
var pathSteps = map[string]struct {
	transition string
	step       func(at time.Time) map[string]any
}{
	StateFirstMeeting: {"termin_vereinbaren", func(at time.Time) map[string]any {
		return map[string]any{"meeting_date": day(at.AddDate(0, 0, 5))}
	}},
	StateProfiling: {"erstgespraech_gefuehrt", nil},
	StatePlan: {"profiling_abgeschlossen", func(at time.Time) map[string]any {
		return map[string]any{"work_permit": "yes", "work_permit_until": "2028-06-30"}
	}},
	StateInMeasure: {"massnahme_beginnen", func(at time.Time) map[string]any {
		return map[string]any{"measure": "language_course", "provider": "Volkshochschule"}
	}},
	StatePlaced: {"vermitteln", func(at time.Time) map[string]any {
		return map[string]any{"placement_type": "work", "employer": "Metallbau Schmidt GmbH", "start_date": day(at.AddDate(0, 0, 14))}
	}},
	StateFollowUp: {"nachbetreuung_beginnen", nil},
}

func day(t time.Time) string { return t.Format(time.DateOnly) }

// registerPerson registers p online at a past date, then walks the case to
// p.State with the assignee taking each transition.
func registerPerson(app core.App, p person, tenant *core.Record, in *intake, assignee *core.Record) (string, error) {
	now := time.Now()
	opened := now.AddDate(0, 0, -p.DaysAgo)
	clean, errs := in.form.Validate(intakeAnswers(p), forms.Options{Language: p.Language, Now: opened})
	if len(errs) > 0 {
		return "", fmt.Errorf("demo answers invalid: %v", errs)
	}
	stored, err := hooks.StoreRegistration(app, hooks.Registration{Tenant: tenant, Offer: in.offer,
		FormVersion: in.formRef, Form: in.form, Workflow: in.workflow, WorkflowVersion: in.workflowRef,
		Answers: clean, Language: p.Language, Channel: hooks.ChannelOnline,
		IdempotencyKey: "demo-" + p.Tenant + "-" + p.Last, Now: opened})
	if err != nil {
		return "", err
	}
	caseRec := stored.Case
	if assignee != nil {
		caseRec.Set("assignee", assignee.Id)
		if err := app.Save(caseRec); err != nil {
			return "", err
		}
	}
	var path []string
	for _, s := range standardPath[1:] {
		if p.State == StateRegistered {
			break
		}
		path = append(path, s)
		if s == p.State {
			break
		}
	}
	times := []time.Time{opened}
	for i, state := range path {
		step := pathSteps[state]
		at := opened.Add(time.Duration(i+1) * time.Duration(p.DaysAgo) * 24 * time.Hour / time.Duration(len(path)+1))
		times = append(times, at)
		var answers map[string]any
		if step.step != nil {
			answers = step.step(at)
		}
		_, err := hooks.Take(app, caseRec.Id, assignee, workflows.Request{Transition: step.transition,
			Step: answers, Language: "de"}, at)
		if err != nil {
			return "", fmt.Errorf("%s → %s: %w", step.transition, state, err)
		}
	}
	return stored.Submission.GetString("participant"), backdateEvents(app, caseRec.Id, times)
}

// backdateEvents gives the demo case's events the simulated times they
// happened at (the case events are append-only for the API and Go saves; the
// demo writes the database directly, once, before anyone sees the data).
func backdateEvents(app core.App, caseId string, times []time.Time) error {
	var ids []string
	err := app.DB().Select("id").From("case_events").Where(dbx.HashExp{"case": caseId}).
		OrderBy("created", "rowid").Column(&ids)
	if err != nil {
		return err
	}
	for i, id := range ids {
		if i >= len(times) {
			break
		}
		_, err := app.DB().Update("case_events", dbx.Params{"created": times[i].UTC().Format("2006-01-02 15:04:05.000Z")},
			dbx.HashExp{"id": id}).Execute()
		if err != nil {
			return err
		}
	}
	return nil
}
