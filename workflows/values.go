package workflows

import (
	"strings"
	"time"

	"github.com/multipotenzial/multipotenzial/rules"
)

// envValue converts a stored value (decoded JSON: strings, numbers, bools,
// YYYY-MM-DD dates, lists, row objects) into its form in a rules env.
// Missing, empty or ill-typed values are unanswered: a stored answer that no
// longer fits the schema (an older form version) never breaks a rule.
func envValue(t rules.Type, raw any) (any, bool) {
	switch t.Kind {
	case rules.String:
		s, ok := raw.(string)
		return s, ok && strings.TrimSpace(s) != ""
	case rules.Number:
		return number(raw)
	case rules.Bool:
		b, ok := raw.(bool)
		return b, ok
	case rules.Date:
		return dateValue(raw)
	case rules.StringList:
		return stringList(raw)
	case rules.ObjectList:
		list, ok := raw.([]any)
		if !ok || len(list) == 0 {
			return nil, false
		}
		rows := make([]any, 0, len(list))
		for _, r := range list {
			row, _ := envValue(rules.ObjectOf(t.Fields), r)
			rows = append(rows, row)
		}
		return rows, true
	case rules.Object:
		m, _ := raw.(map[string]any)
		obj := make(map[string]any, len(t.Fields))
		for k, ft := range t.Fields {
			v, ok := envValue(ft, m[k])
			if !ok {
				v = ft.Zero()
			}
			obj[k] = v
		}
		return obj, m != nil
	}
	return nil, false
}

func number(raw any) (any, bool) {
	if f, ok := rules.NumberOf(raw); ok {
		return f, true
	}
	return nil, false
}

func dateValue(raw any) (any, bool) {
	switch d := raw.(type) {
	case time.Time:
		return rules.DateOf(d), !d.IsZero()
	case string:
		if t, ok := rules.ParseDate(d); ok {
			return t, true
		}
		if t, err := time.Parse(time.RFC3339, d); err == nil {
			return rules.DateOf(t), true
		}
	}
	return nil, false
}

func stringList(raw any) (any, bool) {
	switch l := raw.(type) {
	case []string:
		out := make([]any, len(l))
		for i, s := range l {
			out[i] = s
		}
		return out, len(out) > 0
	case []any:
		for _, v := range l {
			if _, ok := v.(string); !ok {
				return nil, false
			}
		}
		return l, len(l) > 0
	}
	return nil, false
}

// jsonValue converts a rules value back to its stored form: dates become
// YYYY-MM-DD.
func jsonValue(v any) any {
	if t, ok := v.(time.Time); ok {
		return rules.FormatDate(t)
	}
	return v
}

// answeredValue reports whether a value computed by a set action counts as
// answered: empty texts, the zero date and empty lists do not.
func answeredValue(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case string:
		return strings.TrimSpace(x) != ""
	case time.Time:
		return !x.IsZero()
	case []any:
		return len(x) > 0
	}
	return true
}
