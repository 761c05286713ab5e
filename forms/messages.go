package forms

import (
	"embed"
	"encoding/json/v2"
	"maps"
	"slices"
	"strconv"
	"strings"
)

//go:embed i18n/*.json
var messageFiles embed.FS

// messages holds the built-in error messages: language -> code -> text.
// "{n}" in a text is replaced by the limit the error is about.
var messages = loadMessages()

func loadMessages() map[string]map[string]string {
	out := map[string]map[string]string{}
	files, err := messageFiles.ReadDir("i18n")
	if err != nil {
		panic(err)
	}
	for _, f := range files {
		raw, err := messageFiles.ReadFile("i18n/" + f.Name())
		if err != nil {
			panic(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(raw, &m); err != nil {
			panic("forms: " + f.Name() + ": " + err.Error())
		}
		out[strings.TrimSuffix(f.Name(), ".json")] = m
	}
	return out
}

// BuiltinMessage returns the built-in message of a code in lang (German
// when lang has none), with {n} still in it.
func BuiltinMessage(lang, code string) string {
	if table, ok := messages[lang]; ok && table[code] != "" {
		return table[code]
	}
	return messages[DefaultLanguage][code]
}

// BuiltinMessages returns the built-in messages of lang: code -> text.
func BuiltinMessages(lang string) map[string]string { return maps.Clone(messages[lang]) }

// MessageLanguages returns the languages that have built-in messages.
func MessageLanguages() []string {
	return slices.Sorted(maps.Keys(messages))
}

// message puts a problem into words in lang: admin texts fall back to
// German, built-in texts to German when lang has no table.
func (p *problem) message(lang string) string {
	if p.text != nil {
		return p.text.Get(lang)
	}
	return strings.ReplaceAll(BuiltinMessage(lang, p.code), "{n}", strconv.FormatFloat(p.n, 'f', -1, 64))
}

func (p *problem) fieldError(lang string) FieldError {
	return FieldError{Code: p.code, Message: p.message(lang)}
}
