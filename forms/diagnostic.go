package forms

import (
	"fmt"
	"strings"

	"github.com/multipotenzial/multipotenzial/rules"
)

// Severity of a diagnostic: errors block publishing, warnings do not.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// Diagnostic codes of Compile and Parse (rule problems use the rule_* codes
// of package rules). They are stable and double as translation keys.
const (
	CodeJSON               = "definition_json"
	CodeUnknownProperty    = "definition_unknown_property"
	CodeWrongJSONType      = "definition_type"
	CodeMissing            = "definition_missing"
	CodeKeyInvalid         = "key_invalid"
	CodeKeyDuplicate       = "key_duplicate"
	CodeKeyReserved        = "key_reserved"
	CodeTypeUnknown        = "field_type_unknown"
	CodePropertyNotAllowed = "property_not_allowed"
	CodeValueInvalid       = "value_invalid"
	CodeOptionsEmpty       = "options_empty"
	CodeOptionDuplicate    = "option_duplicate"
	CodePatternInvalid     = "pattern_invalid"
	CodeRangeInvalid       = "range_invalid"
	CodeDefaultInvalid     = "default_invalid"
	CodeCycle              = "dependency_cycle"
	CodeLanguageInvalid    = "language_invalid"
	CodeTranslation        = "translation_missing"
	CodeTextMissing        = "text_missing"
	CodeNestedRepeat       = "repeat_nested"
	CodeSpecialConsent     = "special_without_consent"
	CodeTooLarge           = "definition_too_large"
)

// Diagnostic is one problem in a definition. Path points into the
// definition (sections[1].fields[3].visible_if). For problems inside a rule,
// Line and Column (1-based) and From/To (UTF-16 offsets, From inclusive) are
// positions inside the rule's source; they are 0 otherwise.
type Diagnostic struct {
	Path     string `json:"path"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	Severity string `json:"severity"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	From     int    `json:"from"`
	To       int    `json:"to"`
}

// Diagnostics is a list of problems; as an error it means "not compiled".
type Diagnostics []Diagnostic

// Error lists the problems.
func (d Diagnostics) Error() string {
	parts := make([]string, len(d))
	for i, x := range d {
		pos := ""
		if x.Line > 0 {
			pos = fmt.Sprintf(" (%d:%d)", x.Line, x.Column)
		}
		parts[i] = fmt.Sprintf("%s: %s%s", x.Path, x.Message, pos)
	}
	return strings.Join(parts, "; ")
}

// HasErrors reports whether any diagnostic is an error.
func (d Diagnostics) HasErrors() bool {
	for _, x := range d {
		if x.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Errors returns only the errors.
func (d Diagnostics) Errors() Diagnostics { return d.filter(SeverityError) }

// Warnings returns only the warnings.
func (d Diagnostics) Warnings() Diagnostics { return d.filter(SeverityWarning) }

func (d Diagnostics) filter(severity string) Diagnostics {
	var out Diagnostics
	for _, x := range d {
		if x.Severity == severity {
			out = append(out, x)
		}
	}
	return out
}

// diags collects diagnostics during Compile.
type diags struct{ list Diagnostics }

func (d *diags) errorf(path, code, format string, args ...any) {
	d.list = append(d.list, Diagnostic{Path: path, Code: code, Message: fmt.Sprintf(format, args...), Severity: SeverityError})
}

func (d *diags) warnf(path, code, format string, args ...any) {
	d.list = append(d.list, Diagnostic{Path: path, Code: code, Message: fmt.Sprintf(format, args...), Severity: SeverityWarning})
}

// rule adds the diagnostics of a rule at path.
func (d *diags) rule(path string, rd rules.Diagnostics) {
	d.list = append(d.list, RuleDiagnostics(path, rd)...)
}

// RuleDiagnostics places a rule's diagnostics at path in a definition (also
// for the other definition languages built on rules).
func RuleDiagnostics(path string, rd rules.Diagnostics) Diagnostics {
	out := make(Diagnostics, 0, len(rd))
	for _, x := range rd {
		out = append(out, Diagnostic{Path: path, Code: x.Code, Message: x.Message, Severity: SeverityError,
			Line: x.Line, Column: x.Column, From: x.From, To: x.To})
	}
	return out
}
