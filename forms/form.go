package forms

import (
	"regexp"
	"slices"
	"sync"

	"github.com/multipotenzial/multipotenzial/rules"
)

// Form is a compiled definition: every rule compiled, the evaluation order
// fixed. It is immutable and safe for concurrent use.
type Form struct {
	def       *Definition
	languages []string
	sections  []*section
	fields    []*field // top-level fields in definition order
	byKey     map[string]*field
	order     []node // sections and top-level fields in evaluation order
	schema    rules.Schema
	envSchema rules.Schema // schema plus item of every repeat group
	programs  []*rules.Program
	states    sync.Pool // *state, each with its rules env
}

type section struct {
	index   int
	key     string
	def     *Section
	visible *rule
	fields  []*field
}

type field struct {
	def         *Field
	key         string
	path        string // in the definition: sections[1].fields[3]
	index       int    // among the top-level fields, or among the group's sub-fields
	typ         fieldType
	kind        rules.Kind // the value's kind in rules (a calculated field: its result)
	section     *section
	group       *field // the enclosing repeat group, nil at top level
	visible     *rule
	required    *rule
	calc        *rule
	validations []validation
	pattern     *regexp.Regexp
	options     map[string]bool
	sub         []*field // repeat: sub-fields in definition order
	subOrder    []*field // repeat: sub-fields in evaluation order
	subByKey    map[string]*field
	zero        any    // the unanswered value in rules
	itemPath    string // item.<key> for a sub-field's answered flag
}

type validation struct {
	code    string
	valid   *rule
	message Text
}

// rule is a compiled rule and where it stands in the definition.
type rule struct {
	*rules.Program
	path string // sections[1].fields[3].visible_if
}

// node is one step of the evaluation order: a section or a field.
type node struct {
	section *section
	field   *field
}

// Definition returns the definition the form was compiled from. It must not
// be modified.
func (f *Form) Definition() *Definition { return f.def }

// Languages returns the form's languages; German comes first.
func (f *Form) Languages() []string { return slices.Clone(f.languages) }

// Title returns the form's title in lang (fallback German).
func (f *Form) Title(lang string) string { return f.def.Title.Get(f.language(lang)) }

// Schema returns the names and types top-level rules may read: what the
// studio offers as "fields a rule may use".
func (f *Form) Schema() rules.Schema { return f.schema }

// language resolves a requested language to one of the form's languages,
// else German.
func (f *Form) language(lang string) string {
	if slices.Contains(f.languages, lang) {
		return lang
	}
	return DefaultLanguage
}

func (fd *field) inRepeat() bool { return fd.group != nil }

// answerable reports whether the field takes an answer from the participant.
func (fd *field) answerable() bool {
	return fd.def.Type != TypeInfo && fd.def.Type != TypeCalculated
}
