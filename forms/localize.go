package forms

import (
	"slices"
	"time"
)

// Localized is the published form in one language, in the wire format of
// GET /api/mp/public/offers/{tenant}/{offer} (docs/API.md) without the
// tenant, offer and version, which the caller adds (embedding *Localized in
// its response struct flattens these fields into it).
type Localized struct {
	Language  string        `json:"language"`
	Dir       string        `json:"dir"`
	Languages []string      `json:"languages"`
	Form      LocalizedForm `json:"form"`
	Initial   *Evaluation   `json:"initial"`
}

// LocalizedForm holds the localized sections.
type LocalizedForm struct {
	Sections []LocalizedSection `json:"sections"`
}

// LocalizedSection is a section with its texts resolved.
type LocalizedSection struct {
	Key         string           `json:"key"`
	Title       string           `json:"title"`
	Description string           `json:"description,omitempty"`
	VisibleIf   *RuleRef         `json:"visible_if,omitempty"`
	Fields      []LocalizedField `json:"fields"`
}

// RuleRef stands in for a rule on the wire: the sources stay on the server,
// the client learns which fields to watch.
type RuleRef struct {
	Deps []string `json:"deps"`
}

// ValidationRef stands in for an admin validation on the wire.
type ValidationRef struct {
	Code string   `json:"code"`
	Deps []string `json:"deps"`
}

// LocalizedOption is an option with its label resolved.
type LocalizedOption struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// LocalizedConsent is the consent block with its text resolved.
type LocalizedConsent struct {
	Purpose string `json:"purpose"`
	Version string `json:"version"`
	Text    string `json:"text"`
}

// LocalizedField is a field with its texts resolved; absent keys mean
// "not set".
type LocalizedField struct {
	Key         string            `json:"key"`
	Type        string            `json:"type"`
	Label       string            `json:"label"`
	Help        string            `json:"help,omitempty"`
	Required    bool              `json:"required,omitzero"`
	RequiredIf  *RuleRef          `json:"required_if,omitempty"`
	VisibleIf   *RuleRef          `json:"visible_if,omitempty"`
	Min         *float64          `json:"min,omitempty"`
	Max         *float64          `json:"max,omitempty"`
	MinLength   *int              `json:"min_length,omitempty"`
	MaxLength   *int              `json:"max_length,omitempty"`
	Pattern     string            `json:"pattern,omitempty"`
	MinItems    *int              `json:"min_items,omitempty"`
	MaxItems    *int              `json:"max_items,omitempty"`
	Options     []LocalizedOption `json:"options,omitempty"`
	Default     any               `json:"default,omitempty"`
	Calculate   *RuleRef          `json:"calculate,omitempty"`
	Result      string            `json:"result,omitempty"`
	Validations []ValidationRef   `json:"validations,omitempty"`
	Accept      []string          `json:"accept,omitempty"`
	MaxSizeMB   *float64          `json:"max_size_mb,omitempty"`
	Consent     *LocalizedConsent `json:"consent,omitempty"`
	Text        string            `json:"text,omitempty"`
	Fields      []LocalizedField  `json:"fields,omitempty"`
}

// rtlLanguages are written right to left.
var rtlLanguages = []string{"ar", "fa", "prs", "ps", "ckb"}

// Localize returns the form in lang (one of its languages, else German),
// with the initial evaluation of the defaults at the current time.
func (f *Form) Localize(lang string) *Localized { return f.LocalizeAt(lang, time.Now()) }

// LocalizeAt is Localize with the time the initial evaluation sees.
func (f *Form) LocalizeAt(lang string, now time.Time) *Localized {
	lang = f.language(lang)
	out := &Localized{Language: lang, Dir: "ltr", Languages: f.Languages()}
	if slices.Contains(rtlLanguages, lang) {
		out.Dir = "rtl"
	}
	out.Form.Sections = make([]LocalizedSection, len(f.sections))
	for i, s := range f.sections {
		ls := LocalizedSection{Key: s.key, Title: s.def.Title.Get(lang), Description: s.def.Description.Get(lang),
			VisibleIf: ruleRef(s.visible, nil), Fields: make([]LocalizedField, len(s.fields))}
		for j, fd := range s.fields {
			ls.Fields[j] = fd.localize(lang)
		}
		out.Form.Sections[i] = ls
	}
	out.Initial = f.Evaluate(f.Defaults(), Options{Language: lang, Now: now})
	return out
}

// Defaults returns the answers the form starts with: every field's default.
func (f *Form) Defaults() map[string]any {
	out := map[string]any{}
	for _, fd := range f.fields {
		if fd.def.Default != nil {
			out[fd.key] = fd.def.Default
		}
	}
	return out
}

func (fd *field) localize(lang string) LocalizedField {
	def := fd.def
	lf := LocalizedField{
		Key: def.Key, Type: def.Type, Label: def.Label.Get(lang), Help: def.Help.Get(lang),
		Required: def.Required, RequiredIf: ruleRef(fd.required, fd.group), VisibleIf: ruleRef(fd.visible, fd.group),
		Min: def.Min, Max: def.Max, MinLength: def.MinLength, MaxLength: def.MaxLength, Pattern: def.Pattern,
		MinItems: def.MinItems, MaxItems: def.MaxItems, Default: def.Default, Calculate: ruleRef(fd.calc, fd.group),
		Accept: def.Accept, MaxSizeMB: def.MaxSizeMB, Text: def.Text.Get(lang),
	}
	if fd.calc != nil {
		lf.Result = def.Result
		if lf.Result == "" {
			lf.Result = "number"
		}
	}
	for _, o := range def.Options {
		lf.Options = append(lf.Options, LocalizedOption{Value: o.Value, Label: o.Label.Get(lang)})
	}
	for _, v := range fd.validations {
		lf.Validations = append(lf.Validations, ValidationRef{Code: v.code, Deps: ruleRef(v.valid, fd.group).Deps})
	}
	if c := def.Consent; c != nil {
		lf.Consent = &LocalizedConsent{Purpose: c.Purpose, Version: c.Version, Text: c.Text.Get(lang)}
	}
	for _, sub := range fd.sub {
		lf.Fields = append(lf.Fields, sub.localize(lang))
	}
	return lf
}

// ruleRef lists the top-level fields a rule reads; in a repeat group, item
// stands for the group itself.
func ruleRef(r *rule, group *field) *RuleRef {
	if r == nil {
		return nil
	}
	deps := []string{}
	for _, d := range r.Deps() {
		if d == itemName && group != nil {
			d = group.key
		}
		if !slices.Contains(deps, d) {
			deps = append(deps, d)
		}
	}
	slices.Sort(deps)
	return &RuleRef{Deps: deps}
}
