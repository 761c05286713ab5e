package forms

import (
	"regexp"
	"unicode/utf8"
)

var (
	emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$`)
	phonePattern = regexp.MustCompile(`^\+?[0-9][0-9 ()/.-]{4,28}[0-9]$`)
)

// constraints checks an answered, visible value against the field's static
// constraints: lengths, pattern, formats, range, options, item counts.
func (fd *field) constraints(v any) *problem {
	def := fd.def
	switch x := v.(type) {
	case string:
		return fd.textConstraints(x)
	case float64:
		if def.Min != nil && x < *def.Min {
			return failN(CodeMin, *def.Min)
		}
		if def.Max != nil && x > *def.Max {
			return failN(CodeMax, *def.Max)
		}
	case []any:
		return fd.listConstraints(x)
	}
	return nil
}

func (fd *field) textConstraints(s string) *problem {
	def := fd.def
	n := utf8.RuneCountInString(s)
	switch {
	case def.MinLength != nil && n < *def.MinLength:
		return failN(CodeMinLength, float64(*def.MinLength))
	case def.MaxLength != nil && n > *def.MaxLength:
		return failN(CodeMaxLength, float64(*def.MaxLength))
	case def.Type == TypeEmail && !emailPattern.MatchString(s):
		return fail(CodeEmail)
	case def.Type == TypePhone && !phonePattern.MatchString(s):
		return fail(CodePhone)
	case fd.pattern != nil && !fd.pattern.MatchString(s):
		return fail(CodePattern)
	case def.Type == TypeChoice && !fd.options[s]:
		return fail(CodeInvalidOption)
	}
	return nil
}

func (fd *field) listConstraints(list []any) *problem {
	if fd.options != nil {
		seen := make(map[string]bool, len(list))
		for _, v := range list {
			s, _ := v.(string)
			if !fd.options[s] || seen[s] {
				return fail(CodeInvalidOption)
			}
			seen[s] = true
		}
	}
	return fd.countConstraints(len(list))
}

// countConstraints checks min_items/max_items (lists and repeat rows).
func (fd *field) countConstraints(n int) *problem {
	def := fd.def
	if def.MinItems != nil && n < *def.MinItems {
		return failN(CodeMinItems, float64(*def.MinItems))
	}
	if def.MaxItems != nil && n > *def.MaxItems {
		return failN(CodeMaxItems, float64(*def.MaxItems))
	}
	return nil
}
