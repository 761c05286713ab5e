package rules_test

import (
	"strings"
	"testing"

	"github.com/multipotenzial/multipotenzial/rules"
)

// Every diagnostic of Compile, with its position: line and column are
// 1-based, column/from/to count UTF-16 code units.
func TestCompileDiagnostics(t *testing.T) {
	tests := []struct {
		name, src  string
		kind       rules.Kind
		code       string
		line, col  int
		from, to   int
		msgContain string
	}{
		{"empty", "  ", rules.Bool, rules.CodeEmpty, 1, 1, 0, 1, "empty"},
		{"too long", strings.Repeat("1+", 1000) + "1", rules.Any, rules.CodeTooLong, 1, 1, 0, 2001, "max 2000"},
		{"syntax", "hours >", rules.Bool, rules.CodeSyntax, 1, 7, 6, 7, "unexpected token EOF"},
		{"unterminated string", `name == "x`, rules.Bool, rules.CodeSyntax, 1, 10, 9, 10, "not terminated"},
		{"unknown name", "hours > 1 &&\n  work_permitt", rules.Bool, rules.CodeUnknownName, 2, 3, 15, 27, "unknown name work_permitt"},
		{"unknown field", `case.stat == "x"`, rules.Bool, rules.CodeUnknownField, 1, 6, 5, 9, "unknown field stat"},
		{"unknown row field", `any(languages, .levl == "b2")`, rules.Bool, rules.CodeUnknownField, 1, 17, 16, 20, "unknown field levl"},
		{"type mismatch", `hours + "x"`, rules.Any, rules.CodeType, 1, 7, 6, 7, "mismatched types number and text"},
		{"wrong argument", `age(hours)`, rules.Number, rules.CodeType, 1, 5, 4, 9, "cannot use number as argument (type date) to call age"},
		{"missing argument", `age()`, rules.Number, rules.CodeType, 1, 1, 0, 3, "not enough arguments to call age"},
		{"result type", `hours + 1`, rules.Bool, rules.CodeResultType, 1, 1, 0, 9, "must give a yes/no"},
		{"not allowed", `repeat("x", 3) == ""`, rules.Bool, rules.CodeFunction, 1, 1, 0, 6, "repeat is not allowed"},
		{"reduce not allowed", `reduce(skills, #acc + #, "") == ""`, rules.Bool, rules.CodeFunction, 1, 1, 0, 6, "reduce"},
		{"method call", `birth_date.Year() > 1990`, rules.Bool, rules.CodeMethodCall, 1, 12, 11, 15, "method calls"},
		{"nested loop", `any(languages, count(skills, # == .language) > 0)`, rules.Bool, rules.CodeNestedLoop, 1, 16, 15, 20, "nested count()"},
		{"range not literal", `len(1..hours) > 0`, rules.Bool, rules.CodeRange, 1, 6, 5, 7, "whole numbers"},
		{"range too large", `len(1..1001) > 0`, rules.Bool, rules.CodeRange, 1, 6, 5, 7, "range too large (max 1000)"},
		{"dynamic pattern", `name matches note`, rules.Bool, rules.CodeDynamicPattern, 1, 6, 5, 12, "pattern written in the rule"},
		{"invalid pattern", `name matches "(a"`, rules.Bool, rules.CodeInvalidPattern, 1, 14, 13, 17, "invalid pattern"},
		{"invalid date", `start > date("2026-02-30")`, rules.Bool, rules.CodeInvalidDate, 1, 14, 13, 25, "not a date"},
		{"env", `$env.hours > 1`, rules.Bool, rules.CodeForbiddenName, 1, 1, 0, 4, "$env"},
		{"internal name", `__ctx != nil`, rules.Bool, rules.CodeForbiddenName, 1, 1, 0, 5, "__ctx"},
		{"shadowing", `let hours = 1; hours > 0`, rules.Bool, rules.CodeShadowing, 1, 5, 4, 9, "let hours hides"},
		{"answered of a value", `answered(hours + 1)`, rules.Bool, rules.CodeAnsweredArgument, 1, 16, 15, 16, "takes a field name"},
		{"answered unknown", `answered(hourz)`, rules.Bool, rules.CodeUnknownName, 1, 10, 9, 14, "unknown name hourz"},
		{"answered unknown sub", `answered(case.stat)`, rules.Bool, rules.CodeUnknownName, 1, 15, 14, 18, "unknown name case.stat"},
		{"answered of a list field", `answered(languages.level)`, rules.Bool, rules.CodeUnknownName, 1, 20, 19, 24, "unknown name languages.level"},
		{"too many nodes", strings.Repeat("1+", 400) + "1", rules.Any, rules.CodeTooComplex, 1, 502, 501, 502, "too complex"},
		// Positions after non-ASCII text: "ü" is one code unit, "😀" two.
		{"utf16 offsets", `name == "Müller 😀" && hourz`, rules.Bool, rules.CodeUnknownName, 1, 24, 23, 28, "unknown name hourz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, d := rules.Compile(tt.src, schema, tt.kind)
			if p != nil || len(d) == 0 {
				t.Fatalf("compiled; want %s", tt.code)
			}
			got := d[0]
			if got.Code != tt.code || got.Line != tt.line || got.Column != tt.col || got.From != tt.from || got.To != tt.to {
				t.Errorf("got %s %d:%d [%d,%d) %q\nwant %s %d:%d [%d,%d)", got.Code, got.Line, got.Column, got.From, got.To, got.Message,
					tt.code, tt.line, tt.col, tt.from, tt.to)
			}
			if !strings.Contains(got.Message, tt.msgContain) {
				t.Errorf("message %q does not contain %q", got.Message, tt.msgContain)
			}
		})
	}
}

// Names that are functions or keywords cannot be schema names: a field
// called now would make now() uncallable.
func TestReservedSchemaNames(t *testing.T) {
	for _, name := range []string{"now", "age", "len", "contains", "answered", "filter", "__x", "$env", "true"} {
		if !rules.IsReserved(name) {
			t.Errorf("%s is not reserved", name)
		}
		_, d := rules.Compile(`1 > 0`, rules.Schema{name: rules.Scalar(rules.Number)}, rules.Bool)
		if len(d) == 0 || d[0].Code != rules.CodeReservedName {
			t.Errorf("schema name %s: got %v, want %s", name, d, rules.CodeReservedName)
		}
	}
	for _, name := range []string{"item", "birth_date", "case", "role"} {
		if rules.IsReserved(name) {
			t.Errorf("%s is reserved", name)
		}
	}
	if len(rules.ReservedNames()) < 50 {
		t.Errorf("ReservedNames() has only %d names", len(rules.ReservedNames()))
	}
}
