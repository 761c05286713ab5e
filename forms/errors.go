package forms

import (
	"maps"
	"slices"
)

// Field error codes. They are stable and double as translation keys; the
// message is in the requested language (see i18n/).
const (
	CodeRequired        = "validation_required"
	CodeConsentRequired = "validation_consent_required"
	CodeType            = "validation_type"
	CodeUnknownField    = "validation_unknown_field"
	CodeMinLength       = "validation_min_length"
	CodeMaxLength       = "validation_max_length"
	CodePattern         = "validation_pattern"
	CodeEmail           = "validation_email"
	CodePhone           = "validation_phone"
	CodeMin             = "validation_min"
	CodeMax             = "validation_max"
	CodeInteger         = "validation_integer"
	CodeDate            = "validation_date"
	CodeInvalidOption   = "validation_invalid_option"
	CodeMinItems        = "validation_min_items"
	CodeMaxItems        = "validation_max_items"
	CodeAnswersTooLarge = "validation_too_large"
	CodeRuleFailed      = "validation_rule_failed"
	// File checks happen where the files are (the HTTP adapter); their
	// messages live here with the others.
	CodeFileType     = "validation_file_type"
	CodeFileTooLarge = "validation_file_too_large"
)

// FormPath is the error path of problems that belong to no field.
const FormPath = "_form"

// FieldError is one error of an answer: a stable code and a message in the
// requested language.
type FieldError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// FieldErrors maps field paths (first_name, languages[1].level, _form) to
// their error; a path has at most one error, the first found.
type FieldErrors map[string]FieldError

// Paths returns the paths with errors, sorted.
func (e FieldErrors) Paths() []string { return slices.Sorted(maps.Keys(e)) }

// RuleError is a rule that failed while evaluating (for the log and the
// admin; participants see validation_rule_failed).
type RuleError struct {
	Path string // in the definition, e.g. sections[1].fields[3].visible_if
	Err  error
}
