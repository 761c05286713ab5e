package workflows

import (
	"fmt"
	"regexp"
	"slices"

	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/rules"
)

var (
	keyPattern      = regexp.MustCompile(`^[a-z][a-z0-9_]{0,49}$`)
	languagePattern = regexp.MustCompile(`^[a-z]{2,3}$`)
)

// compiler holds the state of one Compile.
type compiler struct {
	d     diags
	def   *Definition
	w     *Workflow
	staff []string // the workflow's languages staff work in (de, en)
}

// Compile checks a definition against the intake form's rule schema (pass
// the compiled intake form's [forms.Form.Schema]) and compiles every guard,
// step form, action and text. It returns the workflow and its warnings, or
// nil and the diagnostics when there is any error. These are the checks
// publishing runs.
func Compile(def *Definition, intake rules.Schema) (*Workflow, Diagnostics) {
	w := &Workflow{def: def, intake: rules.Schema{}, caseFields: map[string]*caseField{},
		stateByKey: map[string]*state{}, transByKey: map[string]*transition{}, schedules: map[string]*schedule{}}
	c := &compiler{def: def, w: w}
	c.languages()
	c.text("title", def.Title, true, c.staff)
	c.text("description", def.Description, false, c.staff)
	c.intake(intake)
	c.caseFields()
	w.schema = guardSchema(w.intake, c.caseFieldSchema())
	c.states()
	c.transitions()
	c.actions()
	c.resolveSchedules()
	c.graph()
	if c.d.list.HasErrors() {
		return nil, c.d.list
	}
	w.envs = newEnvPool(w.schema)
	return w, c.d.list
}

// Load parses and compiles a definition; the error is [Diagnostics] (only
// the errors; warnings do not stop a load).
func Load(raw []byte, intake rules.Schema) (*Workflow, error) {
	def, err := Parse(raw)
	if err != nil {
		return nil, err
	}
	w, d := Compile(def, intake)
	if w == nil {
		return nil, d.Errors()
	}
	return w, nil
}

func (c *compiler) languages() {
	langs := c.def.Languages
	if !slices.Contains(langs, forms.DefaultLanguage) {
		c.d.errorf("languages", forms.CodeLanguageInvalid, "the languages must include %q", forms.DefaultLanguage)
	}
	c.w.languages = []string{forms.DefaultLanguage}
	for i, l := range langs {
		path := fmt.Sprintf("languages[%d]", i)
		switch {
		case !languagePattern.MatchString(l):
			c.d.errorf(path, forms.CodeLanguageInvalid, "%q is not a language code such as de, en, ar", l)
		case slices.Contains(langs[:i], l):
			c.d.errorf(path, forms.CodeLanguageInvalid, "the language %q is listed twice", l)
		case l != forms.DefaultLanguage:
			c.w.languages = append(c.w.languages, l)
		}
	}
	c.staff = []string{forms.DefaultLanguage}
	if slices.Contains(c.w.languages, "en") {
		c.staff = append(c.staff, "en")
	}
	c.w.staff = c.staff
}

// text checks a text: German (or language-neutral) when required, valid
// language codes, and a warning per language of langs it lacks. Texts
// participants see (state labels, their notifications) are checked against
// every language of the workflow, staff texts against German and English.
func (c *compiler) text(path string, t forms.Text, required bool, langs []string) {
	if len(t) == 0 {
		if required {
			c.d.errorf(path, forms.CodeTextMissing, "a German text (%q) is required", forms.DefaultLanguage)
		}
		return
	}
	if !t.Has(forms.DefaultLanguage) {
		c.d.errorf(path, forms.CodeTextMissing, "a German text (%q) is required", forms.DefaultLanguage)
	}
	for _, lang := range t.Languages() {
		if !languagePattern.MatchString(lang) {
			c.d.errorf(path+"."+lang, forms.CodeLanguageInvalid, "%q is not a language code", lang)
		}
	}
	for _, lang := range langs[1:] {
		if !t.Has(lang) {
			c.d.warnf(path, forms.CodeTranslation, "no %s text; German is shown instead", lang)
		}
	}
}

// key checks an identifier; it reports whether the key is well-formed.
func (c *compiler) key(path, key string) bool {
	switch {
	case key == "":
		c.d.errorf(path, forms.CodeMissing, "a key is required")
	case !keyPattern.MatchString(key):
		c.d.errorf(path, forms.CodeKeyInvalid, "%q is not a key: use a-z, 0-9 and _, starting with a letter (max 50)", key)
	default:
		return true
	}
	return false
}

// intake takes the intake schema; its names must not hide the workflow's.
func (c *compiler) intake(schema rules.Schema) {
	for _, name := range schema.Names() {
		switch name {
		case NameCase, NameParticipant, NameRole, NameStep:
			c.d.errorf("", CodeIntakeReserved,
				"the intake form has a field %q, a name the workflow reserves; rename the field", name)
		default:
			c.w.intake[name] = schema[name]
		}
	}
}

// caseFieldKinds are the types of case fields.
var caseFieldKinds = map[string]rules.Kind{
	"text": rules.String, "number": rules.Number, "boolean": rules.Bool, "date": rules.Date, "choice": rules.String,
}

func (c *compiler) caseFields() {
	for i := range c.def.CaseFields {
		f := &c.def.CaseFields[i]
		path := fmt.Sprintf("case_fields[%d]", i)
		ok := c.key(path+".key", f.Key)
		switch {
		case ok && (builtinCaseField(f.Key) || rules.IsReserved(f.Key)):
			c.d.errorf(path+".key", forms.CodeKeyReserved, "%q is reserved (a property of case or a function)", f.Key)
			ok = false
		case ok && c.w.caseFields[f.Key] != nil:
			c.d.errorf(path+".key", forms.CodeKeyDuplicate, "the case field %q is declared twice", f.Key)
			ok = false
		}
		c.text(path+".label", f.Label, true, c.staff)
		kind, known := caseFieldKinds[f.Type]
		if !known {
			c.d.errorf(path+".type", CodeFieldType, "unknown case field type %q (text, number, boolean, date, choice)", f.Type)
		}
		cf := &caseField{key: f.Key, typ: rules.Scalar(kind), def: f}
		c.caseFieldOptions(path, f, cf)
		if ok && known {
			c.w.caseFields[f.Key] = cf
		}
	}
}

func (c *compiler) caseFieldOptions(path string, f *CaseField, cf *caseField) {
	if f.Type != "choice" {
		if f.Options != nil {
			c.d.errorf(path+".options", forms.CodePropertyNotAllowed, "only a choice field has options")
		}
		return
	}
	if len(f.Options) == 0 {
		c.d.errorf(path+".options", forms.CodeOptionsEmpty, "a choice field needs at least one option")
	}
	cf.options = map[string]forms.Text{}
	for j, o := range f.Options {
		op := fmt.Sprintf("%s.options[%d]", path, j)
		if _, dup := cf.options[o.Value]; dup || o.Value == "" {
			c.d.errorf(op+".value", forms.CodeOptionDuplicate, "the option %q is empty or listed twice", o.Value)
		}
		cf.options[o.Value] = o.Label
		c.text(op+".label", o.Label, true, c.staff)
	}
}

func (c *compiler) caseFieldSchema() rules.Schema {
	s := rules.Schema{}
	for k, f := range c.w.caseFields {
		s[k] = f.typ
	}
	return s
}
