// Package rules is the rule language of MultiPotenzial: small expressions in
// the syntax of expr-lang/expr, typed against a [Schema], checked by a
// save-time safety policy and evaluated under a per-evaluation budget.
//
// It knows nothing about forms or workflows. A caller describes the names a
// rule may read ([Schema]), compiles each rule once with [Compile] (when a
// definition is published, never per request), fills an [Env] per evaluation
// and runs the [Program]s against it.
//
// # Unanswered values
//
// Every name in the schema is always present in the [Env]. A value that was
// not given (an unanswered form field) holds the typed zero value of its type:
// "" for strings, 0 for numbers, false for yes/no, an empty list for lists,
// an object of zero values for objects and the zero date for dates. The date
// functions (age, days_since, days_until, months_since) return 0 for the zero
// date, so a rule never fails because something is unanswered. Whether a
// value was given is asked with answered(name) or answered(object.field),
// which is checked against the schema at compile time.
//
// # Safety
//
// Rules come from tenant admins and run on public requests, so every rule
// passes three layers (see docs/form-language.md, "Limits"):
//   - a save-time policy on the raw syntax tree: source size, node count,
//     a function allowlist, loop nesting, literal ranges and patterns;
//   - a budget injected into every loop body: operation count and deadline
//     per evaluation, plus the VM memory budget;
//   - size-capped string building (+, replace, join).
package rules
