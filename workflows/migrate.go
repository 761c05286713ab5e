package workflows

import (
	"fmt"
	"slices"
	"time"
)

// Plan moves running cases from one published version of a workflow to
// another: a target state in the new version for every state of the old
// one that open cases are in. See docs/workflow-language.md, "Versions".
type Plan struct {
	from, to *Workflow
	targets  map[string]string
}

// Targets returns the plan: old state → new state.
func (p *Plan) Targets() map[string]string { return p.targets }

// PlanMigration checks a state mapping from one version to another. Every
// state in inUse (the states open cases of the old version are in; nil
// means every non-terminal state of the old version) needs a target: the
// mapping's, else the state of the same key in the new version. Terminal
// states are skipped: closed cases stay on their version. Diagnostics have
// the paths mapping.<state> and in_use[i].
func PlanMigration(from, to *Workflow, mapping map[string]string, inUse []string) (*Plan, Diagnostics) {
	var d diags
	p := &Plan{from: from, to: to, targets: map[string]string{}}
	for _, src := range sortedKeys(mapping) {
		path, dst := "mapping."+src, mapping[src]
		s := from.stateByKey[src]
		switch {
		case s == nil:
			d.errorf(path, CodeMigrationUnknown, "the old version has no state %q", src)
		case to.stateByKey[dst] == nil:
			d.errorf(path, CodeStateUnknown, "the new version has no state %q", dst)
		case s.terminal:
			d.warnf(path, CodeMigrationClosed, "%q is terminal: closed cases stay on their version", src)
		}
	}
	if inUse == nil {
		for _, s := range from.states {
			inUse = append(inUse, s.key)
		}
	}
	for i, key := range inUse {
		s := from.stateByKey[key]
		if s == nil {
			d.errorf(fmt.Sprintf("in_use[%d]", i), CodeMigrationUnknown, "the old version has no state %q", key)
			continue
		}
		if s.terminal {
			continue
		}
		dst, ok := mapping[key]
		if !ok && to.stateByKey[key] != nil {
			dst, ok = key, true
		}
		switch t := to.stateByKey[dst]; {
		case !ok:
			d.errorf("mapping."+key, CodeMigrationUnmapped, "cases in %q need a state of the new version", key)
		case t != nil && t.terminal:
			d.warnf("mapping."+key, CodeMigrationTerminal, "cases in %q would be closed (%q is terminal)", key, dst)
		}
		if ok && to.stateByKey[dst] != nil {
			p.targets[key] = dst
		}
	}
	if d.list.HasErrors() {
		return nil, d.list
	}
	return p, d.list
}

// Migration is what moving one case results in. The adapter stores it in
// one transaction: the case's new version and state, a case event
// "migrated" (versions and states), the voided and the new timers.
type Migration struct {
	FromVersion string `json:"from_version"`
	ToVersion   string `json:"to_version"`
	From        string `json:"from"`
	To          string `json:"to"`
	// Moved is true when the state key changes: a new state entry begins
	// at c.Now. Otherwise the entry (and its start) goes on.
	Moved   bool      `json:"moved"`
	Entry   int       `json:"entry"`
	Entered time.Time `json:"entered"`
	Closed  bool      `json:"closed"`
	// Voided are all the case's pending timers (old version); Timers are the
	// new version's: the new state's SLA and entry schedules (unless already
	// past due and no longer pending, i.e. fired under the old version), and
	// the pending schedules the new version still has, with their due time.
	Voided []Timer `json:"voided,omitempty"`
	Timers []Timer `json:"timers,omitempty"`
}

// Move moves one open case to the new version (toVersion is its id). No
// actions run: a migration is an admin's correction, not a transition.
func (p *Plan) Move(c CaseContext, toVersion string) (*Migration, error) {
	dst, ok := p.targets[c.State]
	if !ok {
		return nil, fmt.Errorf("workflows: the plan has no target for state %q", c.State)
	}
	into := p.to.stateByKey[dst]
	m := &Migration{FromVersion: c.Version, ToVersion: toVersion, From: c.State, To: dst,
		Moved: dst != c.State, Entry: c.Entry, Entered: c.StateEntered, Closed: into.terminal, Voided: c.Timers}
	if m.Moved {
		m.Entry, m.Entered = c.Entry+1, c.Now
	}
	nc := c
	nc.Version, nc.State, nc.Entry, nc.StateEntered = toVersion, dst, m.Entry, m.Entered
	fresh := slaTimer(&nc, into, m.Entry, m.Entered)
	for _, a := range into.onEnter {
		if a.sched != nil {
			fresh = append(fresh, scheduleTimer(&nc, a.sched, m.Entry, m.Entered))
		}
	}
	pending := map[string]bool{}
	for _, t := range c.Timers {
		pending[t.Key] = true
	}
	for _, t := range fresh {
		// One already past due fired under the old version, unless it is
		// still pending there: then it fires now, under the new rules.
		if t.Due.After(c.Now) || pending[t.Key] {
			m.Timers = append(m.Timers, t)
		}
	}
	for _, old := range c.Timers {
		if t, ok := p.carry(&nc, old, m); ok {
			m.Timers = append(m.Timers, t)
		}
	}
	return m, nil
}

// carry re-arms a pending timer of the old version in the new one when the
// new version has a schedule of that key that may fire in the new state;
// it keeps its due time.
func (p *Plan) carry(nc *CaseContext, old Timer, m *Migration) (Timer, bool) {
	sc := p.to.schedules[old.Key]
	if sc == nil || old.Key == SLAKey || !slices.Contains(sc.scope(), p.to.stateByKey[nc.State]) {
		return Timer{}, false
	}
	for _, t := range m.Timers {
		if t.Key == old.Key {
			return Timer{}, false // armed afresh by the state's entry
		}
	}
	t := scheduleTimer(nc, sc, m.Entry, m.Entered)
	t.State, t.Due = nc.State, old.Due
	return t, true
}
