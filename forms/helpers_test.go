package forms_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/multipotenzial/multipotenzial/forms"
)

// today is the fixed clock of the tests: 2 March 2026 in Berlin.
var today = time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)

func opts(lang string) forms.Options { return forms.Options{Language: lang, Now: today} }

// load parses and compiles a definition that must compile.
func load(t testing.TB, raw string) *forms.Form {
	t.Helper()
	def, err := forms.Parse([]byte(raw))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	f, d := forms.Compile(def)
	if f == nil {
		t.Fatalf("compile: %v", d)
	}
	return f
}

// everyType is testdata/every-type.json: every field type and rule kind.
func everyType(t testing.TB) *forms.Form {
	t.Helper()
	raw, err := os.ReadFile("testdata/every-type.json")
	if err != nil {
		t.Fatal(err)
	}
	return load(t, string(raw))
}

// oneSection wraps fields (JSON) into a German/English definition.
func oneSection(fields ...string) string {
	return `{"title": "T", "languages": ["de", "en"], "sections": [{"key": "s", "title": "S", "fields": [` +
		strings.Join(fields, ",") + `]}]}`
}

// diagnose parses and compiles, returning all diagnostics.
func diagnose(t *testing.T, raw string) forms.Diagnostics {
	t.Helper()
	def, err := forms.Parse([]byte(raw))
	if err != nil {
		return err.(forms.Diagnostics)
	}
	_, d := forms.Compile(def)
	return d
}
