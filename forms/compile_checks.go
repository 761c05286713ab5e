package forms

import "fmt"

// checkDefaults checks that every default is a valid answer of its field.
func (c *compiler) checkDefaults() {
	for _, fd := range c.form.fields {
		c.checkDefault(fd, fd.def.Default, fd.path+".default")
	}
}

func (c *compiler) checkDefault(fd *field, v any, path string) {
	if v == nil || fd.typ.props == 0 {
		return
	}
	if fd.def.Type != TypeRepeat {
		val, answered, p := fd.decode(v)
		if p == nil && answered {
			p = fd.constraints(val)
		}
		if p != nil {
			c.d.errorf(path, CodeDefaultInvalid, "the default is not a valid answer (%s)", p.message("en"))
		}
		return
	}
	rows, ok := v.([]any)
	if !ok {
		c.d.errorf(path, CodeDefaultInvalid, "the default of a repeat group is a list of rows")
		return
	}
	for i, r := range rows {
		obj, ok := r.(map[string]any)
		if !ok {
			c.d.errorf(fmt.Sprintf("%s[%d]", path, i), CodeDefaultInvalid, "a row is an object of sub-field answers")
			continue
		}
		for key, sv := range obj {
			sub := fd.subByKey[key]
			if sub == nil || !sub.answerable() {
				c.d.errorf(fmt.Sprintf("%s[%d].%s", path, i, key), CodeDefaultInvalid, "%q is not a sub-field of this group", key)
				continue
			}
			c.checkDefault(sub, sv, fmt.Sprintf("%s[%d].%s", path, i, key))
		}
	}
}

// checkSpecialConsent warns about special-category fields (GDPR Art. 9)
// that are not shown only after a consent: such data needs explicit consent.
func (c *compiler) checkSpecialConsent() {
	for _, fd := range c.form.fields {
		c.specialConsent(fd, fd.section.visible, fd.visible)
		for _, sub := range fd.sub {
			c.specialConsent(sub, fd.section.visible, fd.visible, sub.visible)
		}
	}
}

func (c *compiler) specialConsent(fd *field, visibility ...*rule) {
	if fd.def.Sensitivity != Special {
		return
	}
	for _, r := range visibility {
		for _, dep := range deps(r) {
			if dfd := c.form.byKey[dep]; dfd != nil && dfd.def.Type == TypeConsent {
				return
			}
		}
	}
	c.d.warnf(fd.path+".sensitivity", CodeSpecialConsent,
		"special-category data (GDPR Art. 9) should be asked only after an explicit consent: add a visible_if that reads a consent field")
}
