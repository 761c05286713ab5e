package forms_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/multipotenzial/multipotenzial/forms"
)

// Wrong types, sizes and values of every field type become field errors
// with a stable code, never panics.
func TestAnswerErrors(t *testing.T) {
	f := everyType(t)
	tests := []struct {
		answers    map[string]any
		path, code string
	}{
		{map[string]any{"name": 5.0}, "name", forms.CodeType},
		{map[string]any{"name": "x"}, "name", forms.CodeMinLength},
		{map[string]any{"name": strings.Repeat("x", 21)}, "name", forms.CodeMaxLength},
		{map[string]any{"name": strings.Repeat("x", 501)}, "name", forms.CodeMaxLength},
		{map[string]any{"bio": strings.Repeat("ü", 5001)}, "bio", forms.CodeMaxLength},
		{map[string]any{"email": "nobody"}, "email", forms.CodeEmail},
		{map[string]any{"phone": "call me"}, "phone", forms.CodePhone},
		{map[string]any{"weight": "12"}, "weight", forms.CodeType},
		{map[string]any{"weight": 0.1}, "weight", forms.CodeMin},
		{map[string]any{"weight": 301.0}, "weight", forms.CodeMax},
		{map[string]any{"weight": math.Inf(1)}, "weight", forms.CodeType},
		{map[string]any{"kids": 1.5}, "kids", forms.CodeInteger},
		{map[string]any{"born": "2020-02-30"}, "born", forms.CodeDate},
		{map[string]any{"born": "14.05.1990"}, "born", forms.CodeDate},
		{map[string]any{"born": "0990-05-14"}, "born", forms.CodeDate},
		{map[string]any{"born": 1990.0}, "born", forms.CodeType},
		{map[string]any{"married": "yes"}, "married", forms.CodeType},
		{map[string]any{"level": "c1"}, "level", forms.CodeInvalidOption},
		{map[string]any{"level": true}, "level", forms.CodeType},
		{map[string]any{"tags": []any{"x", "x"}}, "tags", forms.CodeInvalidOption},
		{map[string]any{"tags": []any{"x", "q"}}, "tags", forms.CodeInvalidOption},
		{map[string]any{"tags": []any{"x", "y", "z"}}, "tags", forms.CodeMaxItems},
		{map[string]any{"tags": "x"}, "tags", forms.CodeType},
		{map[string]any{"tags": []any{1.0}}, "tags", forms.CodeType},
		{map[string]any{"docs": []any{"a.pdf", "b.pdf", "c.pdf"}}, "docs", forms.CodeMaxItems},
		{map[string]any{"docs": []any{strings.Repeat("a", 300)}}, "docs", forms.CodeType},
		{map[string]any{"ok": "true"}, "ok", forms.CodeType},
		{map[string]any{"ok": false}, "ok", forms.CodeConsentRequired},
		{map[string]any{"zip": "1234"}, "zip", forms.CodePattern},
		{map[string]any{"zip": "12345x"}, "zip", forms.CodePattern},
		{map[string]any{"jobs": map[string]any{}}, "jobs", forms.CodeType},
		{map[string]any{"jobs": []any{5.0}}, "jobs[0]", forms.CodeType},
		{map[string]any{"jobs": []any{map[string]any{"title": 5.0}}}, "jobs[0].title", forms.CodeType},
		{map[string]any{"jobs": []any{map[string]any{"title": "a", "nope": 1.0}}}, "jobs[0].nope", forms.CodeUnknownField},
		{map[string]any{"jobs": []any{map[string]any{"title": "a", "months": -1.0}}}, "jobs[0].months", forms.CodeMin},
		{map[string]any{"jobs": []any{map[string]any{}, map[string]any{}, map[string]any{}, map[string]any{}}}, "jobs", forms.CodeMaxItems},
		{map[string]any{"nickname": "x"}, "nickname", forms.CodeUnknownField},
		{map[string]any{"intro": "x"}, "intro", forms.CodeUnknownField},
		{map[string]any{"born": "2015-01-01"}, "born", "too_young"},
		{map[string]any{"bio": strings.Repeat("x", 300_000)}, forms.FormPath, forms.CodeAnswersTooLarge},
		{map[string]any{"jobs": []any{map[string]any{"title": []any{[]any{[]any{[]any{"deep"}}}}}}}, forms.FormPath, forms.CodeAnswersTooLarge},
	}
	for _, tt := range tests {
		ev := f.Evaluate(tt.answers, opts("de"))
		if got := ev.Errors[tt.path]; got.Code != tt.code || got.Message == "" {
			t.Errorf("%v: errors[%s] = %+v, want %s (all: %v)", tt.answers, tt.path, got, tt.code, ev.Errors)
		}
		_, errs := f.Validate(tt.answers, opts("de"))
		if errs[tt.path].Code != tt.code {
			t.Errorf("%v: Validate errors[%s] = %+v, want %s", tt.answers, tt.path, errs[tt.path], tt.code)
		}
	}
}

// Answers that fit: null, "" and [] are unanswered; texts are trimmed.
func TestValidAnswers(t *testing.T) {
	f := everyType(t)
	answers := map[string]any{
		"name": "  Amal ", "bio": "", "email": "amal@example.org", "weight": 61.5, "kids": 2.0, "born": "1990-05-14T23:30:00+02:00",
		"married": false, "level": "b2", "tags": []any{"x", "z"}, "docs": []any{"abc123.pdf"}, "ok": true, "zip": "99734",
		"care": true, "years": 99.0, "tags_unused": nil,
	}
	delete(answers, "tags_unused")
	clean, errs := f.Validate(answers, opts("de"))
	if errs != nil {
		t.Fatalf("errors: %v", errs)
	}
	want := map[string]any{
		"name": "Amal", "email": "amal@example.org", "weight": 61.5, "kids": 2.0, "born": "1990-05-14",
		"married": false, "level": "b2", "tags": []any{"x", "z"}, "docs": []any{"abc123.pdf"}, "ok": true, "zip": "99734",
		"care": true, "years": 35.0, "adult": true,
	}
	if len(clean) != len(want) {
		t.Errorf("clean has %d answers, want %d: %v", len(clean), len(want), clean)
	}
	for k, v := range want {
		if !equalJSON(clean[k], v) {
			t.Errorf("clean[%s] = %#v, want %#v", k, clean[k], v)
		}
	}
}

func equalJSON(a, b any) bool {
	la, okA := a.([]any)
	lb, okB := b.([]any)
	if okA && okB {
		return slices.EqualFunc(la, lb, equalJSON)
	}
	return a == b
}

// Every rule kind: section and field visibility, required_if, calculated
// values (also chained), admin validations, and rules of repeat rows.
func TestRuleKinds(t *testing.T) {
	f := everyType(t)
	ev := f.Evaluate(map[string]any{}, opts("de"))
	assertList(t, "hidden (empty)", ev.Hidden, []string{"course", "section:family", "care"}, nil)
	assertList(t, "required (empty)", ev.Required, []string{"name", "phone", "ok"}, []string{"course", "care", "email"})
	if len(ev.Values) != 0 || len(ev.Errors) != 0 {
		t.Errorf("empty answers: values %v errors %v", ev.Values, ev.Errors)
	}

	ev = f.Evaluate(map[string]any{
		"level": "a1", "kids": 1.0, "email": "a@b.de", "born": "2000-03-03",
		"jobs": []any{
			map[string]any{"title": "Koch", "months": 30.0, "proof": true},
			map[string]any{"months": 6.0, "file": []any{"x.pdf"}},
		},
	}, opts("de"))
	assertList(t, "hidden", ev.Hidden, []string{"jobs[1].file"}, []string{"course", "section:family", "care", "jobs[0].file"})
	assertList(t, "required", ev.Required, []string{"course", "care", "jobs[0].title", "jobs[1].title"}, []string{"phone"})
	wantValues := map[string]any{"years": 25.0, "adult": true, "jobs[0].years": 2.5, "jobs[1].years": 0.5}
	for k, v := range wantValues {
		if ev.Values[k] != v {
			t.Errorf("values[%s] = %v, want %v (all %v)", k, ev.Values[k], v, ev.Values)
		}
	}
	if len(ev.Errors) != 0 {
		t.Errorf("errors: %v", ev.Errors)
	}

	// A validation fails: the admin's message in the requested language.
	ev = f.Evaluate(map[string]any{"born": "2010-01-01"}, opts("en"))
	if e := ev.Errors["born"]; e.Code != "too_young" || e.Message != "Too young." {
		t.Errorf("born: %+v", e)
	}
}

// Answers to fields hidden by rules (or in hidden sections, or in hidden
// row fields) are dropped by Validate and never reach storage.
func TestHiddenAnswersDropped(t *testing.T) {
	f := everyType(t)
	clean, errs := f.Validate(map[string]any{
		"name": "Amal", "phone": "0151 1234567", "ok": true, "level": "b2", "course": true, "kids": 0.0, "care": true,
		"jobs": []any{map[string]any{"title": "Koch", "proof": false, "file": []any{"x.pdf"}}},
	}, opts("de"))
	if errs != nil {
		t.Fatalf("errors: %v", errs)
	}
	for _, key := range []string{"course", "care"} {
		if _, ok := clean[key]; ok {
			t.Errorf("the hidden answer %s was kept", key)
		}
	}
	row := clean["jobs"].([]any)[0].(map[string]any)
	if _, ok := row["file"]; ok || row["title"] != "Koch" || row["proof"] != false {
		t.Errorf("row: %v", row)
	}
	// A hidden field counts as unanswered for later rules too.
	ev := f.Evaluate(map[string]any{"level": "b2", "course": true}, opts("de"))
	if !slices.Contains(ev.Hidden, "course") {
		t.Errorf("course not hidden")
	}
}

// Validate reports missing required answers (Evaluate lists them in
// required instead); consent must be true when required.
func TestValidateRequired(t *testing.T) {
	f := everyType(t)
	clean, errs := f.Validate(map[string]any{"level": "a1", "jobs": []any{map[string]any{}}}, opts("en"))
	if clean != nil {
		t.Errorf("clean despite errors: %v", clean)
	}
	for _, p := range []string{"name", "phone", "ok", "course", "jobs[0].title"} {
		if errs[p].Code != forms.CodeRequired || errs[p].Message != "Please fill in this field." {
			t.Errorf("errors[%s] = %+v", p, errs[p])
		}
	}
	if _, ok := errs["email"]; ok {
		t.Errorf("email is not required when phone is the required one")
	}
	_, errs = f.Validate(map[string]any{"name": "Amal", "email": "a@b.de", "ok": false}, opts("de"))
	if errs["ok"].Code != forms.CodeConsentRequired {
		t.Errorf("consent false: %v", errs)
	}
}

func assertList(t *testing.T, what string, got, contains, excludes []string) {
	t.Helper()
	for _, p := range contains {
		if !slices.Contains(got, p) {
			t.Errorf("%s: %s missing in %v", what, p, got)
		}
	}
	for _, p := range excludes {
		if slices.Contains(got, p) {
			t.Errorf("%s: %s must not be in %v", what, p, got)
		}
	}
}

// Evaluations reuse pooled state: nothing of one may leak into the next.
func TestNoLeakBetweenEvaluations(t *testing.T) {
	f := everyType(t)
	for range 3 {
		ev := f.Evaluate(map[string]any{"level": "a1", "kids": 2.0, "born": "2000-01-01",
			"jobs": []any{map[string]any{"title": "x", "months": 24.0, "proof": true}}}, opts("de"))
		if slices.Contains(ev.Hidden, "course") || ev.Values["years"] != 26.0 || ev.Values["jobs[0].years"] != 2.0 {
			t.Fatalf("first: %+v", ev)
		}
		ev = f.Evaluate(map[string]any{}, opts("de"))
		if !slices.Contains(ev.Hidden, "course") || !slices.Contains(ev.Hidden, "section:family") || len(ev.Values) != 0 {
			t.Fatalf("second: %+v", ev)
		}
	}
}
