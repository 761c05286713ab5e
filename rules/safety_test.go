package rules_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/multipotenzial/multipotenzial/rules"
)

// The hostile rules of docs/form-language.md ("Limits") and of the expr
// notes: each is rejected when it is saved, or stopped by the budget with a
// clear error. Without the defences several of them run for hours, take
// gigabytes or kill the process.
func TestHostileRulesRejectedAtCompile(t *testing.T) {
	tests := []struct{ name, src, code string }{
		{"huge range", `len(1..1000000000) > 0`, rules.CodeRange},
		{"range from a value", `len(1..hours) > 0`, rules.CodeRange},
		{"nested map over ranges", `len(map(1..1000, map(1..1000, #))) > 0`, rules.CodeNestedLoop},
		{"nested sum/count (hours of CPU)", `let r = 1..1000; sum(r, count(r, # > 0)) > 0`, rules.CodeNestedLoop},
		{"nested predicate without range", `any(languages, all(skills, # != .language))`, rules.CodeNestedLoop},
		{"loop builtin inside loop", `any(languages, max(skills) == .language)`, rules.CodeNestedLoop},
		{"repeat", `len(repeat("x", 999999)) > 0`, rules.CodeFunction},
		{"reduce with growing text", `len(reduce(1..1000, #acc + "xxxxxxxxxx", "")) > 0`, rules.CodeFunction},
		{"split", `len(split(note, "")) > 0`, rules.CodeFunction},
		{"toJSON", `len(toJSON(languages)) > 0`, rules.CodeFunction},
		{"sortBy", `len(sortBy(languages, .years)) > 0`, rules.CodeFunction},
		{"deep brackets", strings.Repeat("(", 500_000) + "1" + strings.Repeat(")", 500_000), rules.CodeTooLong},
		{"deep negation", strings.Repeat("!", 1_000_000) + "true", rules.CodeTooLong},
		{"negations under the size limit", strings.Repeat("!", 1990) + "true", rules.CodeTooComplex},
		{"huge literal", `name == "` + strings.Repeat("x", 1<<20) + `"`, rules.CodeTooLong},
		{"dynamic regular expression", `name matches note`, rules.CodeDynamicPattern},
		{"env access", `$env["hours"] > 1`, rules.CodeForbiddenName},
		{"method on a value", `start.AddDate(1000, 0, 0) > today()`, rules.CodeMethodCall},
		{"engine internals", `__tick(__ctx)`, rules.CodeForbiddenName},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, d := rules.Compile(tt.src, schema, rules.Bool)
			if len(d) == 0 || d[0].Code != tt.code {
				t.Fatalf("got %v, want %s", d, tt.code)
			}
		})
	}
}

// Rules that pass the policy but would take too long or too much memory
// with the data they get are stopped by the evaluation's budget.
func TestHostileRulesStoppedByBudget(t *testing.T) {
	long := strings.Repeat("x", 10_000)
	manyLoops := strings.TrimSuffix(strings.Repeat("count(1..1000, # > 0) + ", 11), " + ") + " > 0"
	manyLets := ""
	for i := range 80 {
		manyLets += fmt.Sprintf("let a%d = note + note; ", i)
	}
	tests := []struct {
		name, src string
		lim       rules.Limits
		want      error
	}{
		{"eleven loops of 1000 steps", manyLoops, rules.Limits{}, rules.ErrOpLimit},
		{"loop over a huge answer", `count(skills, len(#) > 1) > 0`, rules.Limits{}, rules.ErrOpLimit},
		{"deadline", `count(1..1000, # < 0) > 0`, rules.Limits{MaxOps: 1e9, Timeout: time.Nanosecond, MemoryBudget: 1e6, MaxString: 1e6, MaxStringTotal: 1e6}, rules.ErrDeadline},
		{"doubling text", `let a = note + note; let b = a + a; let c = b + b; len(c) > 0`, rules.Limits{}, rules.ErrStringTooLong},
		{"many texts", manyLets + `true`, rules.Limits{}, rules.ErrStringTooLong},
		{"nested replace", `len(replace(replace(note, "x", note), "x", note)) > 0`, rules.Limits{}, rules.ErrStringTooLong},
		{"join of copies", `len(join(map(1..1000, note), "")) > 0`, rules.Limits{}, rules.ErrStringTooLong},
		{"ranges allocated in a loop", `len(map(1..1000, 1..1000)) > 0`, rules.Limits{}, rules.ErrMemory},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustCompile(t, tt.src, rules.Bool)
			env := rules.NewEnv(schema, tt.lim)
			defer env.Release()
			env.Begin(clock)
			env.Set("note", long, true)
			huge := make([]any, 100_000)
			for i := range huge {
				huge[i] = "s"
			}
			env.Set("skills", huge, true)
			_, err := p.Eval(env)
			var ee *rules.EvalError
			if !errors.Is(err, tt.want) || !errors.As(err, &ee) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			if ee.Line < 1 || ee.Message == "" {
				t.Errorf("error without position or message: %+v", ee)
			}
			// Once spent, the budget stops every further rule of the evaluation.
			if _, err := mustCompile(t, `true`, rules.Bool).Eval(env); !errors.Is(err, tt.want) && tt.want != rules.ErrMemory {
				t.Errorf("after the budget is spent: %v", err)
			}
			// A new evaluation gets a fresh budget.
			env.Begin(clock)
			env.Set("note", "x", true)
			if ok, err := mustCompile(t, `note == "x"`, rules.Bool).EvalBool(env); !ok || err != nil {
				t.Errorf("fresh budget: %v %v", ok, err)
			}
		})
	}
}

// A runtime failure that is not about the budget (index out of range) is an
// EvalError with a position too.
func TestRuntimeErrorHasPosition(t *testing.T) {
	env := filledEnv(t)
	_, err := mustCompile(t, `languages[5].level == "b1"`, rules.Bool).Eval(env)
	var ee *rules.EvalError
	if !errors.As(err, &ee) || !strings.Contains(ee.Message, "index out of range") || ee.Line != 1 {
		t.Fatalf("got %v", err)
	}
	if _, err := mustCompile(t, `hours / 0`, rules.Number).Eval(env); err == nil {
		t.Errorf("division by zero gave a number")
	}
}
