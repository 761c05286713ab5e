package forms_test

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/rules"
)

// Field metadata for exports, the Art. 30 register and audits.
func TestFieldsAndConsents(t *testing.T) {
	f := load(t, oneSection(
		`{"key": "ok", "type": "consent", "label": "OK", "required": true, "consent": {"purpose": "health_data", "version": "1", "text": {"de": "Ja", "en": "Yes"}}}`,
		`{"key": "health", "type": "textarea", "label": "Gesundheit", "sensitivity": "special", "visible_if": "ok"}`,
		`{"key": "jobs", "type": "repeat", "label": "Jobs", "fields": [{"key": "title", "type": "text", "label": "Titel", "sensitivity": "sensitive"}]}`,
		`{"key": "hint", "type": "info", "text": "Hallo"}`))
	fields := f.Fields()
	paths := make([]string, len(fields))
	for i, fi := range fields {
		paths[i] = fi.Path
	}
	if !slices.Equal(paths, []string{"ok", "health", "jobs", "jobs.title", "hint"}) {
		t.Fatalf("paths %v", paths)
	}
	if h, _ := f.Field("health"); h.Sensitivity != forms.Special || h.InRepeat() || h.Section != "s" || !h.InRules {
		t.Errorf("health: %+v", h)
	}
	if jt, _ := f.Field("jobs.title"); jt.Group != "jobs" || !jt.InRepeat() || jt.Sensitivity != forms.Sensitive || jt.Label.Get("de") != "Titel" {
		t.Errorf("jobs.title: %+v", jt)
	}
	if ok, _ := f.Field("ok"); ok.Sensitivity != forms.Normal {
		t.Errorf("default sensitivity: %q", ok.Sensitivity)
	}
	if hint, _ := f.Field("hint"); hint.InRules {
		t.Errorf("info texts are not in rules")
	}
	c := f.Consents()
	if len(c) != 1 || c[0].Purpose != "health_data" || c[0].Version != "1" || c[0].Text.Get("en") != "Yes" || !c[0].Required {
		t.Errorf("consents: %+v", c)
	}
	if s := f.Schema(); s["jobs"].Kind != rules.ObjectList || s["jobs"].Fields["title"].Kind != rules.String || s["hint"].Kind != rules.Any {
		t.Errorf("schema: %+v", s)
	}
}

// A rule that fails while running does not crash the evaluation: the
// participant gets validation_rule_failed, the log gets the rule's path.
func TestRuleFailureIsAnError(t *testing.T) {
	f := load(t, oneSection(
		`{"key": "jobs", "type": "repeat", "label": "Jobs", "fields": [{"key": "m", "type": "number", "label": "M"}]}`,
		`{"key": "first_m", "type": "calculated", "label": "Erste", "calculate": "jobs[0].m"}`,
		`{"key": "a", "type": "text", "label": "A", "visible_if": "jobs[1].m > 0"}`))
	ev := f.Evaluate(map[string]any{"jobs": []any{map[string]any{"m": 5.0}}}, opts("de"))
	if ev.Errors[forms.FormPath].Code != forms.CodeRuleFailed || len(ev.RuleErrors) != 1 ||
		ev.RuleErrors[0].Path != "sections[0].fields[2].visible_if" || !strings.Contains(ev.RuleErrors[0].Err.Error(), "index out of range") {
		t.Errorf("got %v %v", ev.Errors, ev.RuleErrors)
	}
	if ev.Values["first_m"] != 5.0 || slices.Contains(ev.Hidden, "a") {
		t.Errorf("a failed visible_if shows the field: %v %v", ev.Values, ev.Hidden)
	}
	if _, errs := f.Validate(map[string]any{"jobs": []any{map[string]any{"m": 5.0}}}, opts("de")); errs[forms.FormPath].Code != forms.CodeRuleFailed {
		t.Errorf("Validate accepts answers a rule failed on: %v", errs)
	}
}

// The cache compiles a version once; failures are not cached.
func TestCache(t *testing.T) {
	c := forms.NewCache(2)
	var loads atomic.Int32
	raw := func(s string) func() ([]byte, error) {
		return func() ([]byte, error) { loads.Add(1); return []byte(s), nil }
	}
	a, err := c.Get("v1", raw(oneSection(textA)))
	b, _ := c.Get("v1", raw(oneSection(textA)))
	if err != nil || a != b || loads.Load() != 1 {
		t.Fatalf("cached: %v %v %d", err, a == b, loads.Load())
	}
	_, err = c.Get("bad", raw(oneSection(`{"key": "x", "type": "nope", "label": "X"}`)))
	var d forms.Diagnostics
	if !errors.As(err, &d) || d[0].Code != forms.CodeTypeUnknown {
		t.Errorf("bad: %v", err)
	}
	c.Get("v2", raw(oneSection(textB)))
	c.Get("v3", raw(oneSection(textB)))
	c.Get("v1", raw(oneSection(textA)))
	if loads.Load() != 5 {
		t.Errorf("loads %d: a full cache starts over", loads.Load())
	}
}

// A Form is shared by all requests: evaluations in parallel (run with -race).
func TestConcurrentEvaluate(t *testing.T) {
	f := everyType(t)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 100 {
				answers := map[string]any{"name": "Amal", "email": "a@b.de", "ok": true, "kids": float64(i % 3),
					"jobs": []any{map[string]any{"title": "x", "months": float64(g)}}}
				clean, errs := f.Validate(answers, opts("en"))
				if i%3 > 0 {
					if errs["care"].Code != forms.CodeRequired {
						t.Errorf("care: %v", errs)
					}
					continue
				}
				if errs != nil || clean["jobs"].([]any)[0].(map[string]any)["months"] != float64(g) {
					t.Errorf("got %v %v", clean, errs)
				}
			}
		})
	}
	wg.Wait()
}
