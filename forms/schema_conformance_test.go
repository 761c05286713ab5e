package forms_test

import (
	"encoding/json/v2"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/multipotenzial/multipotenzial/demo/content"
)

const (
	schemaPath = "../docs/form-definition.schema.json"
	docPath    = "../docs/form-language.md"
)

// The demo form, the test forms and every example in the documentation
// conform to the JSON Schema, and the examples compile and pass their tests.
func TestDefinitionsConformToSchema(t *testing.T) {
	v, err := loadSchema(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	every, _ := os.ReadFile("testdata/every-type.json")
	docs := map[string]string{
		"demo/content/intake-form.json": string(content.IntakeForm),
		"testdata/every-type.json":      string(every),
		"localize_test.go wireForm":     wireForm,
	}
	for name, raw := range docExamples(t) {
		docs[name] = raw
	}
	for name, raw := range docs {
		var inst any
		if err := json.Unmarshal([]byte(raw), &inst); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, e := range v.validate(v.root, inst, "$") {
			t.Errorf("%s: %s", name, e)
		}
		f := load(t, raw)
		for _, fl := range f.RunTests() {
			t.Errorf("%s: %s %s", name, fl.Path, fl.Message)
		}
	}
}

// The schema rejects what Compile rejects in the structure (a check that
// the validator above is not vacuous).
func TestSchemaRejects(t *testing.T) {
	v, err := loadSchema(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	for name, raw := range map[string]string{
		"unknown property":     oneSection(`{"key": "a", "type": "text", "label": "A", "visibel_if": "true"}`),
		"options on text":      oneSection(`{"key": "a", "type": "text", "label": "A", "options": [{"value": "x", "label": "X"}]}`),
		"choice without":       oneSection(`{"key": "a", "type": "choice", "label": "A"}`),
		"no label":             oneSection(`{"key": "a", "type": "text"}`),
		"bad key":              oneSection(`{"key": "A b", "type": "text", "label": "A"}`),
		"no German":            oneSection(`{"key": "a", "type": "text", "label": {"en": "A"}}`),
		"required on info":     oneSection(`{"key": "a", "type": "info", "text": "Hi", "required": true}`),
		"reserved code":        oneSection(`{"key": "a", "type": "text", "label": "A", "validations": [{"code": "validation_x", "valid_if": "true", "message": "x"}]}`),
		"languages without de": `{"title": "T", "languages": ["en"], "sections": [{"key": "s", "title": "S", "fields": [` + textA + `]}]}`,
	} {
		var inst any
		if err := json.Unmarshal([]byte(raw), &inst); err != nil {
			t.Fatal(err)
		}
		if len(v.validate(v.root, inst, "$")) == 0 {
			t.Errorf("%s: accepted", name)
		}
	}
}

var exampleFence = regexp.MustCompile("(?s)```json (definition|field)\n(.*?)```")

// docExamples returns the examples of docs/form-language.md: blocks fenced
// as ```json definition (a whole definition) or ```json field (one field,
// wrapped into a definition here).
func docExamples(t *testing.T) map[string]string {
	raw, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for i, m := range exampleFence.FindAllStringSubmatch(string(raw), -1) {
		name := docPath + " example " + string(rune('A'+i))
		if m[1] == "field" {
			out[name] = oneSection(strings.TrimSpace(m[2]))
		} else {
			out[name] = m[2]
		}
	}
	if len(out) < 3 {
		t.Errorf("only %d examples in %s", len(out), docPath)
	}
	return out
}
