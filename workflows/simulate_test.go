package workflows_test

import (
	"bytes"
	"encoding/json/v2"
	"testing"

	"github.com/multipotenzial/multipotenzial/demo/content"

	"github.com/multipotenzial/multipotenzial/workflows"
)

// The studio's scenario, as JSON: a new case registered on 2 March 2026,
// walked to the placement, then left alone for 200 days.
const scenarioJSON = `{
  "case": {"reference": "SIM-1", "now": "2026-03-02T10:00:00+01:00",
           "answers": {"residence_status": "tolerated", "work_permit": "applied"},
           "participant": {"first_name": "Zahra", "last_name": "Ahmadi", "preferred_language": "fa"},
           "actor": {"role": "counsellor"}},
  "steps": [
    {"take": "termin_vereinbaren", "step": {"meeting_date": "2026-03-09"}},
    {"wait_days": 7},
    {"take": "erstgespraech_gefuehrt"},
    {"take": "profiling_abgeschlossen", "step": {"work_permit": "applied"}},
    {"take": "vermitteln", "step": {"placement_type": "internship", "employer": "Gärtnerei Ost", "start_date": "2026-04-01"}, "language": "en"},
    {"take": "arbeitserlaubnis_erfassen", "step": {"work_permit": "yes"}},
    {"take": "vermitteln", "step": {"placement_type": "internship", "employer": "Gärtnerei Ost", "start_date": "2026-04-01"}},
    {"wait_days": 200},
    {"take": "abschliessen", "role": "tenant_admin"},
    {"take": "abbrechen", "wait_days": 3}
  ]
}`

func TestSimulate(t *testing.T) {
	w := demo(t)
	var s workflows.Scenario
	if err := json.Unmarshal([]byte(scenarioJSON), &s); err != nil {
		t.Fatal(err)
	}
	before, _ := json.Marshal(s, json.Deterministic(true))
	tr := workflows.Simulate(w, s)
	if after, _ := json.Marshal(s, json.Deterministic(true)); !bytes.Equal(before, after) {
		t.Error("Simulate changed the scenario")
	}
	kinds := ""
	for _, st := range tr.Steps {
		kinds += st.Kind + " "
	}
	if kinds != "start take wait take take take take take wait take invalid " {
		t.Fatalf("steps: %s", kinds)
	}
	if st := tr.Steps[0]; st.Outcome == nil || st.Outcome.To != "angemeldet" || len(st.Outcome.Tasks) != 1 {
		t.Errorf("start: %+v", st)
	}
	if st := tr.Steps[5]; st.Error == nil || st.Error.Code != workflows.ErrGuardFalse ||
		st.Error.Message[:22] != "A placement is only po" || len(st.Options) != 4 || st.Options[2].Allowed {
		t.Errorf("placement without permit: %+v", st)
	}
	wait := tr.Steps[8]
	var fired []string
	for _, f := range wait.Fired {
		fired = append(fired, f.Timer.Key+":"+f.Result)
	}
	want := []string{"nachbetreuung_starten:fired", "nachbetreuung_3_monate:fired", "nachbetreuung_6_monate:fired"}
	if len(fired) != 3 || fired[0] != want[0] || fired[1] != want[1] || fired[2] != want[2] {
		t.Errorf("fired %v", fired)
	}
	if wait.Fired[0].Outcome == nil || wait.Fired[0].Outcome.To != "nachbetreuung" || !wait.Fired[1].Timer.Due.Equal(at(2026, 6, 7, 10)) {
		t.Errorf("wait: %+v", wait.Fired[0])
	}
	if c := tr.Case; c.State != "abgeschlossen" || c.Fields["employer"] != "Gärtnerei Ost" || c.ID != "simulation" || c.Version != "draft" {
		t.Errorf("final case: %s %v", c.State, c.Fields)
	}

	// The same scenario gives the same trace.
	a, _ := json.Marshal(tr, json.Deterministic(true))
	b, _ := json.Marshal(workflows.Simulate(w, s), json.Deterministic(true))
	if !bytes.Equal(a, b) {
		t.Error("simulation is not deterministic")
	}
}

// A draft is simulated straight from its JSON; a broken one gives its
// diagnostics and no trace.
func TestSimulateDraft(t *testing.T) {
	var s workflows.Scenario
	tr, d := workflows.SimulateDraft(content.IntakeWorkflow, intakeSchema(t), s)
	if tr == nil || len(d) != 0 || len(tr.Steps) != 1 || tr.Case.State != "angemeldet" {
		t.Errorf("demo draft: %v %s", tr, list(d))
	}
	broken := bytes.Replace(content.IntakeWorkflow, []byte(`"to": "vermittelt"`), []byte(`"to": "platziert"`), 1)
	tr, d = workflows.SimulateDraft(broken, intakeSchema(t), s)
	if errs := d.Errors(); tr != nil || len(errs) != 1 || errs[0].Path != "transitions[6].to" {
		t.Errorf("broken draft: %v %s", tr, list(d))
	}
	if tr, d = workflows.SimulateDraft([]byte(`{"states": 1}`), intakeSchema(t), s); tr != nil || d[0].Code != "definition_type" {
		t.Errorf("bad JSON: %v %s", tr, list(d))
	}
}
