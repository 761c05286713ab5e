package workflows

import (
	"cmp"
	"slices"
	"time"

	"github.com/multipotenzial/multipotenzial/rules"
)

// Simulation limits: a studio request stays small and fast.
const (
	MaxSimSteps   = 200
	MaxSimFirings = 1000
)

// Scenario is sample data for a simulation: a case and what happens to it.
type Scenario struct {
	// Case is the sample case. With an empty State the case is started at
	// Case.Now. A zero Now means 2026-01-05 09:00 Berlin, so a trace is the
	// same on every run.
	Case  CaseContext `json:"case"`
	Steps []SimStep   `json:"steps"`
}

// SimStep either takes a transition (Take, as Role, default counsellor) or
// lets WaitDays days pass, firing every timer that comes due meanwhile in
// due order (automatic transitions included).
type SimStep struct {
	Take     string         `json:"take,omitempty"`
	Role     string         `json:"role,omitempty"`
	Step     map[string]any `json:"step,omitempty"`
	Comment  string         `json:"comment,omitempty"`
	Language string         `json:"language,omitempty"`
	WaitDays int            `json:"wait_days,omitempty"`
}

// Trace is what a simulation did, step by step, and the case at the end.
type Trace struct {
	Steps []TraceStep `json:"steps"`
	Case  CaseContext `json:"case"`
}

// TraceStep is one step of a trace. Options are those the step's role had
// before a take step (without step forms, to keep the trace small).
type TraceStep struct {
	Kind    string    `json:"kind"` // start, take, wait, invalid
	Now     time.Time `json:"now"`
	State   string    `json:"state"`
	Options []Option  `json:"options,omitempty"`
	Outcome *Outcome  `json:"outcome,omitempty"`
	Error   *Error    `json:"error,omitempty"`
	Fired   []Firing  `json:"fired,omitempty"`
}

// Simulate runs a scenario on a (draft) workflow in memory and returns the
// trace. It stores and sends nothing; it is the studio's "try it" button.
// Steps beyond MaxSimSteps are ignored.
func Simulate(w *Workflow, s Scenario) *Trace {
	c := s.Case
	if c.Now.IsZero() {
		c.Now = time.Date(2026, 1, 5, 9, 0, 0, 0, berlin)
	}
	c.ID, c.Version = cmp.Or(c.ID, "simulation"), cmp.Or(c.Version, "draft")
	tr := &Trace{}
	if c.State == "" {
		if c.Opened.IsZero() {
			c.Opened = c.Now
		}
		o, err := w.Start(c)
		st := TraceStep{Kind: "start", Now: c.Now, Outcome: o}
		if e, ok := err.(*Error); ok {
			st.Error = e
		} else {
			c = c.After(o)
		}
		tr.Steps = append(tr.Steps, st)
	}
	for i, step := range s.Steps {
		if i == MaxSimSteps {
			break
		}
		var st TraceStep
		st, c = w.simStep(c, step)
		tr.Steps = append(tr.Steps, st)
	}
	tr.Case = c
	return tr
}

// SimulateDraft parses and compiles a draft definition (raw JSON) against
// the intake schema and simulates the scenario on it. When the draft does
// not compile, the trace is nil and the diagnostics say why; otherwise the
// diagnostics are the draft's warnings.
func SimulateDraft(raw []byte, intake rules.Schema, s Scenario) (*Trace, Diagnostics) {
	def, err := Parse(raw)
	if err != nil {
		return nil, err.(Diagnostics)
	}
	w, d := Compile(def, intake)
	if w == nil {
		return nil, d
	}
	return Simulate(w, s), d
}

func (w *Workflow) simStep(c CaseContext, s SimStep) (TraceStep, CaseContext) {
	st := TraceStep{Kind: "take", Now: c.Now, State: c.State}
	switch {
	case (s.Take == "") == (s.WaitDays == 0), s.WaitDays < 0 || s.WaitDays > maxDays:
		st.Kind = "invalid" // neither or both, or a wait out of range
		return st, c
	case s.Take == "":
		st.Kind = "wait"
		st.Fired, c = w.wait(c, addDays(c.Now, s.WaitDays))
		return st, c
	}
	c.Actor = Actor{ID: "simulation", Role: cmp.Or(s.Role, RoleCounsellor), Name: "Simulation"}
	for _, o := range w.Options(c, s.Language) {
		o.StepForm = nil
		st.Options = append(st.Options, o)
	}
	o, err := w.Take(c, Request{Transition: s.Take, Step: s.Step, Comment: s.Comment, Language: s.Language})
	if err != nil {
		st.Error = err.(*Error)
		return st, c
	}
	st.Outcome = o
	return st, c.After(o)
}

// wait fires every timer due until end, earliest first; an automatic
// transition may void later timers and arm new ones.
func (w *Workflow) wait(c CaseContext, end time.Time) ([]Firing, CaseContext) {
	var fired []Firing
	for range MaxSimFirings {
		due := slices.Clone(c.Timers)
		slices.SortFunc(due, func(a, b Timer) int { return cmp.Or(a.Due.Compare(b.Due), cmp.Compare(a.ID, b.ID)) })
		if len(due) == 0 || due[0].Due.After(end) {
			break
		}
		next := due[0]
		c.Now = later(c.Now, next.Due)
		f := w.Fire(c, next)
		c.Timers = slices.DeleteFunc(slices.Clone(c.Timers), func(t Timer) bool { return t.ID == next.ID }) // never the caller's array
		if f.Outcome != nil {
			c = c.After(f.Outcome)
		}
		fired = append(fired, f)
	}
	c.Now = later(c.Now, end)
	return fired, c
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
