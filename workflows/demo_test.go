package workflows_test

import (
	"testing"

	"github.com/multipotenzial/multipotenzial/demo/content"
	"github.com/multipotenzial/multipotenzial/workflows"
)

// The demo workflow compiles against the demo intake form without errors
// or warnings, with the state keys the demo seed data uses.
func TestDemoCompiles(t *testing.T) {
	def, err := workflows.Parse(content.IntakeWorkflow)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	w, diags := workflows.Compile(def, intakeSchema(t))
	for _, d := range diags {
		t.Errorf("%s %s: %s: %s", d.Severity, d.Path, d.Code, d.Message)
	}
	if w == nil {
		t.FailNow()
	}
	want := []string{"angemeldet", "erstgespraech", "profiling", "foerderplan", "in_massnahme",
		"vermittelt", "nachbetreuung", "abgeschlossen", "abgebrochen"}
	states := w.States("de")
	if len(states) != len(want) {
		t.Fatalf("%d states, want %d", len(states), len(want))
	}
	for i, s := range states {
		if s.Key != want[i] {
			t.Errorf("state %d = %q, want %q", i, s.Key, want[i])
		}
	}
	for _, lang := range []string{"de", "en", "ar", "fa", "uk", "ru", "tr"} {
		if s, _ := w.State("vermittelt", lang); s.Label == "" || (lang != "de" && s.Label == states[5].Label) {
			t.Errorf("state label in %s = %q", lang, s.Label)
		}
	}
}
