package forms

import (
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/multipotenzial/multipotenzial/rules"
)

// TestFailure is a test case of the definition that did not pass.
type TestFailure struct {
	Path    string `json:"path"` // tests[2]
	Name    string `json:"name"`
	Message string `json:"message"`
}

// RunTests runs the definition's test cases against Evaluate and Validate
// and returns the failures (none: all passed). Publishing refuses a
// definition with failures.
func (f *Form) RunTests() []TestFailure {
	var out []TestFailure
	for i, tc := range f.def.Tests {
		for _, msg := range f.runTest(tc) {
			out = append(out, TestFailure{Path: fmt.Sprintf("tests[%d]", i), Name: tc.Name, Message: msg})
		}
	}
	return out
}

func (f *Form) runTest(tc TestCase) []string {
	var fails []string
	failf := func(format string, args ...any) { fails = append(fails, fmt.Sprintf(format, args...)) }
	opts := Options{Language: tc.Language, Now: time.Now()}
	if tc.Today != "" {
		d, ok := rules.ParseDate(tc.Today)
		if !ok {
			return []string{fmt.Sprintf("today %q is not a date YYYY-MM-DD", tc.Today)}
		}
		opts.Now = d.Add(12 * time.Hour)
	}
	ev := f.Evaluate(tc.Answers, opts)
	clean, errs := f.Validate(tc.Answers, opts)
	x := tc.Expect
	for _, p := range slices.Concat(x.Visible, x.Hidden, x.Required, x.NotRequired, slices.Collect(maps.Keys(x.Values))) {
		if !f.knownPath(p) {
			failf("%q is neither a field path nor section:<key>", p)
		}
	}
	check := func(paths []string, list []string, want bool, what string) {
		for _, p := range paths {
			if slices.Contains(list, p) != want {
				failf("%s should %s", p, what)
			}
		}
	}
	check(x.Visible, ev.Hidden, false, "be visible")
	check(x.Hidden, ev.Hidden, true, "be hidden")
	check(x.Required, ev.Required, true, "be required")
	check(x.NotRequired, ev.Required, false, "not be required")
	for p, want := range x.Values {
		if got := ev.Values[p]; !reflect.DeepEqual(normalize(got), normalize(want)) {
			failf("value of %s: got %v, want %v", p, got, want)
		}
	}
	for p, code := range x.Errors {
		if got := errs[p].Code; got != code {
			failf("error of %s: got %q, want %q", p, got, code)
		}
	}
	for _, p := range x.NoErrors {
		if e, ok := errs[p]; ok {
			failf("%s should have no error, got %q", p, e.Code)
		}
	}
	if x.Valid != nil && *x.Valid != (len(errs) == 0) {
		failf("valid: got %v, want %v (errors: %v)", len(errs) == 0, *x.Valid, errorCodes(errs))
	}
	for _, key := range x.Dropped {
		if clean == nil {
			failf("dropped %s: the answers are not valid (errors: %v)", key, errorCodes(errs))
		} else if _, kept := clean[key]; kept {
			failf("the answer to %s should be dropped", key)
		}
	}
	return fails
}

var rowPath = regexp.MustCompile(`^([a-z][a-z0-9_]*)\[\d+\]\.([a-z][a-z0-9_]*)$`)

// knownPath reports whether p names a section, field or row field.
func (f *Form) knownPath(p string) bool {
	if key, ok := strings.CutPrefix(p, "section:"); ok {
		return slices.ContainsFunc(f.sections, func(s *section) bool { return s.key == key })
	}
	if p == FormPath || f.byKey[p] != nil {
		return true
	}
	m := rowPath.FindStringSubmatch(p)
	return m != nil && f.byKey[m[1]] != nil && f.byKey[m[1]].subByKey[m[2]] != nil
}

// normalize makes JSON numbers comparable with calculated numbers.
func normalize(v any) any {
	if n, ok := rules.NumberOf(v); ok {
		return n
	}
	return v
}

func errorCodes(errs FieldErrors) []string {
	var out []string
	for _, p := range errs.Paths() {
		out = append(out, p+"="+errs[p].Code)
	}
	return out
}
