package rules_test

import (
	"reflect"
	"sync"
	"testing"

	"github.com/multipotenzial/multipotenzial/rules"
)

// An unanswered value is the typed zero value of its kind; date functions
// give 0 for it, and no rule fails because something is unanswered.
func TestUnansweredValues(t *testing.T) {
	env := rules.NewEnv(schema, rules.Limits{})
	defer env.Release()
	env.Begin(clock)
	tests := []struct {
		src  string
		want any
	}{
		{`name == ""`, true},
		{`len(name)`, 0},
		{`hours == 0`, true},
		{`hours + 1`, 1.0},
		{`married`, false},
		{`age(birth_date)`, 0.0},
		{`days_since(birth_date)`, 0.0},
		{`days_until(start)`, 0.0},
		{`months_since(start)`, 0.0},
		{`birth_date < today()`, true}, // the zero date lies before every date
		{`len(skills)`, 0},
		{`contains(skills, "x")`, false},
		{`any(languages, .level == "b1")`, false},
		{`all(languages, .level == "b1")`, true},
		{`sum(languages, .years)`, 0},
		{`case.state == ""`, true},
		{`answered(name) || answered(birth_date) || answered(case.state) || answered(languages)`, false},
		{`!answered(birth_date) || age(birth_date) >= 18`, true},
	}
	for _, tt := range tests {
		if got := eval(t, env, tt.src); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s = %#v, want %#v", tt.src, got, tt.want)
		}
	}
}

// answered() reads the flag the caller sets, not the value: an answer of
// 0 or "no" is answered, and Set(name, nil, false) makes a value unanswered.
func TestAnsweredFlag(t *testing.T) {
	env := filledEnv(t)
	p := mustCompile(t, `answered(hours) && answered(case.state) && !answered(case.days_in_state)`, rules.Bool)
	env.Set("hours", 0.0, true)
	if ok, err := p.EvalBool(env); !ok || err != nil {
		t.Fatalf("got %v %v", ok, err)
	}
	env.Set("hours", nil, false)
	if got := eval(t, env, `hours == 0 && !answered(hours)`); got != true {
		t.Errorf("nil did not reset hours")
	}
	tracked := rules.NewEnv(schema, rules.Limits{}, p)
	tracked.Begin(clock)
	tracked.Set("hours", 1.0, true)
	tracked.Set("case", map[string]any{"state": "x", "days_in_state": 0.0}, true)
	tracked.SetAnswered("case.state", true)
	tracked.SetAnswered("start", true) // not tracked: ignored
	if ok, err := p.EvalBool(tracked); !ok || err != nil {
		t.Errorf("Env for given programs: %v %v", ok, err)
	}
}

// Deps and Paths come from the raw syntax tree: let variables, predicate
// pointers and function names are not reads; folded constants still are.
func TestDeps(t *testing.T) {
	tests := []struct {
		src         string
		deps, paths []string
	}{
		{`age(birth_date) >= 18`, []string{"birth_date"}, []string{"birth_date"}},
		{`all(languages, .level != name)`, []string{"languages", "name"}, []string{"languages", "name"}},
		{`let h = hours * 2; h > 10 && married`, []string{"hours", "married"}, []string{"hours", "married"}},
		{`case.state == "open" && case.days_in_state > 3`, []string{"case"}, []string{"case.days_in_state", "case.state"}},
		{`answered(case.state) || answered(start)`, []string{"case", "start"}, []string{"case.state", "start"}},
		{`today() > date("2026-01-01")`, []string{}, []string{}},
		{`hours * 0 == 0`, []string{"hours"}, []string{"hours"}},
		{`contains(skills, note)`, []string{"note", "skills"}, []string{"note", "skills"}},
	}
	for _, tt := range tests {
		p := mustCompile(t, tt.src, rules.Any)
		if got := p.Deps(); !reflect.DeepEqual(append([]string{}, got...), tt.deps) {
			t.Errorf("Deps(%s) = %v, want %v", tt.src, got, tt.deps)
		}
		if got := p.Paths(); !reflect.DeepEqual(append([]string{}, got...), tt.paths) {
			t.Errorf("Paths(%s) = %v, want %v", tt.src, got, tt.paths)
		}
	}
}

// One program, many goroutines, each with its own Env: run with -race.
func TestConcurrentEvaluation(t *testing.T) {
	p := mustCompile(t, `age(birth_date) >= 18 && count(languages, .years > 2) >= 1 && name + "x" != ""`, rules.Bool)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			env := filledEnv(t)
			for range 200 {
				env.Begin(clock)
				env.Set("birth_date", date(t, "1990-05-14"), true)
				env.Set("name", "x", true)
				env.Set("languages", []any{map[string]any{"language": "a", "level": "b", "years": 3.0}}, true)
				if ok, err := p.EvalBool(env); !ok || err != nil {
					t.Errorf("got %v %v", ok, err)
					return
				}
			}
		})
	}
	wg.Wait()
}
