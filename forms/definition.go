package forms

// Definition is a form as a Träger admin writes it (JSON, see
// docs/form-language.md). It is plain data; [Compile] checks it.
type Definition struct {
	Schema      string     `json:"$schema,omitempty"`
	Title       Text       `json:"title"`
	Description Text       `json:"description,omitempty"`
	Languages   []string   `json:"languages"`
	Sections    []Section  `json:"sections"`
	Tests       []TestCase `json:"tests,omitempty"`
}

// Section groups fields under a title; it can be hidden as a whole.
type Section struct {
	Key         string  `json:"key"`
	Title       Text    `json:"title"`
	Description Text    `json:"description,omitempty"`
	VisibleIf   string  `json:"visible_if,omitempty"`
	Fields      []Field `json:"fields"`
}

// Field is one question (or an info text, a calculated value or a repeat
// group of sub-fields). Which properties a field may have depends on its
// type; Compile rejects the others.
type Field struct {
	Key         string       `json:"key"`
	Type        string       `json:"type"`
	Label       Text         `json:"label"`
	Help        Text         `json:"help,omitempty"`
	Sensitivity string       `json:"sensitivity,omitempty"`
	Required    bool         `json:"required,omitzero"`
	RequiredIf  string       `json:"required_if,omitempty"`
	VisibleIf   string       `json:"visible_if,omitempty"`
	Validations []Validation `json:"validations,omitempty"`
	Calculate   string       `json:"calculate,omitempty"`
	Result      string       `json:"result,omitempty"`
	Min         *float64     `json:"min,omitempty"`
	Max         *float64     `json:"max,omitempty"`
	MinLength   *int         `json:"min_length,omitempty"`
	MaxLength   *int         `json:"max_length,omitempty"`
	Pattern     string       `json:"pattern,omitempty"`
	MinItems    *int         `json:"min_items,omitempty"`
	MaxItems    *int         `json:"max_items,omitempty"`
	Options     []Option     `json:"options,omitempty"`
	Default     any          `json:"default,omitempty"`
	Accept      []string     `json:"accept,omitempty"`
	MaxSizeMB   *float64     `json:"max_size_mb,omitempty"`
	Consent     *Consent     `json:"consent,omitempty"`
	Text        Text         `json:"text,omitempty"`
	Fields      []Field      `json:"fields,omitempty"`
}

// Option is one choice of a choice or multichoice field.
type Option struct {
	Value string `json:"value"`
	Label Text   `json:"label"`
}

// Validation is an admin-written check: when the field is answered and
// ValidIf gives false, the field gets the error Code with Message.
type Validation struct {
	Code    string `json:"code"`
	ValidIf string `json:"valid_if"`
	Message Text   `json:"message"`
}

// Consent describes what a consent field agrees to, so that a consent
// record (purpose, version, text, language, time) can be stored.
type Consent struct {
	Purpose string `json:"purpose"`
	Version string `json:"version"`
	Text    Text   `json:"text"`
}

// Sensitivity classes of a field's answer.
const (
	Normal    = "normal"
	Sensitive = "sensitive"
	Special   = "special" // GDPR Art. 9: health, religion, …
)
