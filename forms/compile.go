package forms

import (
	"fmt"
	"regexp"
	"slices"

	"github.com/multipotenzial/multipotenzial/rules"
)

var (
	keyPattern      = regexp.MustCompile(`^[a-z][a-z0-9_]{0,49}$`)
	languagePattern = regexp.MustCompile(`^[a-z]{2,3}$`)
)

// itemName is the current row of a repeat group in its sub-fields' rules.
const itemName = "item"

// compiler holds the state of one Compile.
type compiler struct {
	d    diags
	def  *Definition
	form *Form
}

// Compile checks a definition and compiles all its rules. It returns the
// form and its warnings, or nil and the diagnostics when there is any error.
func Compile(def *Definition) (*Form, Diagnostics) {
	c := &compiler{def: def, form: &Form{def: def, byKey: map[string]*field{}}}
	c.languages()
	c.text("title", def.Title, true)
	c.text("description", def.Description, false)
	if len(def.Sections) == 0 {
		c.d.errorf("sections", CodeMissing, "a form needs at least one section")
	}
	c.structure()
	c.buildSchema()
	c.compileRules()
	c.orderAll()
	c.checkDefaults()
	c.checkSpecialConsent()
	if c.d.list.HasErrors() {
		return nil, c.d.list
	}
	return c.form, c.d.list
}

func (c *compiler) languages() {
	langs := c.def.Languages
	if !slices.Contains(langs, DefaultLanguage) {
		c.d.errorf("languages", CodeLanguageInvalid, "the languages must include %q", DefaultLanguage)
	}
	c.form.languages = []string{DefaultLanguage}
	for i, l := range langs {
		path := fmt.Sprintf("languages[%d]", i)
		switch {
		case !languagePattern.MatchString(l):
			c.d.errorf(path, CodeLanguageInvalid, "%q is not a language code such as de, en, ar", l)
		case slices.Contains(langs[:i], l):
			c.d.errorf(path, CodeLanguageInvalid, "the language %q is listed twice", l)
		case l != DefaultLanguage:
			c.form.languages = append(c.form.languages, l)
		}
	}
}

// text checks a text: German (or language-neutral) when required, valid
// language codes, and a warning per declared language it lacks.
func (c *compiler) text(path string, t Text, required bool) {
	if len(t) == 0 {
		if required {
			c.d.errorf(path, CodeTextMissing, "a German text (%q) is required", DefaultLanguage)
		}
		return
	}
	if !t.Has(DefaultLanguage) {
		c.d.errorf(path, CodeTextMissing, "a German text (%q) is required", DefaultLanguage)
	}
	for _, lang := range t.Languages() {
		if !languagePattern.MatchString(lang) {
			c.d.errorf(path+"."+lang, CodeLanguageInvalid, "%q is not a language code", lang)
		}
	}
	for _, lang := range c.form.languages[1:] {
		if !t.Has(lang) {
			c.d.warnf(path, CodeTranslation, "no %s text; German is shown instead", lang)
		}
	}
}

// structure checks sections and fields and builds their compiled shells.
func (c *compiler) structure() {
	sectionKeys := map[string]bool{}
	for i := range c.def.Sections {
		s := &c.def.Sections[i]
		path := fmt.Sprintf("sections[%d]", i)
		sec := &section{index: i, key: s.Key, def: s}
		c.form.sections = append(c.form.sections, sec)
		if c.key(path+".key", s.Key) && sectionKeys[s.Key] {
			c.d.errorf(path+".key", CodeKeyDuplicate, "the section key %q is used twice", s.Key)
		}
		sectionKeys[s.Key] = true
		c.text(path+".title", s.Title, true)
		c.text(path+".description", s.Description, false)
		if len(s.Fields) == 0 {
			c.d.errorf(path+".fields", CodeMissing, "a section needs at least one field")
		}
		for j := range s.Fields {
			fd := c.field(fmt.Sprintf("%s.fields[%d]", path, j), &s.Fields[j], nil)
			fd.section, fd.index = sec, len(c.form.fields)
			sec.fields = append(sec.fields, fd)
			c.form.fields = append(c.form.fields, fd)
			if _, dup := c.form.byKey[fd.key]; dup {
				c.d.errorf(fd.path+".key", CodeKeyDuplicate, "the field key %q is used twice", fd.key)
				continue
			}
			c.form.byKey[fd.key] = fd
		}
	}
}

// key checks an identifier; it reports whether the key is well-formed.
func (c *compiler) key(path, key string) bool {
	switch {
	case key == "":
		c.d.errorf(path, CodeMissing, "a key is required")
	case !keyPattern.MatchString(key):
		c.d.errorf(path, CodeKeyInvalid, "%q is not a key: use a-z, 0-9 and _, starting with a letter (max 50)", key)
	case reservedKey(key):
		c.d.errorf(path, CodeKeyReserved, "%q is reserved (a function or keyword of the rule language)", key)
	default:
		return true
	}
	return false
}

// reservedKey reports whether a key would shadow a name of the rule
// language; such fields are left out of the rule schema.
func reservedKey(key string) bool { return rules.IsReserved(key) || key == itemName }
