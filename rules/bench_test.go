package rules_test

import (
	"testing"
	"time"

	"github.com/multipotenzial/multipotenzial/rules"
)

const benchRule = `age(birth_date) >= 18 && any(languages, .level in ["b1", "b2"]) && contains(skills, "driving")`

// Compiling one typical rule (done once per published version).
func BenchmarkCompileRule(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, d := rules.Compile(benchRule, schema, rules.Bool); d != nil {
			b.Fatal(d)
		}
	}
}

// Running one typical rule against a filled Env (one evaluation's budget
// is made large enough for all iterations).
func BenchmarkEvalRule(b *testing.B) {
	p, _ := rules.Compile(benchRule, schema, rules.Bool)
	lim := rules.DefaultLimits
	lim.MaxOps, lim.Timeout = 1<<60, time.Hour
	env := rules.NewEnv(schema, lim)
	env.Begin(clock)
	env.Set("birth_date", clock.AddDate(-30, 0, 0), true)
	env.Set("skills", []any{"cooking", "driving"}, true)
	env.Set("languages", []any{map[string]any{"language": "ar", "level": "native", "years": 1.0},
		map[string]any{"language": "en", "level": "b1", "years": 1.0}}, true)
	b.ReportAllocs()
	for b.Loop() {
		if ok, err := p.EvalBool(env); !ok || err != nil {
			b.Fatal(ok, err)
		}
	}
}
