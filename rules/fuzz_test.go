package rules_test

import (
	"fmt"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/multipotenzial/multipotenzial/rules"
)

// FuzzCompile feeds arbitrary rule sources to Compile and runs what
// compiles. Neither may panic or run away; every diagnostic must point
// inside the source. Seeds: testdata/fuzz/FuzzCompile and below.
func FuzzCompile(f *testing.F) {
	for _, s := range []string{
		`age(birth_date) >= 18 && contains(skills, "x")`,
		`any(languages, .level in ["b1", "b2"]) || answered(case.state)`,
		`let r = 1..1000; count(r, # % 7 == 0) + sum(languages, .years)`,
		`name + note + join(skills, ",") + replace(name, "a", "b")`,
		`days_until(start) < 90 ? "soon" : upper(trim(name))`,
		`map(filter(languages, .years > 1), .language)`,
		`name matches "^[A-Z][a-z]+$" and not married`,
	} {
		f.Add(s)
	}
	env := rules.NewEnv(schema, rules.Limits{MaxOps: 2000, Timeout: 20e6, MemoryBudget: 10_000, MaxString: 4096, MaxStringTotal: 16384})
	f.Fuzz(func(t *testing.T, src string) {
		done := make(chan bool)
		go func() {
			select {
			case <-done:
			case <-time.After(2 * time.Second): // a rule must never run this long
				panic(fmt.Sprintf("HANG %q", src))
			}
		}()
		defer close(done)
		for _, kind := range []rules.Kind{rules.Any, rules.Bool} {
			p, diags := rules.Compile(src, schema, kind)
			units := len(utf16.Encode([]rune(src)))
			for _, d := range diags {
				if d.Line < 1 || d.Column < 1 || d.From < 0 || d.From > d.To || d.To > units || d.Code == "" || d.Message == "" {
					t.Fatalf("bad diagnostic for %q: %+v", src, d)
				}
			}
			if p == nil {
				continue
			}
			env.Begin(clock)
			env.Set("name", "Amal", true)
			env.Set("note", "xx", true)
			env.Set("skills", []any{"a", "b"}, true)
			env.Set("languages", []any{map[string]any{"language": "ar", "level": "b1", "years": 2.0}}, true)
			_, _ = p.Eval(env)
		}
	})
}
