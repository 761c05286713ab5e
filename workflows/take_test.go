package workflows_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/workflows"
)

func compileBase(t *testing.T, change func(d *workflows.Definition)) *workflows.Workflow {
	t.Helper()
	def := clone(t, base())
	if change != nil {
		change(def)
	}
	w, d := workflows.Compile(def, intakeSchema(t))
	if w == nil {
		t.Fatalf("compile: %s", list(d))
	}
	return w
}

// baseCase is a case of the base workflow, entered a day ago.
func baseCase(state, role string) workflows.CaseContext {
	now := at(2026, 3, 10, 9)
	c := sampleCase(state, now.AddDate(0, 0, -1), now)
	c.Actor.Role = role
	return c
}

// Take refuses with a typed error that says what went wrong.
func TestTakeErrors(t *testing.T) {
	counsellor, admin := workflows.RoleCounsellor, workflows.RoleTenantAdmin
	tests := []struct {
		name, state, role, key string
		step                   map[string]any
		comment                string
		change                 func(d *workflows.Definition)
		answers                map[string]any
		code                   string
		status                 int
		fields                 map[string]string // path -> code
	}{
		{name: "unknown transition", state: "neu", role: counsellor, key: "fliegen", code: workflows.ErrTransitionUnknown, status: http.StatusConflict},
		{name: "not from this state", state: "neu", role: admin, key: "beenden", code: workflows.ErrWrongState, status: http.StatusConflict},
		{name: "state unknown to the version", state: "alt", role: admin, key: "beenden", code: workflows.ErrWrongState, status: http.StatusConflict},
		{name: "role not allowed", state: "aktiv", role: counsellor, key: "beenden", code: workflows.ErrRoleNotAllowed, status: http.StatusForbidden},
		{name: "participants take nothing", state: "neu", role: "participant", key: "starten", code: workflows.ErrRoleNotAllowed, status: http.StatusForbidden},
		{name: "automatic only", state: "aktiv", role: admin, key: "auslaufen", code: workflows.ErrAutomaticOnly, status: http.StatusForbidden},
		{name: "system takes only automatic ones", state: "neu", role: workflows.RoleSystem, key: "starten", code: workflows.ErrRoleNotAllowed, status: http.StatusForbidden},
		{name: "guard false", state: "neu", role: counsellor, key: "starten", answers: map[string]any{"german_level": "none"},
			code: workflows.ErrGuardFalse, status: http.StatusUnprocessableEntity},
		{name: "guard failed", state: "neu", role: counsellor, key: "starten", code: workflows.ErrGuardFailed, status: http.StatusUnprocessableEntity,
			change: func(d *workflows.Definition) { d.Transitions[0].Guard = `1 % len(languages) == 0` }},
		{name: "step form required", state: "neu", role: counsellor, key: "starten", step: map[string]any{"termin": "2026-04-01"},
			code: workflows.ErrStepInvalid, status: http.StatusBadRequest, fields: map[string]string{"art": forms.CodeRequired}},
		{name: "step form unknown and bad answers", state: "neu", role: counsellor, key: "starten",
			step: map[string]any{"art": "c", "termin": "morgen", "ort": "x"}, code: workflows.ErrStepInvalid, status: http.StatusBadRequest,
			fields: map[string]string{"art": forms.CodeInvalidOption, "termin": forms.CodeDate, "ort": forms.CodeUnknownField}},
		{name: "step answers without step form", state: "aktiv", role: counsellor, key: "pruefen", step: map[string]any{"x": 1},
			code: workflows.ErrStepInvalid, status: http.StatusBadRequest, fields: map[string]string{"x": forms.CodeUnknownField}},
		{name: "comment too long", state: "aktiv", role: counsellor, key: "pruefen", comment: strings.Repeat("ü", workflows.MaxCommentRunes+1),
			code: workflows.ErrStepInvalid, status: http.StatusBadRequest, fields: map[string]string{"comment": forms.CodeMaxLength}},
		{name: "set gives no option", state: "neu", role: counsellor, key: "starten", step: map[string]any{"art": "a"},
			change: func(d *workflows.Definition) { d.Transitions[0].Actions[0].Value = `step.art + "x"` },
			code:   workflows.ErrActionFailed, status: http.StatusUnprocessableEntity},
		{name: "set divides by zero", state: "aktiv", role: counsellor, key: "pruefen",
			change: func(d *workflows.Definition) {
				d.Transitions[1].Actions[0].Value = `1 / (participant.age - participant.age)`
			},
			code: workflows.ErrActionFailed, status: http.StatusUnprocessableEntity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := compileBase(t, tt.change)
			c := baseCase(tt.state, tt.role)
			for k, v := range tt.answers {
				c.Answers[k] = v
			}
			o, err := w.Take(c, workflows.Request{Transition: tt.key, Step: tt.step, Comment: tt.comment, Language: "en"})
			var e *workflows.Error
			if o != nil || !errors.As(err, &e) {
				t.Fatalf("got %v, %v", o, err)
			}
			if e.Code != tt.code || e.Status() != tt.status || e.Message == "" {
				t.Errorf("got %s (%d) %q", e.Code, e.Status(), e.Message)
			}
			if len(e.Fields) != len(tt.fields) {
				t.Errorf("fields %v, want %v", e.Fields, tt.fields)
			}
			for path, code := range tt.fields {
				if f := e.Fields[path]; f.Code != code || f.Message == "" {
					t.Errorf("field %s: %+v, want %s", path, f, code)
				}
			}
		})
	}
}

// The guard's reason comes in the requested language, else German.
func TestGuardReasonLanguages(t *testing.T) {
	w := compileBase(t, func(d *workflows.Definition) { d.Languages = append(d.Languages, "fa") })
	c := baseCase("neu", workflows.RoleCounsellor)
	c.Answers["german_level"] = "none"
	for lang, want := range map[string]string{
		"de": "Erst Deutsch lernen.", "en": "Learn German first.",
		"fa": "Erst Deutsch lernen.", // the workflow has fa, the reason not: German
		"tr": "Erst Deutsch lernen.", // the workflow has no tr: German
		"":   "Erst Deutsch lernen.",
	} {
		_, err := w.Take(c, workflows.Request{Transition: "starten", Step: map[string]any{"art": "a"}, Language: lang})
		var e *workflows.Error
		if !errors.As(err, &e) || e.Code != workflows.ErrGuardFalse || e.Message != want {
			t.Errorf("%q: got %v, want %q", lang, err, want)
		}
		opts := w.Options(c, lang)
		if r := opts[0].Reason; opts[0].Allowed || r == nil || r.Code != workflows.ErrGuardFalse || r.Message != want {
			t.Errorf("%q: option %+v", lang, opts[0])
		}
	}
}

// Options lists every way out of the state for the caller, with reasons.
func TestOptions(t *testing.T) {
	w := compileBase(t, nil)
	type want struct {
		key, to string
		allowed bool
		reason  string
	}
	tests := []struct {
		name, state, role string
		answers           map[string]any
		want              []want
	}{
		{"counsellor in neu", "neu", workflows.RoleCounsellor, nil,
			[]want{{"starten", "aktiv", true, ""}, {"pruefen", "neu", true, ""}}},
		{"admin may not check", "neu", workflows.RoleTenantAdmin, nil,
			[]want{{"starten", "aktiv", true, ""}, {"pruefen", "neu", false, workflows.ErrRoleNotAllowed}}},
		{"guard false", "neu", workflows.RoleCounsellor, map[string]any{"german_level": "none"},
			[]want{{"starten", "aktiv", false, workflows.ErrGuardFalse}, {"pruefen", "neu", true, ""}}},
		{"aktiv as counsellor", "aktiv", workflows.RoleCounsellor, nil, []want{
			{"pruefen", "aktiv", true, ""}, {"beenden", "fertig", false, workflows.ErrRoleNotAllowed},
			{"auslaufen", "fertig", false, workflows.ErrAutomaticOnly}}},
		{"terminal", "fertig", workflows.RoleTenantAdmin, nil, nil},
		{"unknown state", "alt", workflows.RoleTenantAdmin, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := baseCase(tt.state, tt.role)
			for k, v := range tt.answers {
				c.Answers[k] = v
			}
			got := w.Options(c, "en")
			if len(got) != len(tt.want) {
				t.Fatalf("got %+v", got)
			}
			for i, o := range got {
				wt := tt.want[i]
				reason := ""
				if o.Reason != nil {
					reason = o.Reason.Code
				}
				if o.Key != wt.key || o.To != wt.to || o.Allowed != wt.allowed || reason != wt.reason {
					t.Errorf("option %d = %+v, want %+v", i, o, wt)
				}
			}
		})
	}
	opts := w.Options(baseCase("neu", workflows.RoleCounsellor), "en")
	if o := opts[0]; o.Label != "Starten (en)" || o.ToLabel != "Aktiv (en)" || o.StepForm == nil ||
		o.StepForm.Language != "en" || o.StepForm.Form.Sections[0].Fields[0].Label != "Art (en)" {
		t.Errorf("localized option = %+v", o)
	}
	if o := opts[1]; !o.Stay || o.StepForm != nil {
		t.Errorf("stay option = %+v", o)
	}
}

// Take computes the case update, texts, tasks and timers of a move.
func TestTakeOutcome(t *testing.T) {
	w := compileBase(t, nil)
	c := baseCase("neu", workflows.RoleCounsellor)
	start, err := w.Start(c)
	if err != nil {
		t.Fatal(err)
	}
	c = c.After(start)
	o, err := w.Take(c, workflows.Request{Transition: "starten", Comment: "passt",
		Step: map[string]any{"art": "b", "termin": "2026-04-01", "extra": nil}})
	if err == nil {
		t.Fatal("an unknown step key must be refused")
	}
	o, err = w.Take(c, workflows.Request{Transition: "starten", Comment: "passt",
		Step: map[string]any{"art": "b", "termin": "2026-04-01T10:00:00+02:00"}})
	if err != nil {
		t.Fatal(err)
	}
	if o.From != "neu" || o.To != "aktiv" || !o.Moved || o.Closed || o.Entry != 1 || !o.Entered.Equal(c.Now) || o.Comment != "passt" {
		t.Errorf("move = %+v", o)
	}
	if o.Step["termin"] != "2026-04-01" || o.Set["art"] != "b" || o.Set["ok"] != true {
		t.Errorf("step %v, set %v", o.Step, o.Set)
	}
	n := o.Notifications[0]
	if n.To != "participant" || n.Language != "de" || n.Body["de"] != "Am 01.04.2026: B (Starten)" || n.Body["en"] != "Am 2026-04-01: B (en) (Starten (en)) (en)" {
		t.Errorf("notification = %+v", n)
	}
	if len(o.Timers) != 2 || o.Timers[0].Key != "erinnern" || o.Timers[1].Kind != workflows.TimerTransition ||
		!o.Timers[0].Due.Equal(c.Now.AddDate(0, 0, 10)) {
		t.Errorf("timers = %+v", o.Timers)
	}
	if len(o.Voided) != 1 || o.Voided[0].Key != "sla" {
		t.Errorf("voided = %+v", o.Voided)
	}

	// A stay transition keeps the entry and its timers.
	c = c.After(o)
	stay, err := w.Take(c, workflows.Request{Transition: "pruefen"})
	if err != nil {
		t.Fatal(err)
	}
	if stay.Moved || stay.To != "aktiv" || stay.Entry != 1 || len(stay.Voided) != 0 || len(stay.Timers) != 0 || stay.Set["quote"] != 3.7 {
		t.Errorf("stay = %+v", stay)
	}
}
