package hooks

import (
	"sync"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/rules"
	"github.com/multipotenzial/multipotenzial/workflows"
)

// workflowCache keeps compiled workflows by version id: guards are compiled
// once per published version and process, never per request.
type workflowCache struct {
	mu sync.Mutex
	m  map[string]compiledWorkflow
}

type compiledWorkflow struct {
	wf  *workflows.Workflow
	ref VersionRef
}

// workflowVersion returns a published workflow version, compiled against the
// intake form version it was published with.
func (s *service) workflowVersion(app core.App, id string) (*workflows.Workflow, VersionRef, error) {
	s.workflows.mu.Lock()
	cw, ok := s.workflows.m[id]
	s.workflows.mu.Unlock()
	if ok {
		return cw.wf, cw.ref, nil
	}
	var row struct {
		Definition  string `db:"definition"`
		Version     int    `db:"version"`
		FormVersion string `db:"form_version"`
	}
	err := app.DB().Select("definition", "version", "form_version").From("workflow_versions").
		Where(dbx.HashExp{"id": id}).One(&row)
	if err != nil {
		return nil, VersionRef{}, err
	}
	intake, err := s.intakeSchema(app, row.FormVersion)
	if err != nil {
		return nil, VersionRef{}, err
	}
	wf, err := workflows.Load([]byte(row.Definition), intake)
	if err != nil {
		return nil, VersionRef{}, err
	}
	cw = compiledWorkflow{wf: wf, ref: VersionRef{ID: id, Number: row.Version}}
	s.workflows.mu.Lock()
	if s.workflows.m == nil || len(s.workflows.m) > 512 {
		s.workflows.m = map[string]compiledWorkflow{}
	}
	s.workflows.m[id] = cw
	s.workflows.mu.Unlock()
	return wf, cw.ref, nil
}

// intakeSchema is what a workflow's guards may read of the intake answers.
func (s *service) intakeSchema(app core.App, formVersion string) (rules.Schema, error) {
	if formVersion == "" {
		return rules.Schema{}, nil
	}
	f, _, err := s.formVersion(app, formVersion)
	if err != nil {
		return nil, err
	}
	return f.Schema(), nil
}
