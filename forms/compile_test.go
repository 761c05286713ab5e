package forms_test

import (
	"strings"
	"testing"

	"github.com/multipotenzial/multipotenzial/forms"
)

const (
	textA = `{"key": "a", "type": "text", "label": {"de": "A", "en": "A"}}`
	textB = `{"key": "b", "type": "text", "label": {"de": "B", "en": "B"}}`
)

// Every diagnostic of Compile: its exact path, code and severity, and the
// position inside the rule for rule problems.
func TestCompileDiagnostics(t *testing.T) {
	tests := []struct {
		name, raw      string
		path, code     string
		severity       string
		line, col, msg any
	}{
		{"duplicate field key", oneSection(textA, textA), "sections[0].fields[1].key", forms.CodeKeyDuplicate, "error", 0, 0, `"a" is used twice`},
		{"duplicate section key", `{"title": "T", "languages": ["de"], "sections": [{"key": "s", "title": "S", "fields": [` + textA +
			`]}, {"key": "s", "title": "S2", "fields": [` + textB + `]}]}`, "sections[1].key", forms.CodeKeyDuplicate, "error", 0, 0, "used twice"},
		{"invalid key", oneSection(`{"key": "First Name", "type": "text", "label": "A"}`), "sections[0].fields[0].key", forms.CodeKeyInvalid, "error", 0, 0, "not a key"},
		{"key shadows a function", oneSection(`{"key": "today", "type": "date", "label": "A"}`), "sections[0].fields[0].key", forms.CodeKeyReserved, "error", 0, 0, "reserved"},
		{"key item", oneSection(`{"key": "item", "type": "text", "label": "A"}`), "sections[0].fields[0].key", forms.CodeKeyReserved, "error", 0, 0, "reserved"},
		{"unknown type", oneSection(`{"key": "a", "type": "dropdown", "label": "A"}`), "sections[0].fields[0].type", forms.CodeTypeUnknown, "error", 0, 0, "dropdown"},
		{"options on text", oneSection(`{"key": "a", "type": "text", "label": "A", "options": [{"value": "x", "label": "X"}]}`),
			"sections[0].fields[0].options", forms.CodePropertyNotAllowed, "error", 0, 0, "a text field has no options"},
		{"required on info", oneSection(`{"key": "a", "type": "info", "text": "Hallo", "required": true}`),
			"sections[0].fields[0].required", forms.CodePropertyNotAllowed, "error", 0, 0, "no required"},
		{"calculate on text", oneSection(`{"key": "a", "type": "text", "label": "A", "calculate": "1"}`),
			"sections[0].fields[0].calculate", forms.CodePropertyNotAllowed, "error", 0, 0, "no calculate"},
		{"empty options", oneSection(`{"key": "a", "type": "choice", "label": "A", "options": []}`),
			"sections[0].fields[0].options", forms.CodeOptionsEmpty, "error", 0, 0, "at least one option"},
		{"duplicate option", oneSection(`{"key": "a", "type": "multichoice", "label": "A", "options": [{"value": "x", "label": "X"}, {"value": "x", "label": "Y"}]}`),
			"sections[0].fields[0].options[1].value", forms.CodeOptionDuplicate, "error", 0, 0, "twice"},
		{"invalid pattern", oneSection(`{"key": "a", "type": "text", "label": "A", "pattern": "[0-9"}`),
			"sections[0].fields[0].pattern", forms.CodePatternInvalid, "error", 0, 0, "invalid pattern"},
		{"min above max", oneSection(`{"key": "a", "type": "number", "label": "A", "min": 5, "max": 1}`),
			"sections[0].fields[0].min", forms.CodeRangeInvalid, "error", 0, 0, "larger than max"},
		{"max_length above the limit", oneSection(`{"key": "a", "type": "text", "label": "A", "max_length": 100000}`),
			"sections[0].fields[0].max_length", forms.CodeRangeInvalid, "error", 0, 0, "between 1 and 500"},
		{"default not an option", oneSection(`{"key": "a", "type": "choice", "label": "A", "default": "z", "options": [{"value": "x", "label": "X"}]}`),
			"sections[0].fields[0].default", forms.CodeDefaultInvalid, "error", 0, 0, "not a valid answer"},
		{"default of the wrong type", oneSection(`{"key": "a", "type": "integer", "label": "A", "default": "5"}`),
			"sections[0].fields[0].default", forms.CodeDefaultInvalid, "error", 0, 0, "invalid format"},
		{"unknown name in a rule", oneSection(textA, `{"key": "b", "type": "text", "label": "B", "visible_if": "a != \"\" &&\n  agee > 17"}`),
			"sections[0].fields[1].visible_if", "rule_unknown_name", "error", 2, 3, "unknown name agee"},
		{"info is not in rules", oneSection(`{"key": "intro", "type": "info", "text": "Hi"}`, `{"key": "b", "type": "text", "label": "B", "visible_if": "intro == \"\""}`),
			"sections[0].fields[1].visible_if", "rule_unknown_name", "error", 1, 1, "unknown name intro"},
		{"type error in required_if", oneSection(textA, `{"key": "b", "type": "text", "label": "B", "required_if": "a > 5"}`),
			"sections[0].fields[1].required_if", "rule_type", "error", 1, 3, "mismatched types text and number"},
		{"rule of the wrong result", oneSection(`{"key": "b", "type": "text", "label": "B", "visible_if": "1 + 1"}`),
			"sections[0].fields[0].visible_if", "rule_result_type", "error", 1, 1, "yes/no"},
		{"calculate result", oneSection(`{"key": "c", "type": "calculated", "label": "C", "result": "date", "calculate": "1"}`),
			"sections[0].fields[0].calculate", "rule_result_type", "error", 1, 1, "must give a date"},
		{"validation rule", oneSection(`{"key": "n", "type": "number", "label": "N", "validations": [{"code": "big", "valid_if": "n >> 2", "message": "Zu klein"}]}`),
			"sections[0].fields[0].validations[0].valid_if", "rule_syntax", "error", 1, 4, "unexpected"},
		{"row rule reads an unknown sub-field", oneSection(`{"key": "g", "type": "repeat", "label": "G", "fields": [` + textA + `, {"key": "b", "type": "text", "label": "B", "visible_if": "item.x != \"\""}]}`),
			"sections[0].fields[0].fields[1].visible_if", "rule_unknown_field", "error", 1, 6, "unknown field x"},
		{"cycle of calculated fields", oneSection(`{"key": "p", "type": "calculated", "label": "P", "calculate": "q + 1"}`, `{"key": "q", "type": "calculated", "label": "Q", "calculate": "p * 2"}`),
			"sections[0].fields[0].calculate", forms.CodeCycle, "error", 0, 0, "p -> q -> p"},
		{"calculated field reads itself", oneSection(`{"key": "p", "type": "calculated", "label": "P", "calculate": "p + 1"}`),
			"sections[0].fields[0].calculate", forms.CodeCycle, "error", 0, 0, "p -> p"},
		{"fields that hide each other", oneSection(`{"key": "a", "type": "text", "label": "A", "visible_if": "b == \"\""}`, `{"key": "b", "type": "text", "label": "B", "visible_if": "a == \"\""}`),
			"sections[0].fields[0].visible_if", forms.CodeCycle, "error", 0, 0, "a -> b -> a"},
		{"section hidden by its own field", `{"title": "T", "languages": ["de"], "sections": [{"key": "s", "title": "S", "visible_if": "a != \"\"", "fields": [` + textA + `]}]}`,
			"sections[0].visible_if", forms.CodeCycle, "error", 0, 0, "section:s -> a -> section:s"},
		{"cycle inside a row", oneSection(`{"key": "g", "type": "repeat", "label": "G", "fields": [{"key": "x", "type": "calculated", "label": "X", "calculate": "item.y"}, {"key": "y", "type": "calculated", "label": "Y", "calculate": "item.x"}]}`),
			"sections[0].fields[0].fields[0].calculate", forms.CodeCycle, "error", 0, 0, "x -> y -> x"},
		{"missing translation", oneSection(`{"key": "a", "type": "text", "label": {"de": "A"}}`),
			"sections[0].fields[0].label", forms.CodeTranslation, "warning", 0, 0, "no en text"},
		{"missing German", oneSection(`{"key": "a", "type": "text", "label": {"en": "A"}}`),
			"sections[0].fields[0].label", forms.CodeTextMissing, "error", 0, 0, "German"},
		{"missing label", oneSection(`{"key": "a", "type": "text"}`), "sections[0].fields[0].label", forms.CodeTextMissing, "error", 0, 0, "German"},
		{"languages without German", `{"title": "T", "languages": ["en"], "sections": [{"key": "s", "title": "S", "fields": [` + textA + `]}]}`,
			"languages", forms.CodeLanguageInvalid, "error", 0, 0, `include "de"`},
		{"bad language code", `{"title": "T", "languages": ["de", "EN"], "sections": [{"key": "s", "title": "S", "fields": [` + textA + `]}]}`,
			"languages[1]", forms.CodeLanguageInvalid, "error", 0, 0, "not a language code"},
		{"nested repeat", oneSection(`{"key": "g", "type": "repeat", "label": "G", "fields": [{"key": "h", "type": "repeat", "label": "H", "fields": [` + textA + `]}]}`),
			"sections[0].fields[0].fields[0].type", forms.CodeNestedRepeat, "error", 0, 0, "cannot contain"},
		{"consent without consent", oneSection(`{"key": "c", "type": "consent", "label": "C"}`),
			"sections[0].fields[0].consent", forms.CodeMissing, "error", 0, 0, "purpose"},
		{"calculated without calculate", oneSection(`{"key": "c", "type": "calculated", "label": "C"}`),
			"sections[0].fields[0].calculate", forms.CodeMissing, "error", 0, 0, "needs calculate"},
		{"validation code reserved", oneSection(`{"key": "n", "type": "number", "label": "N", "validations": [{"code": "validation_min", "valid_if": "n > 1", "message": "x"}]}`),
			"sections[0].fields[0].validations[0].code", forms.CodeKeyInvalid, "error", 0, 0, "reserved"},
		{"special data without consent", oneSection(`{"key": "h", "type": "textarea", "label": "H", "sensitivity": "special"}`),
			"sections[0].fields[0].sensitivity", forms.CodeSpecialConsent, "warning", 0, 0, "explicit consent"},
		{"unknown sensitivity", oneSection(`{"key": "h", "type": "text", "label": "H", "sensitivity": "secret"}`),
			"sections[0].fields[0].sensitivity", forms.CodeValueInvalid, "error", 0, 0, "normal, sensitive or special"},
		{"no sections", `{"title": "T", "languages": ["de"], "sections": []}`, "sections", forms.CodeMissing, "error", 0, 0, "at least one section"},
		{"section without fields", `{"title": "T", "languages": ["de"], "sections": [{"key": "s", "title": "S", "fields": []}]}`, "sections[0].fields", forms.CodeMissing, "error", 0, 0, "at least one field"},
		{"invalid section key", `{"title": "T", "languages": ["de"], "sections": [{"key": "1s", "title": "S", "fields": [` + textA + `]}]}`, "sections[0].key", forms.CodeKeyInvalid, "error", 0, 0, "not a key"},
		{"language twice", `{"title": "T", "languages": ["de", "en", "en"], "sections": [{"key": "s", "title": "S", "fields": [` + textA + `]}]}`, "languages[2]", forms.CodeLanguageInvalid, "error", 0, 0, "twice"},
		{"no title", `{"languages": ["de"], "sections": [{"key": "s", "title": "S", "fields": [` + textA + `]}]}`, "title", forms.CodeTextMissing, "error", 0, 0, "German"},
		{"invalid option value", oneSection(`{"key": "a", "type": "choice", "label": "A", "options": [{"value": "a b", "label": "X"}]}`),
			"sections[0].fields[0].options[0].value", forms.CodeValueInvalid, "error", 0, 0, "not an option value"},
		{"invalid media type", oneSection(`{"key": "a", "type": "file", "label": "A", "accept": ["pdf"]}`),
			"sections[0].fields[0].accept[0]", forms.CodeValueInvalid, "error", 0, 0, "media type"},
		{"file too large", oneSection(`{"key": "a", "type": "file", "label": "A", "max_size_mb": 500}`),
			"sections[0].fields[0].max_size_mb", forms.CodeRangeInvalid, "error", 0, 0, "at most 50"},
		{"min_items above max_items", oneSection(`{"key": "a", "type": "file", "label": "A", "min_items": 3, "max_items": 2}`),
			"sections[0].fields[0].min_items", forms.CodeRangeInvalid, "error", 0, 0, "larger than max_items"},
		{"unknown result", oneSection(`{"key": "c", "type": "calculated", "label": "C", "result": "money", "calculate": "1"}`),
			"sections[0].fields[0].result", forms.CodeValueInvalid, "error", 0, 0, "number, text, boolean or date"},
		{"validation without rule", oneSection(`{"key": "n", "type": "number", "label": "N", "validations": [{"code": "big", "valid_if": "", "message": "x"}]}`),
			"sections[0].fields[0].validations[0].valid_if", forms.CodeMissing, "error", 0, 0, "needs valid_if"},
		{"validation code twice", oneSection(`{"key": "n", "type": "number", "label": "N", "validations": [{"code": "big", "valid_if": "n > 1", "message": "x"}, {"code": "big", "valid_if": "n > 2", "message": "y"}]}`),
			"sections[0].fields[0].validations[1].code", forms.CodeKeyDuplicate, "error", 0, 0, "twice"},
		{"consent purpose", oneSection(`{"key": "c", "type": "consent", "label": "C", "consent": {"purpose": "Data Processing", "version": "1", "text": "Ja"}}`),
			"sections[0].fields[0].consent.purpose", forms.CodeKeyInvalid, "error", 0, 0, "purpose"},
		{"repeat without fields", oneSection(`{"key": "g", "type": "repeat", "label": "G"}`), "sections[0].fields[0].fields", forms.CodeMissing, "error", 0, 0, "sub-field"},
		{"empty rule", oneSection(`{"key": "b", "type": "text", "label": "B", "visible_if": "   "}`), "sections[0].fields[0].visible_if", "rule_empty", "error", 1, 1, "empty"},
		{"duplicate sub-field key", oneSection(`{"key": "g", "type": "repeat", "label": "G", "fields": [` + textA + `,` + textA + `]}`),
			"sections[0].fields[0].fields[1].key", forms.CodeKeyDuplicate, "error", 0, 0, "twice in this group"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := diagnose(t, tt.raw)
			for _, x := range d {
				if x.Path == tt.path && x.Code == tt.code {
					if x.Severity != tt.severity || x.Line != tt.line || x.Column != tt.col || !strings.Contains(x.Message, tt.msg.(string)) {
						t.Errorf("got %+v\nwant %s %d:%d ~%q", x, tt.severity, tt.line, tt.col, tt.msg)
					}
					return
				}
			}
			t.Errorf("no %s at %s; got %v", tt.code, tt.path, d)
		})
	}
}

// Errors block, warnings do not: a form with only warnings compiles.
func TestWarningsDoNotBlock(t *testing.T) {
	def, err := forms.Parse([]byte(oneSection(`{"key": "a", "type": "text", "label": "A", "help": {"de": "Hilfe"}}`)))
	if err != nil {
		t.Fatal(err)
	}
	f, d := forms.Compile(def)
	if f == nil || d.HasErrors() || len(d.Warnings()) != 1 || d.Warnings()[0].Path != "sections[0].fields[0].help" {
		t.Fatalf("got %v %v", f, d)
	}
	if len(forms.Diagnostics{{Severity: forms.SeverityError}, {Severity: forms.SeverityWarning}}.Errors()) != 1 {
		t.Errorf("Errors() does not filter")
	}
}
