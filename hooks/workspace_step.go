package hooks

import (
	"net/http"
	"slices"
	"sync"

	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/workflows"
)

// stepForms keeps the step forms compiled for evaluation, by workflow
// version and transition (versions never change, so entries never go stale).
var stepForms = struct {
	sync.Mutex
	m map[string]*forms.Form
}{}

// stepForm compiles the step form of transition key as the engine does: one
// section in the staff languages. Nil when the transition has none.
func stepForm(wf *workflows.Workflow, version, key string) *forms.Form {
	id := version + "/" + key
	stepForms.Lock()
	f, ok := stepForms.m[id]
	stepForms.Unlock()
	if ok {
		return f
	}
	for _, t := range wf.Definition().Transitions {
		if t.Key != key || t.StepForm == nil {
			continue
		}
		langs := []string{forms.DefaultLanguage}
		if slices.Contains(wf.Languages(), "en") {
			langs = append(langs, "en")
		}
		title := forms.Text{forms.DefaultLanguage: t.Key}
		f, _ = forms.Compile(&forms.Definition{Title: title, Languages: langs, Sections: []forms.Section{
			{Key: "step", Title: title, Description: t.StepForm.Description, Fields: t.StepForm.Fields}}})
	}
	stepForms.Lock()
	if stepForms.m == nil || len(stepForms.m) > 1024 {
		stepForms.m = map[string]*forms.Form{}
	}
	stepForms.m[id] = f
	stepForms.Unlock()
	return f
}

// handleEvaluateStep: POST /api/mp/cases/{id}/transitions/{key}/evaluate —
// evaluates a step form's rules (visibility, required, validations) while a
// counsellor fills it, as the public evaluate route does for intake forms.
func (s *service) handleEvaluateStep(e *core.RequestEvent) error {
	rec, _, err := loadCaseForStaff(e, func() error { return e.NotFoundError("Case not found.", nil) })
	if err != nil {
		return err
	}
	v := rec.GetString("workflow_version")
	if v == "" {
		return writeWorkflowError(e, errNoWorkflow)
	}
	wf, _, err := s.workflowVersion(e.App, v)
	if err != nil {
		return e.InternalServerError("The workflow could not be loaded.", err)
	}
	f := stepForm(wf, v, e.Request.PathValue("key"))
	if f == nil {
		return e.NotFoundError("This transition has no step form.", nil)
	}
	return s.respondEvaluation(e, f, v)
}

// respondEvaluation answers an evaluate request ({answers, language}) for
// the form f of version (rule failures are logged for the admin).
func (s *service) respondEvaluation(e *core.RequestEvent, f *forms.Form, version string) error {
	var body evaluateBody
	if err := e.BindBody(&body); err != nil {
		return writeFieldError(e, forms.FormPath, "request_invalid_json", "The request body is not valid JSON.")
	}
	ev := f.Evaluate(body.Answers, forms.Options{Language: body.Language, Now: s.now()})
	s.logRuleErrors(e, version, ev.RuleErrors)
	return e.JSON(http.StatusOK, ev)
}
