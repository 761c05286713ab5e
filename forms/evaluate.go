package forms

import "strings"

// run computes visibility and calculated values in the form's evaluation
// order. A hidden field counts as unanswered for every later rule; that is
// how answers to hidden fields are dropped.
func (st *state) run() {
	f := st.f
	for i, fd := range f.fields {
		if fd.def.Type == TypeRepeat {
			st.publish(fd, slot{}) // groups are set in order below
			continue
		}
		st.publish(fd, st.vals[i])
	}
	for _, n := range f.order {
		if s := n.section; s != nil {
			st.secHidden[s.index] = s.visible != nil && !st.evalBool(s.visible, true)
			continue
		}
		fd := n.field
		s := &st.vals[fd.index]
		if st.secHidden[fd.section.index] || (fd.visible != nil && !st.evalBool(fd.visible, true)) {
			*s = slot{hidden: true, failed: s.failed}
			st.publish(fd, *s)
			continue
		}
		switch fd.def.Type {
		case TypeCalculated:
			st.calculate(fd, s, nil)
			st.publish(fd, *s)
		case TypeRepeat:
			st.runRows(fd)
		}
	}
}

// publish hands a top-level field's value to the rules: the answer, or the
// zero value of its type when unanswered or hidden.
func (st *state) publish(fd *field, s slot) {
	switch {
	case fd.zero == nil: // not in rules (info, or a key compile rejected)
	case s.answered && !s.hidden:
		st.env.Set(fd.key, s.value, true)
	default:
		st.env.Set(fd.key, fd.zero, false)
	}
}

// calculate fills a calculated field (of row rw, nil at top level). It
// counts as answered when it reads nothing or at least one thing it reads
// is answered; else it keeps its zero value and is not shown.
func (st *state) calculate(fd *field, s *slot, rw *row) {
	*s = slot{}
	answered := len(fd.calc.Paths()) == 0
	for _, p := range fd.calc.Paths() {
		answered = answered || st.answered(p, fd.group, rw)
	}
	if !answered {
		return
	}
	v, err := fd.calc.Eval(st.env)
	if err != nil {
		st.ruleFailed(fd.calc.path, err)
		return
	}
	*s = slot{value: v, answered: true}
}

// runRows computes the sub-fields of every row, then hands the rows to
// rules as the group's value.
func (st *state) runRows(g *field) {
	rows := st.rows[g.index]
	list := make([]any, len(rows))
	for i, rw := range rows {
		st.enterRow(g, rw)
		for _, sub := range g.subOrder {
			s := &rw.vals[sub.index]
			switch {
			case sub.visible != nil && !st.evalBool(sub.visible, true):
				*s = slot{hidden: true, failed: s.failed}
			case sub.def.Type == TypeCalculated:
				st.calculate(sub, s, rw)
			default:
				continue
			}
			rw.obj[sub.key] = sub.zero
			if s.answered {
				rw.obj[sub.key] = s.value
			}
			st.env.SetAnswered(sub.itemPath, s.answered)
		}
		list[i] = rw.obj
	}
	st.env.Set(g.key, list, len(list) > 0)
}

// answered reports whether what a rule reads at path (a field key, item or
// item.<sub> of group g's row rw) is answered so far.
func (st *state) answered(p string, g *field, rw *row) bool {
	name, sub, nested := strings.Cut(p, ".")
	if name == itemName && rw != nil {
		return !nested || rw.vals[g.subByKey[sub].index].answered
	}
	fd := st.f.byKey[name]
	return fd != nil && st.vals[fd.index].answered
}

// enterRow makes rw the current row (item) of the rules.
func (st *state) enterRow(g *field, rw *row) {
	st.env.Set(itemName, rw.obj, true)
	for _, sub := range g.sub {
		st.env.SetAnswered(sub.itemPath, rw.vals[sub.index].answered)
	}
}

// evalBool runs a yes/no rule; when it fails, the failure is recorded and
// fallback is used (visible: true, required: false, valid: true) — the
// failure itself blocks the submission through _form.
func (st *state) evalBool(r *rule, fallback bool) bool {
	b, err := r.EvalBool(st.env)
	if err != nil {
		st.ruleFailed(r.path, err)
		return fallback
	}
	return b
}

func (st *state) ruleFailed(path string, err error) {
	st.ruleErrs = append(st.ruleErrs, RuleError{Path: path, Err: err})
	st.fail(FormPath, fail(CodeRuleFailed))
}
