package forms

// Evaluation is the result of [Form.Evaluate], in the wire format of
// POST …/evaluate (docs/API.md).
type Evaluation struct {
	// Hidden lists fields and sections (section:<key>) hidden by the rules,
	// including the fields of hidden sections and row fields (group[0].sub).
	Hidden []string `json:"hidden"`
	// Required lists the visible fields that are required now.
	Required []string `json:"required"`
	// Values holds the calculated values that have a value; dates as
	// YYYY-MM-DD.
	Values map[string]any `json:"values"`
	// Errors holds the errors of the answers given (missing required
	// answers are listed in Required, not here).
	Errors FieldErrors `json:"errors"`
	// RuleErrors are rules that failed, for the log (never sent).
	RuleErrors []RuleError `json:"-"`
}

// Evaluate computes what the form looks like for the answers: hidden fields
// and sections, required fields, calculated values and the errors of the
// answers given. Answers are decoded JSON; any garbage becomes an error,
// never a panic.
func (f *Form) Evaluate(answers map[string]any, opts Options) *Evaluation {
	st := f.newState(opts, false)
	defer st.release()
	st.decodeAnswers(answers)
	st.run()
	st.check()
	return st.evaluation()
}

// Validate is the gate before storing. It checks everything Evaluate checks
// plus missing required answers. On success it returns the clean answers:
// only visible, answered fields (answers to hidden fields are dropped), dates
// as YYYY-MM-DD, calculated values filled in. On failure clean is nil.
func (f *Form) Validate(answers map[string]any, opts Options) (clean map[string]any, errs FieldErrors) {
	st := f.newState(opts, true)
	defer st.release()
	st.decodeAnswers(answers)
	st.run()
	st.check()
	if len(st.errs) > 0 {
		return nil, st.errs
	}
	return st.clean(), nil
}

func (st *state) evaluation() *Evaluation {
	ev := &Evaluation{Hidden: []string{}, Required: st.required, Values: map[string]any{}, Errors: st.errs, RuleErrors: st.ruleErrs}
	if ev.Required == nil {
		ev.Required = []string{}
	}
	for _, sec := range st.f.sections {
		if st.secHidden[sec.index] {
			ev.Hidden = append(ev.Hidden, "section:"+sec.key)
		}
		for _, fd := range sec.fields {
			s := st.vals[fd.index]
			switch {
			case s.hidden:
				ev.Hidden = append(ev.Hidden, fd.key)
			case fd.def.Type == TypeCalculated && s.answered:
				ev.Values[fd.key] = jsonValue(s.value)
			case fd.def.Type == TypeRepeat:
				st.rowResults(fd, ev)
			}
		}
	}
	return ev
}

func (st *state) rowResults(g *field, ev *Evaluation) {
	for r, rw := range st.rows[g.index] {
		for _, sub := range g.sub {
			s := rw.vals[sub.index]
			switch {
			case s.hidden:
				ev.Hidden = append(ev.Hidden, path{g.key, r, sub.key}.String())
			case sub.def.Type == TypeCalculated && s.answered:
				ev.Values[path{g.key, r, sub.key}.String()] = jsonValue(s.value)
			}
		}
	}
}

// clean builds the answers to store.
func (st *state) clean() map[string]any {
	out := make(map[string]any, len(st.f.fields))
	for i, fd := range st.f.fields {
		s := st.vals[i]
		if s.hidden || !s.answered || fd.def.Type == TypeInfo {
			continue
		}
		if fd.def.Type != TypeRepeat {
			out[fd.key] = jsonValue(s.value)
			continue
		}
		rows := make([]any, len(st.rows[i]))
		for r, rw := range st.rows[i] {
			obj := map[string]any{}
			for _, sub := range fd.sub {
				if v := rw.vals[sub.index]; v.answered && !v.hidden {
					obj[sub.key] = jsonValue(v.value)
				}
			}
			rows[r] = obj
		}
		out[fd.key] = rows
	}
	return out
}
