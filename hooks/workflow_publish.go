package hooks

import (
	"errors"

	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/rules"
	"github.com/multipotenzial/multipotenzial/workflows"
)

// CheckWorkflow compiles a workflow definition against the intake schema
// without publishing.
func CheckWorkflow(raw []byte, intake rules.Schema) (*workflows.Workflow, PublishResult) {
	res := PublishResult{Diagnostics: []forms.Diagnostic{}, Tests: []forms.TestFailure{}}
	def, err := workflows.Parse(raw)
	if err != nil {
		var diags forms.Diagnostics
		if !errors.As(err, &diags) {
			diags = forms.Diagnostics{{Code: forms.CodeJSON, Message: err.Error(), Severity: forms.SeverityError}}
		}
		res.Diagnostics = diags
		return nil, res
	}
	wf, diags := workflows.Compile(def, intake)
	res.Diagnostics = append(res.Diagnostics, diags...)
	if diags.HasErrors() {
		return nil, res
	}
	return wf, res
}

// PublishWorkflow publishes raw as the next workflow version of offer,
// checked against the offer's current intake form; it refuses with
// ErrDefinitionRejected on errors. Call it in a transaction.
func PublishWorkflow(txApp core.App, offer *core.Record, raw []byte, intake rules.Schema, actor, note string) (PublishResult, error) {
	wf, res := CheckWorkflow(raw, intake)
	if wf == nil {
		return res, ErrDefinitionRejected
	}
	rec, err := saveVersion(txApp, "workflow_versions", offer, raw, actor, note,
		map[string]any{"form_version": offer.GetString("form_version")})
	if err != nil {
		return res, err
	}
	offer.Set("workflow_version", rec.Id)
	if err := txApp.Save(offer); err != nil {
		return res, err
	}
	res.Version, res.Number = rec, rec.GetInt("version")
	return res, nil
}

// publishWorkflowOf is the workflow publish of the route: typed by the
// offer's current intake form.
func (s *service) publishWorkflowOf(tx core.App, offer *core.Record, raw []byte, actor, note string) (PublishResult, error) {
	intake, err := s.intakeSchema(tx, offer.GetString("form_version"))
	if err != nil {
		return PublishResult{}, err
	}
	return PublishWorkflow(tx, offer, raw, intake, actor, note)
}
