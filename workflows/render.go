package workflows

import (
	"strconv"
	"strings"
	"time"

	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/rules"
)

// renderCtx holds what placeholders read while actions run.
type renderCtx struct {
	w       *Workflow
	c       *CaseContext
	caseObj map[string]any // case as rules see it, after set actions
	state   string         // the state the case is in (after the move)
	from    string
	trans   *transition
	step    map[string]any // the clean step answers
}

// value renders one placeholder in lang; unknown or empty values give "".
func (r *renderCtx) value(name, lang string) string {
	switch name {
	case "case.reference":
		return r.c.Reference
	case "case.state":
		return r.w.stateLabel(r.state, lang)
	case "case.opened":
		return formatValue(zeroDate(r.c.Opened), lang)
	case "today":
		return formatValue(rules.DateOf(r.c.Now), lang)
	case "participant.first_name":
		return r.c.Participant.FirstName
	case "participant.last_name":
		return r.c.Participant.LastName
	case "actor.name":
		return r.c.Actor.Name
	case "assignee.name":
		return r.c.AssigneeName
	case "previous_state":
		return r.w.stateLabel(r.from, lang)
	case "transition":
		if r.trans != nil {
			return r.trans.def.Label.Get(lang)
		}
		return ""
	}
	if key, ok := strings.CutPrefix(name, NameCase+"."); ok {
		f := r.w.caseFields[key]
		if f == nil || r.caseObj == nil {
			return ""
		}
		return optionLabel(f.def.Options, r.caseObj[key], lang)
	}
	if key, ok := strings.CutPrefix(name, NameStep+"."); ok && r.trans != nil && r.trans.step != nil {
		info, _ := r.trans.step.Field(key)
		v := r.step[key]
		if info.Type == forms.TypeDate {
			v, _ = dateValue(v)
		}
		return optionLabel(info.Options, v, lang)
	}
	return ""
}

// optionLabel renders v, or the label of the option it selects.
func optionLabel(options []forms.Option, v any, lang string) string {
	if len(options) > 0 {
		label := func(s any) any {
			for _, o := range options {
				if o.Value == s {
					return o.Label.Get(lang)
				}
			}
			return s
		}
		if list, ok := v.([]any); ok {
			out := make([]any, len(list))
			for i, x := range list {
				out[i] = label(x)
			}
			v = out
		} else {
			v = label(v)
		}
	}
	return formatValue(v, lang)
}

// formatValue writes a value for people: German dates as 02.01.2006,
// others as 2006-01-02; yes/no in German or English.
func formatValue(v any, lang string) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		yes, no := "yes", "no"
		if lang == forms.DefaultLanguage {
			yes, no = "ja", "nein"
		}
		if x {
			return yes
		}
		return no
	case time.Time:
		if x.IsZero() {
			return ""
		}
		if lang == forms.DefaultLanguage {
			return x.In(berlin).Format("02.01.2006")
		}
		return x.In(berlin).Format("2006-01-02")
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = formatValue(e, lang)
		}
		return strings.Join(parts, ", ")
	}
	return ""
}
