package rules

import (
	"strings"
	"time"

	"github.com/expr-lang/expr"
)

// function is one engine function. When withCtx is set, the compiler passes
// the evaluation's *evalCtx as a hidden first argument, and types include it.
type function struct {
	name    string
	withCtx bool
	fn      func(args ...any) (any, error)
	types   []any
}

const (
	answeredFunc = "answered" // rewritten into a flag lookup, never called
	includesFunc = "includes" // what contains(a, b) calls
	tickFunc     = internalPrefix + "tick"
	concatFunc   = internalPrefix + "concat"
	ctxName      = internalPrefix + "ctx"
)

// dateFunc wraps a function of a date that gives 0 for the zero date.
func dateFunc(f func(d time.Time, c *evalCtx) int) func(args ...any) (any, error) {
	return func(args ...any) (any, error) {
		d := args[1].(time.Time)
		if d.IsZero() {
			return 0.0, nil
		}
		return float64(f(d, args[0].(*evalCtx))), nil
	}
}

// functions are the engine functions available to rules. Builtins of expr
// on the allowlist (see policy.go) come on top.
var functions = []function{
	{name: "today", withCtx: true, types: []any{new(func(*evalCtx) time.Time)},
		fn: func(args ...any) (any, error) { return args[0].(*evalCtx).todayAny, nil }},
	{name: "now", withCtx: true, types: []any{new(func(*evalCtx) time.Time)},
		fn: func(args ...any) (any, error) { return args[0].(*evalCtx).nowAny, nil }},
	{name: "date", types: []any{new(func(string) time.Time)},
		fn: func(args ...any) (any, error) { t, _ := ParseDate(args[0].(string)); return t, nil }},
	{name: "age", withCtx: true, types: []any{new(func(*evalCtx, time.Time) float64)},
		fn: dateFunc(func(d time.Time, c *evalCtx) int { return wholeYears(d, c.today) })},
	{name: "months_since", withCtx: true, types: []any{new(func(*evalCtx, time.Time) float64)},
		fn: dateFunc(func(d time.Time, c *evalCtx) int { return wholeMonths(d, c.today) })},
	{name: "days_since", withCtx: true, types: []any{new(func(*evalCtx, time.Time) float64)},
		fn: dateFunc(func(d time.Time, c *evalCtx) int { return dayNumber(c.today) - dayNumber(d) })},
	{name: "days_until", withCtx: true, types: []any{new(func(*evalCtx, time.Time) float64)},
		fn: dateFunc(func(d time.Time, c *evalCtx) int { return dayNumber(d) - dayNumber(c.today) })},
	{name: includesFunc, types: []any{new(func(string, string) bool), new(func([]any, any) bool)},
		fn: includes},
	{name: "replace", withCtx: true, types: []any{new(func(*evalCtx, string, string, string) string)},
		fn: replaceCapped},
	{name: "join", withCtx: true, types: []any{new(func(*evalCtx, []any, string) string), new(func(*evalCtx, []any) string)},
		fn: joinCapped},
	{name: tickFunc, withCtx: true, types: []any{new(func(*evalCtx) bool)},
		fn: func(args ...any) (any, error) { return true, args[0].(*evalCtx).tick() }},
	{name: concatFunc, withCtx: true, types: []any{new(func(*evalCtx, string, string) string)},
		fn: concatCapped},
	{name: addFunc, withCtx: true, types: []any{new(func(*evalCtx, any, any) any)},
		fn: addAny},
}

// needsCtx lists the functions that get the hidden *evalCtx argument.
var needsCtx = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range functions {
		if f.withCtx {
			m[f.name] = true
		}
	}
	return m
}()

var functionOptions = func() []expr.Option {
	opts := make([]expr.Option, len(functions))
	for i, f := range functions {
		opts[i] = expr.Function(f.name, f.fn, f.types...)
	}
	return opts
}()

// includes is contains(list, x) and contains(text, part).
func includes(args ...any) (any, error) {
	if s, ok := args[0].(string); ok {
		part, _ := args[1].(string)
		return strings.Contains(s, part), nil
	}
	list, _ := args[0].([]any)
	for _, v := range list {
		if sameScalar(v, args[1]) {
			return true, nil
		}
	}
	return false, nil
}

// sameScalar compares texts, numbers and yes/no values; anything else
// (objects, lists) is never equal, and never panics as == on maps would.
func sameScalar(a, b any) bool {
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		return ok && x == y
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case float64, int:
		fx, okx := NumberOf(x)
		fy, oky := NumberOf(b)
		return okx && oky && fx == fy
	}
	return false
}
