package forms

import (
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/multipotenzial/multipotenzial/rules"
)

// problem is a field error before it is put into words: a code and, for
// built-in codes, the number the message mentions ({n}).
type problem struct {
	code string
	n    float64
	text Text // the message of an admin-written validation
}

func fail(code string) *problem { return &problem{code: code} }

func failN(code string, n float64) *problem { return &problem{code: code, n: n} }

// decode converts a decoded-JSON answer of a non-repeat field into its value
// in rules. nil, "" (after trimming) and [] mean unanswered. Wrong types and
// answers over the type's hard size cap are problems.
func (fd *field) decode(raw any) (any, bool, *problem) {
	if raw == nil {
		return nil, false, nil
	}
	switch fd.def.Type {
	case TypeText, TypeTextarea, TypeEmail, TypePhone, TypeChoice:
		return fd.decodeText(raw)
	case TypeNumber, TypeInteger:
		return fd.decodeNumber(raw)
	case TypeDate:
		s, ok := raw.(string)
		if !ok {
			return nil, false, fail(CodeType)
		}
		if strings.TrimSpace(s) == "" {
			return nil, false, nil
		}
		d, ok := parseAnswerDate(s)
		if !ok {
			return nil, false, fail(CodeDate)
		}
		return d, true, nil
	case TypeBoolean, TypeConsent:
		b, ok := raw.(bool)
		if !ok {
			return nil, false, fail(CodeType)
		}
		return b, true, nil
	case TypeMultichoice, TypeFile:
		return fd.decodeList(raw)
	}
	return nil, false, fail(CodeType)
}

func (fd *field) decodeText(raw any) (any, bool, *problem) {
	s, ok := raw.(string)
	if !ok {
		return nil, false, fail(CodeType)
	}
	if len(s) > 4*fd.hardCap() || utf8.RuneCountInString(s) > fd.hardCap() {
		return nil, false, failN(CodeMaxLength, float64(fd.hardCap()))
	}
	trimmed := strings.TrimSpace(s)
	switch {
	case trimmed == "":
		return nil, false, nil
	case len(trimmed) == len(s):
		return raw, true, nil // already boxed: no allocation
	}
	return trimmed, true, nil
}

func (fd *field) decodeNumber(raw any) (any, bool, *problem) {
	n, ok := rules.NumberOf(raw)
	if !ok || math.IsInf(n, 0) || math.IsNaN(n) {
		return nil, false, fail(CodeType)
	}
	if fd.def.Type == TypeInteger && (n != math.Trunc(n) || math.Abs(n) > 1<<53) {
		return nil, false, fail(CodeInteger)
	}
	if _, ok := raw.(float64); ok {
		return raw, true, nil // already boxed: no allocation
	}
	return n, true, nil
}

func (fd *field) decodeList(raw any) (any, bool, *problem) {
	list, ok := raw.([]any)
	if !ok {
		return nil, false, fail(CodeType)
	}
	if len(list) > fd.hardCap() {
		return nil, false, failN(CodeMaxItems, float64(fd.hardCap()))
	}
	for _, v := range list {
		if s, ok := v.(string); !ok || s == "" || len(s) > MaxFileName {
			return nil, false, fail(CodeType)
		}
	}
	return list, len(list) > 0, nil // rules never modify it
}

// hardCap is the type's limit on runes or list items.
func (fd *field) hardCap() int { return fd.typ.cap }

// parseAnswerDate accepts YYYY-MM-DD, or an RFC 3339 time (its day in
// Europe/Berlin), between the years 1800 and 2200.
func parseAnswerDate(s string) (time.Time, bool) {
	d, ok := rules.ParseDate(s)
	if !ok {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return time.Time{}, false
		}
		d, ok = rules.DateOf(t), true
	}
	return d, ok && d.Year() >= 1800 && d.Year() <= 2200
}

// jsonValue converts a value from rules back to its JSON form: dates become
// YYYY-MM-DD.
func jsonValue(v any) any {
	if t, ok := v.(time.Time); ok {
		return rules.FormatDate(t)
	}
	return v
}
