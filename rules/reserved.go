package rules

import (
	"sort"
	"strings"

	"github.com/expr-lang/expr/builtin"
)

// internalPrefix starts every name the engine injects (budget, clock,
// answered flags). Rules may not use such names.
const internalPrefix = "__"

// keywords of the expression syntax that cannot be names.
var keywords = []string{
	"true", "false", "nil", "not", "and", "or", "in", "matches", "contains",
	"startsWith", "endsWith", "let", "if", "else",
}

var reserved = buildReserved()

func buildReserved() map[string]bool {
	m := map[string]bool{answeredFunc: true}
	for _, k := range keywords {
		m[k] = true
	}
	for _, f := range builtin.Builtins {
		m[f.Name] = true
	}
	for _, f := range functions {
		m[f.name] = true
	}
	return m
}

// IsReserved reports whether name cannot be used as a schema name (a field
// key): it is a function (today, age, len, …), a keyword, answered, or starts
// with "__" or "$".
func IsReserved(name string) bool {
	return reserved[name] || strings.HasPrefix(name, internalPrefix) || strings.HasPrefix(name, "$")
}

// ReservedNames returns the reserved names, sorted (for documentation and
// the studio).
func ReservedNames() []string {
	out := make([]string, 0, len(reserved))
	for name := range reserved {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}
