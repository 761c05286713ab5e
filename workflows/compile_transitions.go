package workflows

import (
	"fmt"
	"slices"
	"strings"

	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/rules"
)

// transitions checks every transition's structure, roles and guard and
// compiles its step form; actions come later.
func (c *compiler) transitions() {
	for i := range c.def.Transitions {
		def := &c.def.Transitions[i]
		t := &transition{index: i, key: def.Key, path: fmt.Sprintf("transitions[%d]", i), def: def}
		c.w.transitions = append(c.w.transitions, t)
		if c.key(t.path+".key", def.Key) {
			if c.w.transByKey[def.Key] != nil {
				c.d.errorf(t.path+".key", forms.CodeKeyDuplicate, "the transition %q is declared twice", def.Key)
			} else {
				c.w.transByKey[def.Key] = t
			}
		}
		c.text(t.path+".label", def.Label, true, c.staff)
		c.target(t)
		c.sources(t)
		c.roles(t)
		c.guard(t)
		c.stepForm(t)
	}
}

func (c *compiler) target(t *transition) {
	def := t.def
	switch {
	case def.Stay && def.To != "":
		c.d.errorf(t.path+".to", CodeTransitionTarget, "a transition either stays (stay: true) or goes to a state, not both")
	case !def.Stay && def.To == "":
		c.d.errorf(t.path+".to", CodeTransitionTarget, "a transition needs to (the next state) or stay: true")
	case def.To != "":
		if t.to = c.w.stateByKey[def.To]; t.to == nil {
			c.d.errorf(t.path+".to", CodeStateUnknown, "unknown state %q", def.To)
		}
	}
}

// sources resolves from; "*" alone stands for every non-terminal state but
// the target (so it never loops back into the state it leads to).
func (c *compiler) sources(t *transition) {
	from := t.def.From
	if len(from) == 0 {
		c.d.errorf(t.path+".from", forms.CodeMissing, "a transition needs from: the states it starts in")
	}
	if slices.Contains(from, FromAny) {
		if len(from) > 1 {
			c.d.errorf(t.path+".from", CodeStateUnknown, "%q stands alone: it already means every open state", FromAny)
			return
		}
		for _, s := range c.w.states {
			if !s.terminal && c.w.stateByKey[s.key] == s && s != t.to {
				t.from = append(t.from, s)
			}
		}
	}
	for j, key := range from {
		path := fmt.Sprintf("%s.from[%d]", t.path, j)
		s := c.w.stateByKey[key]
		switch {
		case key == FromAny:
			continue
		case s == nil:
			c.d.errorf(path, CodeStateUnknown, "unknown state %q", key)
			continue
		case slices.Contains(t.from, s):
			c.d.errorf(path, forms.CodeKeyDuplicate, "the state %q is listed twice", key)
			continue
		case s.terminal:
			c.d.errorf(path, CodeTerminalOutgoing, "the state %q is terminal: no transition leaves it", key)
		}
		t.from = append(t.from, s)
	}
	for _, s := range t.from {
		s.out = append(s.out, t)
	}
}

func (c *compiler) roles(t *transition) {
	for j, r := range t.def.Roles {
		path := fmt.Sprintf("%s.roles[%d]", t.path, j)
		switch {
		case r != RoleCounsellor && r != RoleTenantAdmin:
			c.d.errorf(path, CodeRoleInvalid, "the role must be counsellor or tenant_admin, not %q (timers act through schedules)", r)
		case slices.Contains(t.roles, r):
			c.d.errorf(path, forms.CodeKeyDuplicate, "the role %q is listed twice", r)
		default:
			t.roles = append(t.roles, r)
		}
	}
}

func (c *compiler) guard(t *transition) {
	def := t.def
	if def.Guard == "" {
		if len(def.GuardReason) > 0 {
			c.d.warnf(t.path+".guard_reason", forms.CodePropertyNotAllowed, "a guard reason without a guard is never shown")
		}
		return
	}
	prog, d := rules.Compile(def.Guard, c.w.schema, rules.Bool)
	c.d.rule(t.path+".guard", d)
	t.guard = prog
	if len(def.GuardReason) == 0 {
		c.d.errorf(t.path+".guard_reason", CodeGuardReason, "a guard needs a reason, shown when the guard is false")
		return
	}
	c.text(t.path+".guard_reason", def.GuardReason, true, c.staff)
}

// stepSection is the key of the one section a step form becomes.
const stepSection = "step"

// stepForm compiles the step form with the form language as a form of one
// section in the staff languages (staff fill it); its diagnostics get the step form's
// paths (sections[0].fields[2].key → transitions[3].step_form.fields[2].key).
func (c *compiler) stepForm(t *transition) {
	t.envs = newEnvPool(c.w.schema)
	sf := t.def.StepForm
	if sf == nil {
		return
	}
	title := forms.Text{forms.DefaultLanguage: t.key}
	def := &forms.Definition{Title: title, Languages: c.staff,
		Sections: []forms.Section{{Key: stepSection, Title: title, Description: sf.Description, Fields: sf.Fields}}}
	form, d := forms.Compile(def)
	prefix := t.path + ".step_form"
	for _, x := range d {
		rest, ok := strings.CutPrefix(x.Path, "sections[0]")
		if !ok || rest == ".title" || rest == ".key" {
			continue // what the workflow sets itself
		}
		x.Path = prefix + rest
		c.d.list = append(c.d.list, x)
	}
	if form != nil {
		t.step = form
		t.envs = newEnvPool(withStep(c.w.schema, form.Schema()))
	}
}
