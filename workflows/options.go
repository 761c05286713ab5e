package workflows

import (
	"slices"

	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/rules"
)

// Option is one transition out of the case's current state, as the caller
// sees it now.
type Option struct {
	Key     string `json:"key"`
	Label   string `json:"label"`
	To      string `json:"to"`
	ToLabel string `json:"to_label"`
	Stay    bool   `json:"stay,omitzero"`
	// Allowed says whether the caller may take it now; if not, Reason says
	// why (role_not_allowed, automatic_only, guard_false with the admin's
	// reason, guard_failed).
	Allowed bool    `json:"allowed"`
	Reason  *Reason `json:"reason,omitempty"`
	// StepForm is the step form localized (forms' wire format), so that a
	// client can render it.
	StepForm *forms.Localized `json:"step_form,omitempty"`
}

// Options lists every transition out of the case's current state in
// definition order, in lang (fallback German), for c.Actor at c.Now. A case
// in a state this version does not know has no options.
func (w *Workflow) Options(c CaseContext, lang string) []Option {
	lang = w.language(lang)
	from := w.stateByKey[c.State]
	if from == nil {
		return nil
	}
	env := w.envs.get()
	defer w.envs.put(env)
	w.fill(env, &c, view{state: c.State, entered: c.StateEntered, role: c.Actor.Role})
	out := make([]Option, 0, len(from.out))
	for _, t := range from.out {
		o := Option{Key: t.key, Label: t.def.Label.Get(lang), To: from.key, Stay: t.to == nil}
		if t.to != nil {
			o.To = t.to.key
		}
		o.ToLabel = w.stateLabel(o.To, lang)
		if e := w.check(env, t, &c, lang); e != nil {
			o.Reason = e.Reason()
		} else {
			o.Allowed = true
		}
		if t.step != nil {
			o.StepForm = t.step.LocalizeAt(lang, c.Now)
		}
		out = append(out, o)
	}
	return out
}

// check decides whether c.Actor may take t now: the role first, then the
// guard (env is filled with the case as it is).
func (w *Workflow) check(env *rules.Env, t *transition, c *CaseContext, lang string) *Error {
	switch role := c.Actor.Role; {
	case role == RoleSystem:
		if !t.automatic {
			return newError(ErrRoleNotAllowed, lang, nil)
		}
	case len(t.roles) == 0:
		return newError(ErrAutomaticOnly, lang, nil)
	case !slices.Contains(t.roles, role):
		return newError(ErrRoleNotAllowed, lang, nil)
	}
	if t.guard == nil {
		return nil
	}
	ok, err := t.guard.EvalBool(env)
	switch {
	case err != nil:
		return newError(ErrGuardFailed, lang, err)
	case !ok:
		e := newError(ErrGuardFalse, lang, nil)
		e.Message = t.def.GuardReason.Get(lang)
		return e
	}
	return nil
}
