package forms

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	optionPattern  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)
	codePattern    = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)
	mimePattern    = regexp.MustCompile(`^[a-z]+/([a-z0-9.+-]+|\*)$`)
	maxPatternSize = 500
	maxFileSizeMB  = 50.0
)

// field checks one field definition and returns its compiled shell (rules
// are compiled later, when the schema is known).
func (c *compiler) field(path string, def *Field, group *field) *field {
	fd := &field{def: def, key: def.Key, path: path, group: group}
	c.key(path+".key", def.Key)
	t, ok := fieldTypes[def.Type]
	if !ok {
		c.d.errorf(path+".type", CodeTypeUnknown, "unknown field type %q", def.Type)
		return fd
	}
	fd.typ, fd.kind = t, t.kind
	c.properties(path, def, t.props)
	if def.Type == TypeInfo {
		c.text(path+".text", def.Text, true)
		c.text(path+".label", def.Label, false)
	} else {
		c.text(path+".label", def.Label, true)
	}
	c.text(path+".help", def.Help, false)
	switch def.Sensitivity {
	case "", Normal, Sensitive, Special:
	default:
		c.d.errorf(path+".sensitivity", CodeValueInvalid, "sensitivity must be normal, sensitive or special")
	}
	c.limits(path, def, t)
	c.pattern(fd)
	c.options(fd)
	c.validationDefs(path, def)
	c.typeSpecific(fd, t)
	return fd
}

// properties rejects properties the field's type does not have.
func (c *compiler) properties(path string, def *Field, allowed int) {
	check := func(set bool, prop int, names ...string) {
		if set && allowed&prop == 0 {
			c.d.errorf(path+"."+names[0], CodePropertyNotAllowed, "a %s field has no %s", def.Type, strings.Join(names, "/"))
		}
	}
	check(def.MinLength != nil, propLength, "min_length")
	check(def.MaxLength != nil, propLength, "max_length")
	check(def.Pattern != "", propLength, "pattern")
	check(def.Min != nil, propRange, "min")
	check(def.Max != nil, propRange, "max")
	check(def.Options != nil, propOptions, "options")
	check(def.MinItems != nil, propItems, "min_items")
	check(def.MaxItems != nil, propItems, "max_items")
	check(def.Accept != nil, propFile, "accept")
	check(def.MaxSizeMB != nil, propFile, "max_size_mb")
	check(def.Consent != nil, propConsent, "consent")
	check(def.Text != nil, propText, "text")
	check(def.Calculate != "", propCalculate, "calculate")
	check(def.Result != "", propCalculate, "result")
	check(def.Fields != nil, propFields, "fields")
	check(def.Required, propAnswer, "required")
	check(def.RequiredIf != "", propAnswer, "required_if")
	check(def.Default != nil, propAnswer, "default")
	check(def.Validations != nil, propRules, "validations")
	check(def.Sensitivity != "", propRules, "sensitivity")
}

// limits checks min/max pairs and the hard caps of the type.
func (c *compiler) limits(path string, def *Field, t fieldType) {
	if def.Min != nil && def.Max != nil && *def.Min > *def.Max {
		c.d.errorf(path+".min", CodeRangeInvalid, "min is larger than max")
	}
	c.intRange(path, "min_length", "max_length", def.MinLength, def.MaxLength, t.cap)
	c.intRange(path, "min_items", "max_items", def.MinItems, def.MaxItems, t.cap)
	if def.MaxSizeMB != nil && (*def.MaxSizeMB <= 0 || *def.MaxSizeMB > maxFileSizeMB) {
		c.d.errorf(path+".max_size_mb", CodeRangeInvalid, "max_size_mb must be above 0 and at most %g", maxFileSizeMB)
	}
	for i, m := range def.Accept {
		if !mimePattern.MatchString(m) {
			c.d.errorf(fmt.Sprintf("%s.accept[%d]", path, i), CodeValueInvalid, "%q is not a media type such as application/pdf or image/*", m)
		}
	}
}

func (c *compiler) intRange(path, minName, maxName string, lo, hi *int, limit int) {
	if lo != nil && *lo < 0 {
		c.d.errorf(path+"."+minName, CodeRangeInvalid, "%s cannot be negative", minName)
	}
	if hi != nil && (*hi < 1 || *hi > limit) {
		c.d.errorf(path+"."+maxName, CodeRangeInvalid, "%s must be between 1 and %d", maxName, limit)
	}
	if lo != nil && hi != nil && *lo > *hi {
		c.d.errorf(path+"."+minName, CodeRangeInvalid, "%s is larger than %s", minName, maxName)
	}
}

func (c *compiler) pattern(fd *field) {
	p := fd.def.Pattern
	if p == "" {
		return
	}
	re, err := regexp.Compile(`^(?:` + p + `)$`)
	if err != nil || len(p) > maxPatternSize {
		c.d.errorf(fd.path+".pattern", CodePatternInvalid, "invalid pattern (max %d characters, RE2 syntax)", maxPatternSize)
		return
	}
	fd.pattern = re
}

func (c *compiler) options(fd *field) {
	if fd.typ.props&propOptions == 0 {
		return
	}
	if len(fd.def.Options) == 0 {
		c.d.errorf(fd.path+".options", CodeOptionsEmpty, "a %s field needs at least one option", fd.def.Type)
	}
	fd.options = map[string]bool{}
	for i, o := range fd.def.Options {
		path := fmt.Sprintf("%s.options[%d]", fd.path, i)
		switch {
		case !optionPattern.MatchString(o.Value):
			c.d.errorf(path+".value", CodeValueInvalid, "%q is not an option value: use letters, digits, _ . - (max 64)", o.Value)
		case fd.options[o.Value]:
			c.d.errorf(path+".value", CodeOptionDuplicate, "the option %q is listed twice", o.Value)
		}
		fd.options[o.Value] = true
		c.text(path+".label", o.Label, true)
	}
}

func (c *compiler) validationDefs(path string, def *Field) {
	seen := map[string]bool{}
	for i, v := range def.Validations {
		p := fmt.Sprintf("%s.validations[%d]", path, i)
		switch {
		case !codePattern.MatchString(v.Code) || strings.HasPrefix(v.Code, "validation_"):
			c.d.errorf(p+".code", CodeKeyInvalid, "%q is not a code: use a-z, 0-9 and _; validation_… is reserved", v.Code)
		case seen[v.Code]:
			c.d.errorf(p+".code", CodeKeyDuplicate, "the code %q is used twice in this field", v.Code)
		}
		seen[v.Code] = true
		if v.ValidIf == "" {
			c.d.errorf(p+".valid_if", CodeMissing, "a validation needs valid_if, the rule that must hold")
		}
		c.text(p+".message", v.Message, true)
	}
}

// typeSpecific checks what only one type has: consent, calculate, sub-fields.
func (c *compiler) typeSpecific(fd *field, t fieldType) {
	def := fd.def
	switch def.Type {
	case TypeConsent:
		if def.Consent == nil {
			c.d.errorf(fd.path+".consent", CodeMissing, "a consent field needs consent: purpose, version and text")
			return
		}
		if !codePattern.MatchString(def.Consent.Purpose) {
			c.d.errorf(fd.path+".consent.purpose", CodeKeyInvalid, "the purpose must be a code such as data_processing")
		}
		if strings.TrimSpace(def.Consent.Version) == "" {
			c.d.errorf(fd.path+".consent.version", CodeMissing, "the consent needs a version, e.g. 2026-01")
		}
		c.text(fd.path+".consent.text", def.Consent.Text, true)
	case TypeCalculated:
		if def.Calculate == "" {
			c.d.errorf(fd.path+".calculate", CodeMissing, "a calculated field needs calculate")
		}
		kind, ok := resultKinds[def.Result]
		if def.Result == "" {
			kind, ok = resultKinds["number"], true
		}
		if !ok {
			c.d.errorf(fd.path+".result", CodeValueInvalid, "result must be number, text, boolean or date")
		}
		fd.kind = kind
	case TypeRepeat:
		c.subFields(fd)
	}
}

func (c *compiler) subFields(fd *field) {
	if fd.group != nil {
		c.d.errorf(fd.path+".type", CodeNestedRepeat, "a repeat group cannot contain another repeat group")
		return
	}
	if len(fd.def.Fields) == 0 {
		c.d.errorf(fd.path+".fields", CodeMissing, "a repeat group needs at least one sub-field")
	}
	fd.subByKey = map[string]*field{}
	for i := range fd.def.Fields {
		sub := c.field(fmt.Sprintf("%s.fields[%d]", fd.path, i), &fd.def.Fields[i], fd)
		sub.index = i
		if _, dup := fd.subByKey[sub.key]; dup {
			c.d.errorf(sub.path+".key", CodeKeyDuplicate, "the key %q is used twice in this group", sub.key)
		}
		fd.sub = append(fd.sub, sub)
		fd.subByKey[sub.key] = sub
	}
}
