// Package forms is the form language of MultiPotenzial: definition types,
// [Parse] and [Compile] into a [Form] (or diagnostics), and per request
// [Form.Localize], [Form.Evaluate] and [Form.Validate]. It imports no
// PocketBase package; rules are compiled by package rules.
//
// A Form is immutable after Compile and safe for concurrent use. Compile a
// definition once per published version and keep the Form (see [Cache]).
//
// The language is documented for admins and developers in
// docs/form-language.md; the JSON Schema for editors is
// docs/form-definition.schema.json.
package forms
