package forms

import "github.com/multipotenzial/multipotenzial/rules"

// Field types.
const (
	TypeText        = "text"
	TypeTextarea    = "textarea"
	TypeEmail       = "email"
	TypePhone       = "phone"
	TypeNumber      = "number"
	TypeInteger     = "integer"
	TypeDate        = "date"
	TypeBoolean     = "boolean"
	TypeChoice      = "choice"
	TypeMultichoice = "multichoice"
	TypeFile        = "file"
	TypeConsent     = "consent"
	TypeInfo        = "info"
	TypeCalculated  = "calculated"
	TypeRepeat      = "repeat"
)

// Optional properties; which ones a type allows is in fieldTypes.
const (
	propLength    = 1 << iota // min_length, max_length, pattern
	propRange                 // min, max
	propOptions               // options
	propItems                 // min_items, max_items
	propFile                  // accept, max_size_mb
	propConsent               // consent
	propText                  // text
	propCalculate             // calculate, result
	propFields                // fields
	propAnswer                // required, required_if, default
	propRules                 // validations, sensitivity
)

// fieldType describes a field type: its kind in rules, the properties it
// allows and its hard cap on the answer's size (runes or list items).
type fieldType struct {
	kind  rules.Kind
	props int
	cap   int
}

const answerable = propAnswer | propRules

var fieldTypes = map[string]fieldType{
	TypeText:        {rules.String, answerable | propLength, 500},
	TypeTextarea:    {rules.String, answerable | propLength, 5000},
	TypeEmail:       {rules.String, answerable | propLength, 254},
	TypePhone:       {rules.String, answerable | propLength, 40},
	TypeNumber:      {rules.Number, answerable | propRange, 0},
	TypeInteger:     {rules.Number, answerable | propRange, 0},
	TypeDate:        {rules.Date, answerable, 0},
	TypeBoolean:     {rules.Bool, answerable, 0},
	TypeChoice:      {rules.String, answerable | propOptions, 64},
	TypeMultichoice: {rules.StringList, answerable | propOptions | propItems, 100},
	TypeFile:        {rules.StringList, answerable | propItems | propFile, 20},
	TypeConsent:     {rules.Bool, answerable | propConsent, 0},
	TypeInfo:        {rules.Any, propText, 0},
	TypeCalculated:  {rules.Any, propRules | propCalculate, 0},
	TypeRepeat:      {rules.ObjectList, answerable | propItems | propFields, 50},
}

// resultKinds are the result types of a calculated field.
var resultKinds = map[string]rules.Kind{
	"number":  rules.Number,
	"text":    rules.String,
	"boolean": rules.Bool,
	"date":    rules.Date,
}

// Answer size limits: large answers must not blow up rules or storage.
const (
	MaxAnswersBytes = 256 << 10 // all answers of one submission, roughly as JSON
	MaxFileName     = 255
)
