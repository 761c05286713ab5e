package forms_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/multipotenzial/multipotenzial/forms"
)

// Every built-in error code has a message in every language of i18n/, and
// the tables have no codes that do not exist.
func TestMessagesParity(t *testing.T) {
	codes := validationCodes(t)
	langs := forms.MessageLanguages()
	for _, want := range []string{"de", "en", "ar", "fa", "uk", "ru", "tr"} {
		if !slices.Contains(langs, want) {
			t.Errorf("no messages in %s", want)
		}
	}
	f := everyType(t)
	for _, lang := range langs {
		for _, code := range codes {
			msg := forms.BuiltinMessage(lang, code)
			if msg == "" || (lang != "de" && msg == forms.BuiltinMessage("de", code) && !strings.Contains(msg, "{")) {
				t.Errorf("%s: no message for %s", lang, code)
			}
		}
		if n := len(forms.BuiltinMessages(lang)); n != len(codes) {
			t.Errorf("%s has %d messages, want %d", lang, n, len(codes))
		}
	}
	// {n} is filled in.
	ev := f.Evaluate(map[string]any{"name": "x"}, opts("en"))
	if got := ev.Errors["name"].Message; got != "Please enter at least 2 characters." {
		t.Errorf("message with {n}: %q", got)
	}
	// A language without built-in messages falls back to German.
	if got := forms.BuiltinMessage("ps", forms.CodeRequired); got != forms.BuiltinMessage("de", forms.CodeRequired) {
		t.Errorf("fallback: %q", got)
	}
}

// validationCodes reads the validation_* constants of errors.go, so a new
// code without translations fails the test.
func validationCodes(t *testing.T) []string {
	file, err := parser.ParseFile(token.NewFileSet(), "errors.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	ast.Inspect(file, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			if s, _ := strconv.Unquote(lit.Value); strings.HasPrefix(s, "validation_") {
				codes = append(codes, s)
			}
		}
		return true
	})
	if len(codes) < 15 {
		t.Fatalf("found only %d codes", len(codes))
	}
	return codes
}
