package rules_test

import (
	"testing"
	"time"

	"github.com/multipotenzial/multipotenzial/rules"
)

// schema is the schema most tests compile against: a bit of every kind.
var schema = rules.Schema{
	"name":       rules.Scalar(rules.String),
	"note":       rules.Scalar(rules.String),
	"hours":      rules.Scalar(rules.Number),
	"married":    rules.Scalar(rules.Bool),
	"birth_date": rules.Scalar(rules.Date),
	"start":      rules.Scalar(rules.Date),
	"skills":     rules.Scalar(rules.StringList),
	"languages": rules.ListOf(rules.Schema{
		"language": rules.Scalar(rules.String),
		"level":    rules.Scalar(rules.String),
		"years":    rules.Scalar(rules.Number),
	}),
	"case": rules.ObjectOf(rules.Schema{
		"state":         rules.Scalar(rules.String),
		"days_in_state": rules.Scalar(rules.Number),
	}),
}

// clock is the fixed "now" of the tests: 2 March 2026, 10:30 in Berlin.
var clock = time.Date(2026, 3, 2, 10, 30, 0, 0, mustZone("Europe/Berlin"))

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func date(t *testing.T, s string) time.Time {
	t.Helper()
	d, ok := rules.ParseDate(s)
	if !ok {
		t.Fatalf("bad date %q", s)
	}
	return d
}

// filledEnv returns an Env with typical answers.
func filledEnv(t *testing.T) *rules.Env {
	t.Helper()
	env := rules.NewEnv(schema, rules.Limits{})
	env.Begin(clock)
	env.Set("name", "Amal Haddad", true)
	env.Set("hours", 20.0, true)
	env.Set("married", true, true)
	env.Set("birth_date", date(t, "1990-05-14"), true)
	env.Set("skills", []any{"cooking", "driving"}, true)
	env.Set("languages", []any{
		map[string]any{"language": "Arabisch", "level": "native", "years": 30.0},
		map[string]any{"language": "Englisch", "level": "b1", "years": 4.0},
	}, true)
	env.Set("case", map[string]any{"state": "intake", "days_in_state": 3.0}, true)
	env.SetAnswered("case.state", true)
	t.Cleanup(env.Release)
	return env
}

// mustCompile compiles src or fails the test.
func mustCompile(t *testing.T, src string, kind rules.Kind) *rules.Program {
	t.Helper()
	p, d := rules.Compile(src, schema, kind)
	if d != nil {
		t.Fatalf("Compile(%q): %v", src, d)
	}
	return p
}

// eval compiles and runs src against env.
func eval(t *testing.T, env *rules.Env, src string) any {
	t.Helper()
	out, err := mustCompile(t, src, rules.Any).Eval(env)
	if err != nil {
		t.Fatalf("Eval(%q): %v", src, err)
	}
	return out
}
