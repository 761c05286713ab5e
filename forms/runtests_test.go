package forms_test

import (
	"strings"
	"testing"
)

// The definition's own test cases: failures carry the path tests[i].
func TestRunTests(t *testing.T) {
	f := load(t, `{"title": "T", "languages": ["de"], "sections": [{"key": "s", "title": "S", "fields": [
	  {"key": "born", "type": "date", "label": "Geboren", "required": true,
	   "validations": [{"code": "too_young", "valid_if": "age(born) >= 18", "message": "Zu jung"}]},
	  {"key": "years", "type": "calculated", "label": "Alter", "calculate": "age(born)"},
	  {"key": "kurs", "type": "boolean", "label": "Kurs", "visible_if": "years < 30", "required": true}]}],
	 "tests": [
	  {"name": "passes", "today": "2026-03-02", "answers": {"born": "2000-01-01", "kurs": true},
	   "expect": {"visible": ["kurs"], "required": ["kurs"], "values": {"years": 26}, "valid": true, "no_errors": ["born"]}},
	  {"name": "fails", "today": "2026-03-02", "answers": {"born": "2010-01-01", "extra": 1},
	   "expect": {"hidden": ["kurs"], "not_required": ["born"], "values": {"years": 16}, "errors": {"born": "other", "extra": "validation_unknown_field"},
	              "valid": true, "dropped": ["kurs"], "visible": ["nope"]}},
	  {"name": "bad day", "today": "2026-02-30", "answers": {}, "expect": {}}]}`)
	failures := f.RunTests()
	want := []string{
		`tests[1]: "nope" is neither a field path nor section:<key>`,
		"tests[1]: kurs should be hidden",
		"tests[1]: born should not be required",
		`tests[1]: error of born: got "too_young", want "other"`,
		"tests[1]: valid: got false, want true",
		"tests[1]: dropped kurs: the answers are not valid",
		`tests[2]: today "2026-02-30" is not a date`,
	}
	got := make([]string, len(failures))
	for i, fl := range failures {
		got[i] = fl.Path + ": " + fl.Message
	}
	all := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("missing failure %q in\n%s", w, all)
		}
	}
	if strings.Contains(all, "tests[0]") || len(failures) != len(want) {
		t.Errorf("unexpected failures:\n%s", all)
	}
}
