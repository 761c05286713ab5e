package forms

import (
	"encoding/json/v2"
	"sort"
)

// DefaultLanguage is required in every text and is the fallback of all
// others.
const DefaultLanguage = "de"

// neutral is the key of a text written as a plain JSON string: the same text
// in every language (codes such as "A1", names), never reported as missing.
const neutral = "*"

// Text is a text per language code ("de", "en", "ar", …). In JSON it is an
// object {"de": "…", "en": "…"} or a plain string that is used for every
// language.
type Text map[string]string

// Get returns the text in lang, else the language-neutral text, else German.
func (t Text) Get(lang string) string {
	if s := t[lang]; s != "" {
		return s
	}
	if s := t[neutral]; s != "" {
		return s
	}
	return t[DefaultLanguage]
}

// Has reports whether the text exists in lang (or is language-neutral).
func (t Text) Has(lang string) bool { return t[lang] != "" || t[neutral] != "" }

// Languages returns the language codes of the text, sorted.
func (t Text) Languages() []string {
	out := make([]string, 0, len(t))
	for lang := range t {
		if lang != neutral {
			out = append(out, lang)
		}
	}
	sort.Strings(out)
	return out
}

// UnmarshalJSON accepts an object of texts or a plain string.
func (t *Text) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*t = Text{neutral: s}
		return nil
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	*t = m
	return nil
}

// MarshalJSON writes a language-neutral text back as a plain string.
func (t Text) MarshalJSON() ([]byte, error) {
	if s, ok := t[neutral]; ok && len(t) == 1 {
		return json.Marshal(s)
	}
	return json.Marshal(map[string]string(t), json.Deterministic(true))
}
