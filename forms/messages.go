package forms

import (
	"embed"
	"encoding/json/v2"
	"path"
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
		out[strings.TrimSuffix(f.Name(), path.Ext(f.Name()))] = m
	}
	return out
}

// MessageLanguages returns the languages that have built-in messages.
func MessageLanguages() []string {
	out := make([]string, 0, len(messages))
	for lang := range messages {
		out = append(out, lang)
	}
	return out
}

// message puts a problem into words in lang: admin texts fall back to
// German, built-in texts to German when lang has no table.
func (p *problem) message(lang string) string {
	if p.text != nil {
		return p.text.Get(lang)
	}
	table, ok := messages[lang]
	if !ok {
		table = messages[DefaultLanguage]
	}
	text := table[p.code]
	if text == "" {
		text = messages[DefaultLanguage][p.code]
	}
	return strings.ReplaceAll(text, "{n}", strconv.FormatFloat(p.n, 'f', -1, 64))
}

func (p *problem) fieldError(lang string) FieldError {
	return FieldError{Code: p.code, Message: p.message(lang)}
}
