package rules_test

import (
	"reflect"
	"testing"
	"time"
)

// Every function of the rule language, against the fixed clock and the
// answers of filledEnv.
func TestFunctions(t *testing.T) {
	env := filledEnv(t)
	tests := []struct {
		src  string
		want any
	}{
		{`age(birth_date)`, 35.0},
		{`age(date("2008-03-02"))`, 18.0},
		{`age(date("2008-03-03"))`, 17.0},
		{`age(date("2008-02-29"))`, 18.0},
		{`age(date("2030-01-01"))`, -3.0},
		{`days_since(birth_date)`, 13076.0},
		{`days_since(date("2025-10-26"))`, 127.0}, // across a DST change
		{`days_since(today())`, 0.0},
		{`days_until(date("2026-03-29"))`, 27.0},
		{`days_until(date("2026-03-01"))`, -1.0},
		{`months_since(date("2025-12-02"))`, 3.0},
		{`months_since(date("2025-12-03"))`, 2.0},
		{`months_since(date("2026-04-10"))`, -1.0},
		{`today() == date("2026-03-02")`, true},
		{`now() > today()`, true},
		{`birth_date < date("2000-01-01")`, true},
		{`contains(skills, "cooking")`, true},
		{`contains(skills, "sewing")`, false},
		{`contains(name, "Haddad")`, true},
		{`!contains(name, "x") && not contains(skills, "x")`, true},
		{`name contains "Amal"`, true},
		{`name not contains ("Bob")`, true},
		{`contains(languages, "Arabisch")`, false},
		{`"cooking" in skills`, true},
		{`len(skills)`, 2},
		{`len(name)`, 11},
		{`lower(name)`, "amal haddad"},
		{`upper("ä")`, "Ä"},
		{`trim("  x ")`, "x"},
		{`abs(-2.5)`, 2.5},
		{`round(2.5)`, 3.0},
		{`min(hours, 8)`, 8}, // the smaller operand, as it is
		{`max(hours, 8)`, 20.0},
		{`any(languages, .level == "native")`, true},
		{`all(languages, .years > 1)`, true},
		{`none(languages, .language == "Deutsch")`, true},
		{`one(languages, .level == "b1")`, true},
		{`count(languages, .years >= 4)`, 2},
		{`sum(languages, .years)`, 34.0},
		{`len(filter(languages, .level in ["b1", "b2"]))`, 1},
		{`map(languages, .language)`, []any{"Arabisch", "Englisch"}},
		{`join(skills, ", ")`, "cooking, driving"},
		{`replace(name, "a", "4")`, "Am4l H4dd4d"},
		{`name + "!"`, "Amal Haddad!"},
		{`case.state == "intake" && case.days_in_state > 2`, true},
		{`hours / 4 + 1`, 6.0},
		{`married ? "yes" : "no"`, "yes"},
		{`let h = hours * 2; h > 30`, true},
		{`name matches "^[A-Z]"`, true},
		{`hasPrefix(name, "Am") && indexOf(name, "H") == 5`, true},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			got := eval(t, env, tt.src)
			if tm, ok := got.(time.Time); ok {
				got = tm.Format(time.DateOnly)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

// today() and now() come from Env.Begin, in Europe/Berlin: shortly after
// midnight in Berlin is still the previous day in UTC.
func TestClockIsInjectedAndBerlin(t *testing.T) {
	env := filledEnv(t)
	env.Begin(time.Date(2026, 6, 30, 22, 30, 0, 0, time.UTC)) // 00:30 on 1 July in Berlin
	if got := eval(t, env, `today() == date("2026-07-01")`); got != true {
		t.Errorf("today() is not 1 July in Berlin")
	}
	if got := eval(t, env, `days_until(date("2026-07-02"))`); got != 1.0 {
		t.Errorf("days_until = %v, want 1", got)
	}
}
