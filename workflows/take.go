package workflows

import (
	"slices"
	"unicode/utf8"

	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/rules"
)

// MaxCommentRunes bounds a transition's comment.
const MaxCommentRunes = 2000

// Request is a transition a caller wants to take.
type Request struct {
	Transition string         `json:"transition"`
	Step       map[string]any `json:"step,omitempty"` // step-form answers, decoded JSON
	Comment    string         `json:"comment,omitempty"`
	Language   string         `json:"language,omitempty"`
}

// Take takes a transition for c.Actor at c.Now: it checks that the
// transition starts in the case's state, the role, the guard and the step
// form, then runs the transition's actions and, when the case moves, the
// new state's entry actions and timers. The error is an [*Error]. Take
// stores nothing: the adapter applies the Outcome.
func (w *Workflow) Take(c CaseContext, r Request) (*Outcome, error) {
	lang := w.language(r.Language)
	t := w.transByKey[r.Transition]
	if t == nil {
		return nil, newError(ErrTransitionUnknown, lang, nil)
	}
	from := w.stateByKey[c.State]
	if from == nil || !slices.Contains(t.from, from) {
		return nil, newError(ErrWrongState, lang, nil)
	}
	env := t.envs.get()
	defer t.envs.put(env)
	caseObj := w.fill(env, &c, view{state: c.State, entered: c.StateEntered, role: c.Actor.Role})
	if e := w.check(env, t, &c, lang); e != nil {
		return nil, e
	}
	step, e := w.stepAnswers(env, t, &c, r, lang)
	if e != nil {
		return nil, e
	}
	o := &Outcome{Transition: t.key, From: from.key, To: from.key, Entry: c.Entry, Entered: c.StateEntered,
		Actor: c.Actor, Comment: r.Comment, Step: step}
	into := from
	if t.to != nil {
		into, o.To, o.Moved, o.Entry, o.Entered = t.to, t.to.key, true, c.Entry+1, c.Now
		caseObj["state"], caseObj["days_in_state"], caseObj["state_entered"] = into.key, 0.0, rules.DateOf(c.Now)
	}
	o.Closed = into.terminal
	rn := &runner{env: env, lang: lang, out: o, entered: o.Entered,
		r: &renderCtx{w: w, c: &c, caseObj: caseObj, state: o.To, from: from.key, trans: t, step: step}}
	if e := rn.run(t.actions); e != nil {
		return nil, e
	}
	if !o.Moved {
		return o, nil
	}
	rn.r.trans, rn.r.step = nil, nil // entry actions are the state's, not the transition's
	if e := rn.run(into.onEnter); e != nil {
		return nil, e
	}
	o.Timers = append(slaTimer(&c, into, o.Entry, o.Entered), o.Timers...)
	for _, tm := range c.Timers {
		if !survives(tm, o.To) {
			o.Voided = append(o.Voided, tm)
		}
	}
	return o, nil
}

// stepAnswers validates the step answers and the comment, and puts the
// clean answers into env as step.
func (w *Workflow) stepAnswers(env *rules.Env, t *transition, c *CaseContext, r Request, lang string) (map[string]any, *Error) {
	errs := forms.FieldErrors{}
	var clean map[string]any
	switch {
	case t.step != nil:
		var ferrs forms.FieldErrors
		if clean, ferrs = t.step.Validate(r.Step, forms.Options{Language: lang, Now: c.Now}); ferrs != nil {
			errs = ferrs
		}
	default:
		for key := range r.Step {
			errs[key] = forms.FieldError{Code: forms.CodeUnknownField, Message: fieldMessage(forms.CodeUnknownField, lang)}
		}
	}
	if utf8.RuneCountInString(r.Comment) > MaxCommentRunes {
		errs["comment"] = forms.FieldError{Code: forms.CodeMaxLength, Message: fieldMessage(forms.CodeMaxLength, lang)}
	}
	if len(errs) > 0 {
		e := newError(ErrStepInvalid, lang, nil)
		e.Fields = errs
		return nil, e
	}
	if t.step != nil {
		schema := t.step.Schema()
		obj, _ := envValue(rules.ObjectOf(schema), clean)
		env.Set(NameStep, obj, true)
		for key, ft := range schema {
			_, answered := envValue(ft, clean[key])
			env.SetAnswered(NameStep+"."+key, answered)
		}
	}
	return clean, nil
}

// Start opens a case in the start state at c.Now: it runs the start
// state's entry actions and arms its timers (state entry 0). c.State and
// c.Entry are ignored.
func (w *Workflow) Start(c CaseContext) (*Outcome, error) {
	lang := forms.DefaultLanguage
	c.State, c.Entry, c.StateEntered = w.start.key, 0, c.Now
	env := w.envs.get()
	defer w.envs.put(env)
	caseObj := w.fill(env, &c, view{state: c.State, entered: c.Now, role: c.Actor.Role})
	o := &Outcome{To: c.State, Moved: true, Entered: c.Now, Actor: c.Actor, Closed: w.start.terminal}
	rn := &runner{env: env, lang: lang, out: o, entered: c.Now,
		r: &renderCtx{w: w, c: &c, caseObj: caseObj, state: c.State}}
	if e := rn.run(w.start.onEnter); e != nil {
		return nil, e
	}
	o.Timers = append(slaTimer(&c, w.start, 0, c.Now), o.Timers...)
	return o, nil
}
