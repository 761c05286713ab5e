package content_test

import (
	"testing"

	"github.com/multipotenzial/multipotenzial/demo/content"
	"github.com/multipotenzial/multipotenzial/forms"
)

// The demo intake form must compile without errors or warnings and pass
// its own test cases, as publishing requires.
func TestIntakeFormPublishes(t *testing.T) {
	def, err := forms.Parse(content.IntakeForm)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	form, diags := forms.Compile(def)
	if form == nil {
		t.Fatalf("compile: %v", diags)
	}
	for _, d := range diags {
		t.Errorf("warning %s: %s (%s)", d.Path, d.Message, d.Code)
	}
	for _, f := range form.RunTests() {
		t.Errorf("%s %q: %s", f.Path, f.Name, f.Message)
	}
}
