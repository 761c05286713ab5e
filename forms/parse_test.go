package forms_test

import (
	"encoding/json/v2"
	"errors"
	"strings"
	"testing"

	"github.com/multipotenzial/multipotenzial/forms"
)

// Parse is strict: unknown or duplicate properties and wrong JSON types are
// rejected with their path in the definition.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, raw, path, code, msg string
	}{
		{"unknown property", oneSection(`{"key": "a", "type": "text", "label": "A", "visibel_if": "true"}`),
			"sections[0].fields[0].visibel_if", forms.CodeUnknownProperty, `unknown property "visibel_if"`},
		{"property names are case-sensitive", `{"Title": "T"}`, "Title", forms.CodeUnknownProperty, "unknown property"},
		{"wrong type", oneSection(`{"key": "a", "type": "text", "label": "A", "required": "yes"}`),
			"sections[0].fields[0].required", forms.CodeWrongJSONType, "wrong JSON type"},
		{"duplicate property", oneSection(`{"key": "a", "key": "b", "type": "text", "label": "A"}`),
			"sections[0].fields[0].key", forms.CodeJSON, "duplicate"},
		{"syntax", "{\"title\": \"T\",\n \"languages\": [\"de\",]}", "languages", forms.CodeJSON, "JSON line 2"},
		{"text of the wrong type", oneSection(`{"key": "a", "type": "text", "label": 5}`),
			"sections[0].fields[0].label", forms.CodeWrongJSONType, "wrong JSON type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := forms.Parse([]byte(tt.raw))
			var d forms.Diagnostics
			if !errors.As(err, &d) || len(d) != 1 {
				t.Fatalf("got %v", err)
			}
			if d[0].Path != tt.path || d[0].Code != tt.code || !strings.Contains(d[0].Message, tt.msg) || d[0].Severity != forms.SeverityError {
				t.Errorf("got %+v, want path %s code %s message ~%q", d[0], tt.path, tt.code, tt.msg)
			}
		})
	}
	big := make([]byte, forms.MaxDefinitionBytes+1)
	if _, err := forms.Parse(big); err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("a huge definition: %v", err)
	}
}

// A text is an object per language or a plain string for every language.
func TestText(t *testing.T) {
	var x struct {
		A forms.Text `json:"a"`
		B forms.Text `json:"b"`
	}
	if err := json.Unmarshal([]byte(`{"a": "A1", "b": {"de": "Ja", "en": "Yes"}}`), &x); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text       forms.Text
		lang, want string
	}{
		{x.A, "ar", "A1"}, {x.B, "en", "Yes"}, {x.B, "ar", "Ja"}, {x.B, "de", "Ja"},
	} {
		if got := tt.text.Get(tt.lang); got != tt.want {
			t.Errorf("Get(%s) = %q, want %q", tt.lang, got, tt.want)
		}
	}
	if !x.A.Has("uk") || x.B.Has("uk") {
		t.Errorf("Has: a neutral text exists in every language, a translated one only in its own")
	}
	out, err := json.Marshal(x)
	if err != nil || string(out) != `{"a":"A1","b":{"de":"Ja","en":"Yes"}}` {
		t.Errorf("round trip: %s %v", out, err)
	}
}
