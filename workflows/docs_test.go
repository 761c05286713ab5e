package workflows_test

import (
	"encoding/json/v2"
	"os"
	"regexp"
	"testing"

	"github.com/multipotenzial/multipotenzial/workflows"
)

var docFence = regexp.MustCompile("(?s)```json (workflow|scenario)\n(.*?)```")

// The examples of docs/workflow-language.md compile against the demo intake
// form without diagnostics, and the scenario runs on the first one without
// errors.
func TestDocExamples(t *testing.T) {
	raw, err := os.ReadFile("../docs/workflow-language.md")
	if err != nil {
		t.Fatal(err)
	}
	var defs []*workflows.Workflow
	var scenarios []string
	for _, m := range docFence.FindAllStringSubmatch(string(raw), -1) {
		if m[1] == "scenario" {
			scenarios = append(scenarios, m[2])
			continue
		}
		def, err := workflows.Parse([]byte(m[2]))
		if err != nil {
			t.Fatalf("example %d: %v", len(defs), err)
		}
		w, d := workflows.Compile(def, intakeSchema(t))
		if w == nil || len(d) > 0 {
			t.Fatalf("example %d: %s", len(defs), list(d))
		}
		defs = append(defs, w)
	}
	if len(defs) == 0 || len(scenarios) == 0 {
		t.Fatal("no examples found")
	}
	for i, src := range scenarios {
		var s workflows.Scenario
		if err := json.Unmarshal([]byte(src), &s); err != nil {
			t.Fatalf("scenario %d: %v", i, err)
		}
		tr := workflows.Simulate(defs[0], s)
		for j, st := range tr.Steps {
			if st.Error != nil || st.Kind == "invalid" {
				t.Errorf("scenario %d step %d: %s %+v", i, j, st.Kind, st.Error)
			}
		}
		if tr.Case.State != "fertig" || len(tr.Steps[2].Fired) != 1 {
			t.Errorf("scenario %d ends in %s, fired %+v", i, tr.Case.State, tr.Steps[2].Fired)
		}
	}
}
