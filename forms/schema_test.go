package forms_test

import (
	"encoding/json/v2"
	"fmt"
	"math"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
)

// A small JSON Schema (2020-12) validator for the keywords that
// docs/form-definition.schema.json uses, so the schema can be tested
// without a dependency. A keyword it does not know fails the test: the
// schema cannot silently use more than is checked here.

var schemaKeywords = []string{
	"$schema", "$id", "$defs", "$ref", "title", "description", "type", "properties", "additionalProperties",
	"required", "items", "minItems", "uniqueItems", "contains", "const", "enum", "pattern", "minLength", "maxLength",
	"propertyNames", "oneOf", "anyOf", "allOf", "not", "if", "then", "else", "minimum", "maximum", "exclusiveMinimum",
}

type schemaValidator struct {
	root map[string]any
}

func loadSchema(path string) (*schemaValidator, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var root map[string]any
	if err := json.Unmarshal(raw, &root); err != nil {
		return nil, err
	}
	return &schemaValidator{root: root}, nil
}

// validate returns the violations of inst against schema s, at path at.
func (v *schemaValidator) validate(s any, inst any, at string) []string {
	if b, ok := s.(bool); ok {
		if !b {
			return []string{at + ": not allowed"}
		}
		return nil
	}
	sch, ok := s.(map[string]any)
	if !ok {
		return []string{at + ": bad schema"}
	}
	var errs []string
	fail := func(format string, args ...any) { errs = append(errs, at+": "+fmt.Sprintf(format, args...)) }
	for key := range sch {
		if !slices.Contains(schemaKeywords, key) {
			fail("unsupported keyword %s", key)
		}
	}
	if ref, ok := sch["$ref"].(string); ok {
		errs = append(errs, v.validate(v.resolve(ref), inst, at)...)
	}
	if t, ok := sch["type"].(string); ok && !hasType(inst, t) {
		fail("not of type %s", t)
		return errs
	}
	if c, ok := sch["const"]; ok && !reflect.DeepEqual(c, inst) {
		fail("not %v", c)
	}
	if e, ok := sch["enum"].([]any); ok && !slices.ContainsFunc(e, func(x any) bool { return reflect.DeepEqual(x, inst) }) {
		fail("%v not in %v", inst, e)
	}
	errs = append(errs, v.combinators(sch, inst, at)...)
	switch x := inst.(type) {
	case string:
		errs = append(errs, stringChecks(sch, x, at)...)
	case float64:
		if m, ok := sch["minimum"].(float64); ok && x < m {
			fail("below %v", m)
		}
		if m, ok := sch["maximum"].(float64); ok && x > m {
			fail("above %v", m)
		}
		if m, ok := sch["exclusiveMinimum"].(float64); ok && x <= m {
			fail("not above %v", m)
		}
	case []any:
		errs = append(errs, v.arrayChecks(sch, x, at)...)
	case map[string]any:
		errs = append(errs, v.objectChecks(sch, x, at)...)
	}
	return errs
}

func (v *schemaValidator) resolve(ref string) any {
	var node any = v.root
	for _, tok := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		node = node.(map[string]any)[tok]
	}
	return node
}

func hasType(inst any, t string) bool {
	switch x := inst.(type) {
	case string:
		return t == "string"
	case float64:
		return t == "number" || (t == "integer" && x == math.Trunc(x))
	case bool:
		return t == "boolean"
	case []any:
		return t == "array"
	case map[string]any:
		return t == "object"
	case nil:
		return t == "null"
	}
	return false
}

func (v *schemaValidator) combinators(sch map[string]any, inst any, at string) []string {
	var errs []string
	ok := func(s any) bool { return len(v.validate(s, inst, at)) == 0 }
	if all, has := sch["allOf"].([]any); has {
		for _, s := range all {
			errs = append(errs, v.validate(s, inst, at)...)
		}
	}
	if anyOf, has := sch["anyOf"].([]any); has && !slices.ContainsFunc(anyOf, ok) {
		errs = append(errs, at+": matches none of anyOf")
	}
	if oneOf, has := sch["oneOf"].([]any); has {
		n := 0
		for _, s := range oneOf {
			if ok(s) {
				n++
			}
		}
		if n != 1 {
			errs = append(errs, fmt.Sprintf("%s: matches %d of oneOf", at, n))
		}
	}
	if not, has := sch["not"]; has && ok(not) {
		errs = append(errs, at+": matches not")
	}
	if cond, has := sch["if"]; has {
		branch := "else"
		if ok(cond) {
			branch = "then"
		}
		if s, has := sch[branch]; has {
			errs = append(errs, v.validate(s, inst, at)...)
		}
	}
	return errs
}

func stringChecks(sch map[string]any, s, at string) []string {
	var errs []string
	n := float64(len([]rune(s)))
	if m, ok := sch["minLength"].(float64); ok && n < m {
		errs = append(errs, at+": too short")
	}
	if m, ok := sch["maxLength"].(float64); ok && n > m {
		errs = append(errs, at+": too long")
	}
	if p, ok := sch["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(s) {
		errs = append(errs, fmt.Sprintf("%s: %q does not match %s", at, s, p))
	}
	return errs
}

func (v *schemaValidator) arrayChecks(sch map[string]any, list []any, at string) []string {
	var errs []string
	if m, ok := sch["minItems"].(float64); ok && float64(len(list)) < m {
		errs = append(errs, at+": too few items")
	}
	if u, _ := sch["uniqueItems"].(bool); u {
		for i := range list {
			for j := range i {
				if reflect.DeepEqual(list[i], list[j]) {
					errs = append(errs, at+": items not unique")
				}
			}
		}
	}
	if c, ok := sch["contains"]; ok && !slices.ContainsFunc(list, func(x any) bool { return len(v.validate(c, x, at)) == 0 }) {
		errs = append(errs, at+": contains nothing that matches")
	}
	if items, ok := sch["items"]; ok {
		for i, x := range list {
			errs = append(errs, v.validate(items, x, fmt.Sprintf("%s[%d]", at, i))...)
		}
	}
	return errs
}

func (v *schemaValidator) objectChecks(sch map[string]any, obj map[string]any, at string) []string {
	var errs []string
	if req, ok := sch["required"].([]any); ok {
		for _, k := range req {
			if _, has := obj[k.(string)]; !has {
				errs = append(errs, fmt.Sprintf("%s: %s is required", at, k))
			}
		}
	}
	props, _ := sch["properties"].(map[string]any)
	for k, x := range obj {
		if names, ok := sch["propertyNames"]; ok {
			errs = append(errs, v.validate(names, k, at+"."+k)...)
		}
		if p, ok := props[k]; ok {
			errs = append(errs, v.validate(p, x, at+"."+k)...)
		} else if extra, ok := sch["additionalProperties"]; ok {
			errs = append(errs, v.validate(extra, x, at+"."+k)...)
		}
	}
	return errs
}
