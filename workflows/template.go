package workflows

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/multipotenzial/multipotenzial/forms"
)

// A template is a text with placeholders such as {case.reference}, split
// once at compile time. "{{" and "}}" stand for literal braces.
type template []tpart

type tpart struct{ lit, name string }

// texts is a compiled [forms.Text]: a template per language key.
type texts map[string]template

var placeholderName = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$`)

// parseTemplate splits s into literal parts and placeholder names.
func parseTemplate(s string) (template, error) {
	var out template
	var lit strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], "{{"), strings.HasPrefix(s[i:], "}}"):
			lit.WriteByte(s[i])
			i++
		case s[i] == '}':
			return nil, fmt.Errorf("a single } at position %d: write }} for a brace", i)
		case s[i] == '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				return nil, fmt.Errorf("{ at position %d is not closed", i)
			}
			name := strings.TrimSpace(s[i+1 : i+end])
			if !placeholderName.MatchString(name) {
				return nil, fmt.Errorf("{%s} is not a placeholder name", name)
			}
			out = append(out, tpart{lit: lit.String()}, tpart{name: name})
			lit.Reset()
			i += end
		default:
			lit.WriteByte(s[i])
		}
	}
	if lit.Len() > 0 {
		out = append(out, tpart{lit: lit.String()})
	}
	return out, nil
}

// phScope says which placeholders a text may use.
type phScope struct {
	transition bool        // previous_state, transition
	step       *forms.Form // step.<key>
}

// fixedPlaceholders are available in every text.
var fixedPlaceholders = map[string]bool{
	"case.reference": true, "case.state": true, "case.opened": true, "today": true,
	"participant.first_name": true, "participant.last_name": true, "actor.name": true, "assignee.name": true,
}

func (c *compiler) placeholderKnown(s phScope, name string) bool {
	if fixedPlaceholders[name] {
		return true
	}
	if name == "previous_state" || name == "transition" {
		return s.transition
	}
	if key, ok := strings.CutPrefix(name, NameCase+"."); ok {
		return c.w.caseFields[key] != nil
	}
	if key, ok := strings.CutPrefix(name, NameStep+"."); ok && s.step != nil {
		info, found := s.step.Field(key)
		return found && info.InRules && !info.InRepeat() && info.Type != forms.TypeRepeat
	}
	return false
}

// texts checks a text (see text) and compiles its templates.
func (c *compiler) texts(path string, t forms.Text, langs []string, s phScope) texts {
	c.text(path, t, true, langs)
	out := make(texts, len(t))
	for lang, src := range t {
		p := path
		if lang != "*" {
			p += "." + lang
		}
		tpl, err := parseTemplate(src)
		if err != nil {
			c.d.errorf(p, CodePlaceholder, "%v", err)
			continue
		}
		for _, part := range tpl {
			if part.name != "" && !c.placeholderKnown(s, part.name) {
				c.d.errorf(p, CodePlaceholder, "unknown placeholder {%s} (see docs/workflow-language.md, Texts)", part.name)
			}
		}
		out[lang] = tpl
	}
	return out
}

// pick returns the template for lang: lang, else language-neutral, else
// German (as forms.Text.Get).
func (t texts) pick(lang string) template {
	for _, l := range []string{lang, "*", forms.DefaultLanguage} {
		if tpl, ok := t[l]; ok && len(tpl) > 0 {
			return tpl
		}
	}
	return nil
}

// render fills the template for lang.
func (t texts) render(lang string, r *renderCtx) string {
	var b strings.Builder
	for _, p := range t.pick(lang) {
		if p.name == "" {
			b.WriteString(p.lit)
		} else {
			b.WriteString(r.value(p.name, lang))
		}
	}
	return b.String()
}

// all renders the text in each of langs.
func (t texts) all(r *renderCtx, langs []string) map[string]string {
	out := make(map[string]string, len(langs))
	for _, lang := range langs {
		out[lang] = t.render(lang, r)
	}
	return out
}
