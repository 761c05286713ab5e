package workflows

import (
	"fmt"
	"slices"

	"github.com/multipotenzial/multipotenzial/forms"
)

// SLAKey is the timer key of a state's SLA; schedules may not use it.
const SLAKey = "sla"

// schedule is a compiled schedule action: after so many days in the state
// it was armed into (or, with while_in, in any of a set of states) a
// reminder runs or a transition is taken automatically.
type schedule struct {
	key, path string
	afterDays int
	into      *state
	whileIn   []*state // nil: the timer lives only as long as the state entry
	transKey  string
	trans     *transition
	actions   []*action
}

func (c *compiler) schedule(path string, def *Action, into *state) *schedule {
	s := &schedule{key: def.Key, path: path, into: into, transKey: def.Transition}
	if c.key(path+".key", def.Key) {
		switch {
		case def.Key == SLAKey:
			c.d.errorf(path+".key", forms.CodeKeyReserved, "the key %q is reserved for SLAs", SLAKey)
		case c.w.schedules[def.Key] != nil:
			c.d.errorf(path+".key", forms.CodeKeyDuplicate, "the schedule %q is declared twice (schedule keys are unique in a workflow)", def.Key)
		default:
			c.w.schedules[def.Key] = s
		}
	}
	if n := c.days(path+".after_days", def.AfterDays, 1, true); n != nil {
		s.afterDays = *n
	}
	c.whileIn(s, def)
	switch {
	case def.Transition != "" && def.Actions != nil:
		c.d.errorf(path, CodeScheduleInvalid, "a schedule either takes a transition or runs actions (a reminder), not both")
	case def.Transition == "" && len(def.Actions) == 0:
		c.d.errorf(path, CodeScheduleInvalid, "a schedule needs transition (automatic) or actions (a reminder)")
	case def.Actions != nil:
		s.actions = c.actionList(path+".actions", def.Actions, where{types: reminderTypes})
	}
	return s
}

func (c *compiler) whileIn(s *schedule, def *Action) {
	if def.WhileIn == nil {
		return
	}
	for j, key := range def.WhileIn {
		st := c.w.stateByKey[key]
		switch {
		case st == nil:
			c.d.errorf(fmt.Sprintf("%s.while_in[%d]", s.path, j), CodeStateUnknown, "unknown state %q", key)
		case !slices.Contains(s.whileIn, st):
			s.whileIn = append(s.whileIn, st)
		}
	}
	if !slices.Contains(s.whileIn, s.into) {
		c.d.errorf(s.path+".while_in", CodeScheduleInvalid, "while_in must include %q, the state the timer starts in", s.into.key)
	}
}

// scope is every state the timer stays valid in.
func (s *schedule) scope() []*state {
	if s.whileIn == nil {
		return []*state{s.into}
	}
	return s.whileIn
}

// resolveSchedules links automatic transitions once all are known, then
// reports transitions nobody can take.
func (c *compiler) resolveSchedules() {
	for _, key := range sortedKeys(c.w.schedules) {
		s := c.w.schedules[key]
		if s.transKey == "" {
			continue
		}
		t := c.w.transByKey[s.transKey]
		if t == nil {
			c.d.errorf(s.path+".transition", CodeTransitionUnknown, "unknown transition %q", s.transKey)
			continue
		}
		s.trans, t.automatic = t, true
		if t.def.StepForm != nil {
			c.d.errorf(s.path+".transition", CodeScheduleInvalid, "the transition %q has a step form; nobody fills it when a timer takes it", t.key)
		}
		for _, st := range s.scope() {
			if !slices.Contains(t.from, st) {
				c.d.errorf(s.path+".transition", CodeScheduleInvalid, "the transition %q does not start in %q, where this timer fires", t.key, st.key)
			}
		}
	}
	for _, t := range c.w.transitions {
		if len(t.roles) == 0 && !t.automatic {
			c.d.errorf(t.path+".roles", CodeNobodyMayTake, "no role may take this transition and no schedule takes it")
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
