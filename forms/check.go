package forms

// check runs, for every visible field, required/required_if, the static
// constraints and the admin validations. It runs after run(), so these
// rules see every value and every visibility.
func (st *state) check() {
	for i, fd := range st.f.fields {
		s := &st.vals[i]
		if s.hidden || fd.def.Type == TypeInfo {
			continue
		}
		st.checkField(fd, s, path{key: fd.key}, len(st.rows[i]))
		if fd.def.Type != TypeRepeat {
			continue
		}
		for r, rw := range st.rows[i] {
			st.enterRow(fd, rw)
			for _, sub := range fd.sub {
				if s := &rw.vals[sub.index]; !s.hidden && sub.def.Type != TypeInfo {
					st.checkField(sub, s, path{group: fd.key, row: r, key: sub.key}, 0)
				}
			}
		}
	}
}

// checkField checks one visible field at its path; rows is the number of rows
// of a repeat group.
func (st *state) checkField(fd *field, s *slot, at path, rows int) {
	required := fd.answerable() && (fd.def.Required || (fd.required != nil && st.evalBool(fd.required, false)))
	if required {
		st.required = append(st.required, at.String())
	}
	if s.failed {
		return
	}
	if !s.answered {
		if required && st.full {
			st.fail(at.String(), fail(CodeRequired))
		}
		return
	}
	var p *problem
	switch {
	case fd.def.Type == TypeConsent && required && s.value == false:
		p = fail(CodeConsentRequired)
	case fd.def.Type == TypeRepeat:
		p = fd.countConstraints(rows)
	default:
		p = fd.constraints(s.value)
	}
	if p == nil {
		p = st.validate(fd)
	}
	if p != nil {
		st.fail(at.String(), p)
	}
}

// validate runs the admin validations of an answered field; the first that
// fails gives the error.
func (st *state) validate(fd *field) *problem {
	for _, v := range fd.validations {
		if !st.evalBool(v.valid, true) {
			return &problem{code: v.code, text: v.message}
		}
	}
	return nil
}
