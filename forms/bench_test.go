package forms_test

import (
	"encoding/json/v2"
	"testing"

	"github.com/multipotenzial/multipotenzial/demo/content"
	"github.com/multipotenzial/multipotenzial/forms"
)

// intakeAnswers returns the answers of the demo form's first test case (a
// complete registration: 40 answers, two repeat groups), decoded from JSON
// as the HTTP layer hands them over.
func intakeAnswers(b *testing.B, f *forms.Form) map[string]any {
	raw, err := json.Marshal(f.Definition().Tests[0].Answers)
	if err != nil {
		b.Fatal(err)
	}
	var answers map[string]any
	if err := json.Unmarshal(raw, &answers); err != nil {
		b.Fatal(err)
	}
	return answers
}

// Parse and Compile of the demo intake form (33 rules): done once per
// published version.
func BenchmarkCompileIntake(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		load(b, string(content.IntakeForm))
	}
}

// A full evaluation of the demo form (visibility, calculated values,
// required, validations) for a complete set of answers.
func BenchmarkEvaluateIntake(b *testing.B) {
	f := load(b, string(content.IntakeForm))
	answers := intakeAnswers(b, f)
	b.ReportAllocs()
	for b.Loop() {
		if ev := f.Evaluate(answers, opts("ar")); len(ev.Errors) != 0 {
			b.Fatal(ev.Errors)
		}
	}
}

// The gate before storing: Evaluate plus required checks and the clean
// answers.
func BenchmarkValidateIntake(b *testing.B) {
	f := load(b, string(content.IntakeForm))
	answers := intakeAnswers(b, f)
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := f.Validate(answers, opts("de")); errs != nil {
			b.Fatal(errs)
		}
	}
}

// The public GET: the form in one language with its initial evaluation.
func BenchmarkLocalizeIntake(b *testing.B) {
	f := load(b, string(content.IntakeForm))
	b.ReportAllocs()
	for b.Loop() {
		f.LocalizeAt("fa", today)
	}
}
