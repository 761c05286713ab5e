package workflows_test

import (
	"testing"

	"github.com/multipotenzial/multipotenzial/demo/content"
	"github.com/multipotenzial/multipotenzial/workflows"
)

// FuzzCompileWorkflow feeds arbitrary definitions to Parse and Compile and
// drives whatever compiles through Options, Start, Take, Fire and Simulate:
// nothing may panic or hang, and a compiled workflow has no errors. Seeds
// are in testdata/fuzz/FuzzCompileWorkflow (the demo, a small workflow,
// broken and hostile ones).
func FuzzCompileWorkflow(f *testing.F) {
	f.Add(content.IntakeWorkflow)
	schema := intakeSchema(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		def, err := workflows.Parse(raw)
		if err != nil {
			return
		}
		w, d := workflows.Compile(def, schema)
		if w == nil {
			if !d.HasErrors() {
				t.Fatalf("not compiled without errors: %v", d)
			}
			return
		}
		if d.HasErrors() {
			t.Fatalf("compiled with errors: %v", d)
		}
		exercise(w)
	})
}

// exercise runs every transition from each of its states as every role
// and lets timers fire.
func exercise(w *workflows.Workflow) {
	now := at(2026, 1, 5, 9)
	for _, s := range w.States("de") {
		for _, role := range []string{workflows.RoleCounsellor, workflows.RoleTenantAdmin, workflows.RoleSystem} {
			c := sampleCase(s.Key, now, now)
			c.Actor.Role = role
			for _, o := range w.Options(c, "en") {
				if out, err := w.Take(c, workflows.Request{Transition: o.Key, Step: map[string]any{}}); err == nil {
					next := c.After(out)
					next.Now = now.AddDate(1, 0, 0)
					for _, tm := range next.Timers {
						w.Fire(next, tm)
					}
				}
			}
		}
	}
	workflows.Simulate(w, workflows.Scenario{Steps: []workflows.SimStep{{WaitDays: 400}}})
}
