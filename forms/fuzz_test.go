package forms_test

import (
	"encoding/json/v2"
	"os"
	"reflect"
	"testing"

	"github.com/multipotenzial/multipotenzial/demo/content"
	"github.com/multipotenzial/multipotenzial/forms"
)

// FuzzCompile feeds arbitrary definitions to Parse and Compile. Neither may
// panic, and a form that compiles must localize, evaluate its defaults and
// run its tests without panicking. (Rule sources alone are fuzzed by
// rules.FuzzCompile.) Seeds: the demo form, testdata and
// testdata/fuzz/FuzzCompile.
func FuzzCompile(f *testing.F) {
	f.Add(content.IntakeForm)
	every, err := os.ReadFile("testdata/every-type.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(every)
	f.Add([]byte(wireForm))
	f.Fuzz(func(t *testing.T, raw []byte) {
		def, err := forms.Parse(raw)
		if err != nil {
			return
		}
		form, diags := forms.Compile(def)
		for _, d := range diags {
			if d.Code == "" || d.Message == "" || (d.Severity != forms.SeverityError && d.Severity != forms.SeverityWarning) {
				t.Fatalf("bad diagnostic %+v", d)
			}
		}
		if form == nil {
			return
		}
		for _, lang := range form.Languages() {
			if _, err := json.Marshal(form.LocalizeAt(lang, today)); err != nil {
				t.Fatalf("localized form does not encode: %v", err)
			}
		}
		form.RunTests()
		form.Fields()
		form.Consents()
	})
}

// FuzzEvaluate feeds arbitrary answer JSON to the demo intake form.
// Evaluate and Validate must never panic, always return the wire shapes,
// and Validate's clean answers must validate again to themselves.
// Seeds: the demo form's test cases and testdata/fuzz/FuzzEvaluate.
func FuzzEvaluate(f *testing.F) {
	form := load(f, string(content.IntakeForm))
	for _, tc := range form.Definition().Tests {
		raw, err := json.Marshal(tc.Answers)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var answers map[string]any
		if json.Unmarshal(raw, &answers) != nil {
			return
		}
		ev := form.Evaluate(answers, opts("ar"))
		if ev.Hidden == nil || ev.Required == nil || ev.Values == nil || ev.Errors == nil {
			t.Fatalf("nil in the evaluation: %+v", ev)
		}
		if _, err := json.Marshal(ev); err != nil {
			t.Fatalf("evaluation does not encode: %v", err)
		}
		clean, errs := form.Validate(answers, opts("de"))
		if (clean == nil) == (errs == nil) {
			t.Fatalf("clean %v and errors %v", clean, errs)
		}
		if clean == nil {
			return
		}
		again, errs := form.Validate(clean, opts("de"))
		if errs != nil || !reflect.DeepEqual(again, clean) {
			t.Fatalf("clean answers do not validate to themselves:\n%v\n%v\n%v", clean, again, errs)
		}
	})
}
