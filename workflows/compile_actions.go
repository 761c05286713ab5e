package workflows

import (
	"fmt"
	"slices"

	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/rules"
)

// action is a compiled action.
type action struct {
	kind, path string
	field      *caseField // set
	value      *rules.Program
	title      texts // task
	dueDays    *int
	assignee   string
	to         string // notify
	subject    texts
	body       texts
	sched      *schedule
}

// where describes where a list of actions stands: which types it may hold,
// what set values read, which placeholders its texts may use, and the state
// its schedules arm into (stay: the case does not move, so none may).
type where struct {
	types  []string
	schema rules.Schema
	ph     phScope
	into   *state
	stay   bool
}

var (
	allTypes      = []string{ActionSet, ActionTask, ActionNotify, ActionSchedule}
	reminderTypes = []string{ActionTask, ActionNotify}
)

// actions compiles the actions of transitions, state entries and SLAs.
func (c *compiler) actions() {
	for _, t := range c.w.transitions {
		schema := t.envs.schema
		t.actions = c.actionList(t.path+".actions", t.def.Actions,
			where{types: allTypes, schema: schema, ph: phScope{transition: true, step: t.step}, into: t.to, stay: t.def.Stay})
	}
	for _, s := range c.w.states {
		s.onEnter = c.actionList(s.path+".on_enter", s.def.OnEnter,
			where{types: allTypes, schema: c.w.schema, ph: phScope{transition: true}, into: s})
		if s.sla != nil {
			s.sla.actions = c.actionList(s.path+".sla.actions", s.def.SLA.Actions, where{types: reminderTypes})
		}
	}
}

func (c *compiler) actionList(path string, defs []Action, at where) []*action {
	var out []*action
	for i := range defs {
		a := c.action(fmt.Sprintf("%s[%d]", path, i), &defs[i], at)
		if a != nil {
			out = append(out, a)
		}
	}
	return out
}

func (c *compiler) action(path string, def *Action, at where) *action {
	a := &action{kind: def.Type, path: path}
	switch {
	case !slices.Contains(allTypes, def.Type):
		c.d.errorf(path+".type", CodeActionType, "unknown action type %q (set, task, notify, schedule)", def.Type)
		return nil
	case !slices.Contains(at.types, def.Type) || (def.Type == ActionSchedule && at.stay):
		c.d.errorf(path+".type", CodeActionNotAllowed, "a %s action is not allowed here", def.Type)
		return nil
	case def.Type == ActionSchedule && at.into == nil:
		return nil // the transition's target is unknown, which is reported
	}
	c.properties(path, def)
	switch def.Type {
	case ActionSet:
		c.setAction(a, def, at)
	case ActionTask:
		a.title = c.texts(path+".title", def.Title, c.staff, at.ph)
		a.dueDays = c.days(path+".due_days", def.DueDays, 0, false)
		a.assignee = def.Assignee
		if a.assignee == "" {
			a.assignee = AssignCase
		} else if !slices.Contains([]string{AssignCase, AssignActor, AssignUnassigned}, a.assignee) {
			c.d.errorf(path+".assignee", CodeValueInvalid, "assignee must be case_assignee, actor or unassigned")
		}
	case ActionNotify:
		if a.to = def.To; a.to != NotifyAssignee && a.to != NotifyParticipant {
			c.d.errorf(path+".to", CodeValueInvalid, "to must be assignee or participant")
		}
		langs := c.staff
		if a.to == NotifyParticipant {
			langs = c.w.languages
		}
		a.subject = c.texts(path+".subject", def.Subject, langs, at.ph)
		a.body = c.texts(path+".body", def.Body, langs, at.ph)
	case ActionSchedule:
		a.sched = c.schedule(path, def, at.into)
	}
	return a
}

func (c *compiler) setAction(a *action, def *Action, at where) {
	a.field = c.w.caseFields[def.Field]
	if a.field == nil {
		c.d.errorf(a.path+".field", CodeFieldUnknown, "%q is not a declared case field (case_fields)", def.Field)
	}
	if def.Value == "" {
		c.d.errorf(a.path+".value", forms.CodeMissing, "a set action needs value, the rule that gives the new value")
		return
	}
	kind := rules.Any
	if a.field != nil {
		kind = a.field.typ.Kind
	}
	prog, d := rules.Compile(def.Value, at.schema, kind)
	c.d.rule(a.path+".value", d)
	a.value = prog
}

// days checks a number of days between low and maxDays.
func (c *compiler) days(path string, n *int, low int, required bool) *int {
	switch {
	case n == nil && required:
		c.d.errorf(path, forms.CodeMissing, "the number of days is required")
	case n != nil && (*n < low || *n > maxDays):
		c.d.errorf(path, forms.CodeRangeInvalid, "the number of days must be between %d and %d", low, maxDays)
		return nil
	}
	return n
}

// actionProps lists the properties of each action type.
var actionProps = map[string][]string{
	ActionSet:      {"field", "value"},
	ActionTask:     {"title", "due_days", "assignee"},
	ActionNotify:   {"to", "subject", "body"},
	ActionSchedule: {"key", "after_days", "while_in", "transition", "actions"},
}

// properties rejects properties the action's type does not have.
func (c *compiler) properties(path string, a *Action) {
	set := []struct {
		name string
		set  bool
	}{
		{"field", a.Field != ""}, {"value", a.Value != ""}, {"title", len(a.Title) > 0},
		{"due_days", a.DueDays != nil}, {"assignee", a.Assignee != ""}, {"to", a.To != ""},
		{"subject", len(a.Subject) > 0}, {"body", len(a.Body) > 0}, {"key", a.Key != ""},
		{"after_days", a.AfterDays != nil}, {"while_in", a.WhileIn != nil},
		{"transition", a.Transition != ""}, {"actions", a.Actions != nil},
	}
	for _, p := range set {
		if p.set && !slices.Contains(actionProps[a.Type], p.name) {
			c.d.errorf(path+"."+p.name, forms.CodePropertyNotAllowed, "a %s action has no %s", a.Type, p.name)
		}
	}
}
