package rules

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/expr-lang/expr/file"
)

// Diagnostic codes of the rule compiler. They are stable and double as
// translation keys in the studio.
const (
	CodeEmpty            = "rule_empty"
	CodeTooLong          = "rule_too_long"
	CodeSyntax           = "rule_syntax"
	CodeTooComplex       = "rule_too_complex"
	CodeUnknownName      = "rule_unknown_name"
	CodeUnknownField     = "rule_unknown_field"
	CodeType             = "rule_type"
	CodeResultType       = "rule_result_type"
	CodeFunction         = "rule_function_not_allowed"
	CodeMethodCall       = "rule_method_call"
	CodeNestedLoop       = "rule_nested_loop"
	CodeRange            = "rule_range"
	CodeDynamicPattern   = "rule_dynamic_pattern"
	CodeInvalidPattern   = "rule_invalid_pattern"
	CodeInvalidDate      = "rule_invalid_date"
	CodeForbiddenName    = "rule_forbidden_name"
	CodeAnsweredArgument = "rule_answered_argument"
	CodeShadowing        = "rule_shadowing"
	CodeReservedName     = "rule_reserved_name"
)

// Diagnostic is one problem in a rule's source. Line and Column are 1-based;
// Column, From and To count UTF-16 code units (as a JavaScript editor does),
// From inclusive and To exclusive.
type Diagnostic struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	From    int    `json:"from"`
	To      int    `json:"to"`
}

// Diagnostics is the error Compile returns: one or more problems.
type Diagnostics []Diagnostic

// Error lists the problems with their positions.
func (d Diagnostics) Error() string {
	parts := make([]string, len(d))
	for i, x := range d {
		parts[i] = fmt.Sprintf("%s (%d:%d)", x.Message, x.Line, x.Column)
	}
	return strings.Join(parts, "; ")
}

// at builds a diagnostic for the runes [from, to) of src.
func at(src, code, msg string, from, to int) Diagnostic {
	p := locate(src, from, to)
	return Diagnostic{Code: code, Message: msg, Line: p.line, Column: p.column, From: p.from, To: p.to}
}

// fromExprError converts an error of expr's parser or checker.
func fromExprError(src string, err error) Diagnostic {
	var fe *file.Error
	if !errors.As(err, &fe) {
		return at(src, CodeSyntax, err.Error(), 0, 0)
	}
	code, msg := classify(fe.Message), humanize(fe.Message)
	if code == CodeTooComplex {
		msg = fmt.Sprintf("the rule is too complex (more than %d parts)", MaxNodes)
	}
	return at(src, code, msg, fe.From, fe.To)
}

// classify maps an expr message to a diagnostic code.
func classify(msg string) string {
	switch {
	case strings.HasPrefix(msg, "unknown name"):
		return CodeUnknownName
	case strings.HasPrefix(msg, "unknown field"), strings.Contains(msg, "has no field"):
		return CodeUnknownField
	case strings.Contains(msg, "maximum allowed nodes"):
		return CodeTooComplex
	case strings.HasPrefix(msg, "unexpected"), strings.HasPrefix(msg, "unterminated"),
		strings.HasPrefix(msg, "invalid char"), strings.HasPrefix(msg, "expected"),
		strings.HasPrefix(msg, "unrecognized"), strings.Contains(msg, "literal"):
		return CodeSyntax
	}
	return CodeType
}

var typeNames = regexp.MustCompile(`\[\]interface \{\}|map\[string\]interface \{\}|interface \{\}|time\.Time|time\.Duration|\bfloat64\b|\bint\b|\bstring\b|\bbool\b`)

var typeWords = map[string]string{
	"[]interface {}":          "list",
	"map[string]interface {}": "object",
	"interface {}":            "any",
	"time.Time":               "date",
	"time.Duration":           "duration",
	"float64":                 "number",
	"int":                     "number",
	"string":                  "text",
	"bool":                    "yes/no",
}

// humanize replaces Go type names in expr's type errors with the names
// admins see in the documentation. Messages that quote a name are kept.
func humanize(msg string) string {
	if strings.HasPrefix(msg, "unknown") {
		return msg
	}
	msg = typeNames.ReplaceAllStringFunc(msg, func(w string) string { return typeWords[w] })
	return strings.TrimSpace(strings.ReplaceAll(msg, "  ", " "))
}
