package workflows

import (
	"fmt"

	"github.com/multipotenzial/multipotenzial/forms"
)

// maxDays bounds every number of days in a definition (ten years).
const maxDays = 3650

// states checks the states and builds their shells; actions come later.
func (c *compiler) states() {
	if len(c.def.States) == 0 {
		c.d.errorf("states", forms.CodeMissing, "a workflow needs states")
	}
	var starts []int
	for i := range c.def.States {
		def := &c.def.States[i]
		s := &state{index: i, key: def.Key, path: fmt.Sprintf("states[%d]", i), def: def}
		c.w.states = append(c.w.states, s)
		if c.key(s.path+".key", def.Key) {
			if c.w.stateByKey[def.Key] != nil {
				c.d.errorf(s.path+".key", forms.CodeKeyDuplicate, "the state %q is declared twice", def.Key)
			} else {
				c.w.stateByKey[def.Key] = s
			}
		}
		c.text(s.path+".label", def.Label, true, c.w.languages)
		switch def.Kind {
		case KindStart:
			starts = append(starts, i)
		case KindActive:
		case KindTerminal:
			s.terminal = true
		default:
			c.d.errorf(s.path+".kind", CodeStateKind, "the kind must be start, active or terminal, not %q", def.Kind)
		}
		c.stateSLA(s)
	}
	switch {
	case len(starts) == 0 && len(c.def.States) > 0:
		c.d.errorf("states", CodeStartState, "exactly one state must have kind start; there is none")
	case len(starts) > 0:
		c.w.start = c.w.states[starts[0]]
		for _, i := range starts[1:] {
			c.d.errorf(fmt.Sprintf("states[%d].kind", i), CodeStartState,
				"exactly one state must have kind start; %q is the start already", c.w.start.key)
		}
	}
}

func (c *compiler) stateSLA(s *state) {
	if s.def.SLA == nil {
		return
	}
	days := s.def.SLA.Days
	switch {
	case s.terminal:
		c.d.errorf(s.path+".sla", CodeTerminalTimer, "a terminal state has no SLA: the case is closed")
	case days < 1 || days > maxDays:
		c.d.errorf(s.path+".sla.days", forms.CodeRangeInvalid, "the SLA needs between 1 and %d days", maxDays)
	default:
		s.sla = &sla{days: days}
	}
}

// graph checks the shape of the state machine once everything is known:
// no way out of a terminal state (checked per transition), every state
// reachable from the start, every open state with a way out.
func (c *compiler) graph() {
	if c.w.start == nil {
		return
	}
	reached := map[*state]bool{c.w.start: true}
	queue := []*state{c.w.start}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, t := range s.out {
			if t.to != nil && !reached[t.to] {
				reached[t.to] = true
				queue = append(queue, t.to)
			}
		}
	}
	for _, s := range c.w.states {
		if c.w.stateByKey[s.key] != s {
			continue // reported as invalid or duplicate
		}
		if !reached[s] {
			c.d.warnf(s.path, CodeStateUnreachable, "no transition leads from %q to the state %q", c.w.start.key, s.key)
		}
		if !s.terminal && !leaves(s) {
			c.d.warnf(s.path, CodeStateDeadEnd, "no transition leaves the state %q, but it is not terminal", s.key)
		}
	}
}

// leaves reports whether a transition moves a case out of s.
func leaves(s *state) bool {
	for _, t := range s.out {
		if t.to != nil && t.to != s {
			return true
		}
	}
	return false
}
