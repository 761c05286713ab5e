package forms

import (
	"fmt"

	"github.com/multipotenzial/multipotenzial/rules"
)

// buildSchema derives the rule schema from the fields: every field that has
// a value (not info) by its kind; a repeat group as a list of row objects.
func (c *compiler) buildSchema() {
	f := c.form
	f.schema = rules.Schema{}
	items := rules.Schema{}
	for _, fd := range f.fields {
		if t, ok := fd.ruleType(); ok && f.byKey[fd.key] == fd && keyPattern.MatchString(fd.key) && !reservedKey(fd.key) {
			f.schema[fd.key] = t
			fd.zero = t.Zero()
		}
		for _, sub := range fd.sub {
			sub.itemPath = itemName + "." + sub.key
			if t, ok := sub.ruleType(); ok && !reservedKey(sub.key) {
				items[sub.key] = t
				sub.zero = t.Zero()
			}
		}
	}
	f.envSchema = rules.Schema{}
	for k, t := range f.schema {
		f.envSchema[k] = t
	}
	if len(items) > 0 {
		f.envSchema[itemName] = rules.ObjectOf(items)
	}
}

// ruleType is the field's type in rules; info fields have none.
func (fd *field) ruleType() (rules.Type, bool) {
	if fd.def.Type == TypeInfo || fd.typ.props == 0 {
		return rules.Type{}, false
	}
	if fd.def.Type == TypeRepeat {
		return rules.ListOf(fd.rowSchema()), true
	}
	return rules.Scalar(fd.kind), true
}

// rowSchema is the object type of one row of a repeat group.
func (fd *field) rowSchema() rules.Schema {
	s := rules.Schema{}
	for _, sub := range fd.sub {
		if t, ok := sub.ruleType(); ok {
			s[sub.key] = t
		}
	}
	return s
}

// compileRules compiles every rule of the definition against the schema
// (sub-fields also see item, the current row).
func (c *compiler) compileRules() {
	for _, s := range c.form.sections {
		s.visible = c.rule(fmt.Sprintf("sections[%d].visible_if", s.index), s.def.VisibleIf, c.form.schema, rules.Bool)
	}
	for _, fd := range c.form.fields {
		c.fieldRules(fd, c.form.schema)
		if fd.def.Type != TypeRepeat {
			continue
		}
		rowSchema := rules.Schema{itemName: rules.ObjectOf(fd.rowSchema())}
		for k, t := range c.form.schema {
			rowSchema[k] = t
		}
		for _, sub := range fd.sub {
			c.fieldRules(sub, rowSchema)
		}
	}
}

func (c *compiler) fieldRules(fd *field, schema rules.Schema) {
	def := fd.def
	fd.visible = c.rule(fd.path+".visible_if", def.VisibleIf, schema, rules.Bool)
	fd.required = c.rule(fd.path+".required_if", def.RequiredIf, schema, rules.Bool)
	if def.Type == TypeCalculated {
		fd.calc = c.rule(fd.path+".calculate", def.Calculate, schema, fd.kind)
	}
	for i, v := range def.Validations {
		prog := c.rule(fmt.Sprintf("%s.validations[%d].valid_if", fd.path, i), v.ValidIf, schema, rules.Bool)
		fd.validations = append(fd.validations, validation{code: v.Code, valid: prog, message: v.Message})
	}
}

// rule compiles one rule; an empty source means "no rule".
func (c *compiler) rule(path, src string, schema rules.Schema, kind rules.Kind) *rule {
	if src == "" {
		return nil
	}
	prog, d := rules.Compile(src, schema, kind)
	c.d.rule(path, d)
	if prog == nil {
		return nil
	}
	c.form.programs = append(c.form.programs, prog)
	return &rule{Program: prog, path: path}
}
