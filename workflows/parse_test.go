package workflows_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/workflows"
)

// Parse is strict and reports where the JSON goes wrong.
func TestParse(t *testing.T) {
	tests := []struct {
		name, raw, path, code string
	}{
		{"unknown property", `{"title": "T", "states": [{"key": "a", "lable": "A"}]}`, "states[0].lable", forms.CodeUnknownProperty},
		{"unknown property in a step form field",
			`{"transitions": [{"key": "t", "step_form": {"fields": [{"key": "x", "type": "text", "lable": "X"}]}}]}`,
			"transitions[0].step_form.fields[0].lable", forms.CodeUnknownProperty},
		{"unknown action property", `{"states": [{"key": "a", "on_enter": [{"type": "task", "due": 3}]}]}`, "states[0].on_enter[0].due", forms.CodeUnknownProperty},
		{"wrong type", `{"states": {"key": "a"}}`, "states", forms.CodeWrongJSONType},
		{"wrong type deep", `{"states": [{"key": "a", "sla": {"days": "14"}}]}`, "states[0].sla.days", forms.CodeWrongJSONType},
		{"duplicate property", `{"title": "a", "title": "b"}`, "title", forms.CodeJSON},
		{"syntax", `{"title": "a",}`, "", forms.CodeJSON},
		{"too large", `{"title": "` + strings.Repeat("x", workflows.MaxDefinitionBytes) + `"}`, "", forms.CodeTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def, err := workflows.Parse([]byte(tt.raw))
			d, ok := err.(workflows.Diagnostics)
			if def != nil || !ok || len(d) != 1 {
				t.Fatalf("got %v, %v", def, err)
			}
			if d[0].Path != tt.path || d[0].Code != tt.code || d[0].Severity != workflows.SeverityError {
				t.Errorf("got %+v", d[0])
			}
		})
	}
}

// The error message says where in the JSON the problem is.
func TestParseLineColumn(t *testing.T) {
	_, err := workflows.Parse([]byte("{\n  \"title\": \"T\",\n  \"stats\": []\n}"))
	if err == nil || !strings.Contains(err.Error(), "JSON line 3, column 3") {
		t.Errorf("got %v", err)
	}
}

// A definition survives JSON round trips unchanged (what the studio saves).
func TestParseRoundTrip(t *testing.T) {
	def := base()
	a, err := jsonMarshal(def)
	if err != nil {
		t.Fatal(err)
	}
	back, err := workflows.Parse(a)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := jsonMarshal(back)
	if !bytes.Equal(a, b) {
		t.Errorf("round trip differs:\n%s\n%s", a, b)
	}
}
