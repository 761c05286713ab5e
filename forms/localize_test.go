package forms_test

import (
	jsonv1 "encoding/json"
	"encoding/json/v2"
	"testing"
	"time"
)

const wireForm = `{
  "title": {"de": "Anmeldung", "en": "Registration"},
  "languages": ["de", "en", "ar"],
  "sections": [
    {"key": "person", "title": {"de": "Person", "en": "Person", "ar": "شخص"}, "fields": [
      {"key": "birth_date", "type": "date", "label": {"de": "Geburtsdatum", "ar": "تاريخ الميلاد"}, "required": true,
       "validations": [{"code": "too_young", "valid_if": "age(birth_date) >= 18", "message": {"de": "Zu jung."}}]},
      {"key": "age_years", "type": "calculated", "label": {"de": "Alter"}, "calculate": "age(birth_date)"},
      {"key": "level", "type": "choice", "label": {"de": "Niveau"}, "default": "a1",
       "options": [{"value": "a1", "label": "A1"}, {"value": "b2", "label": {"de": "B2 oder besser", "en": "B2 or better"}}]},
      {"key": "course", "type": "boolean", "label": {"de": "Kurs"}, "visible_if": "level == \"a1\""},
      {"key": "langs", "type": "repeat", "label": {"de": "Sprachen"}, "min_items": 0, "max_items": 5, "fields": [
        {"key": "name", "type": "text", "label": {"de": "Sprache"}, "max_length": 40},
        {"key": "lvl", "type": "choice", "label": {"de": "Stufe"}, "required_if": "answered(item.name) && age_years > 0",
         "options": [{"value": "good", "label": {"de": "gut"}}]}]},
      {"key": "ok", "type": "consent", "label": {"de": "Einwilligung"}, "required": true,
       "consent": {"purpose": "data_processing", "version": "2026-01", "text": {"de": "Ich willige ein.", "ar": "أوافق."}}},
      {"key": "cv", "type": "file", "label": {"de": "Lebenslauf"}, "accept": ["application/pdf"], "max_size_mb": 10, "max_items": 1},
      {"key": "hint", "type": "info", "text": {"de": "Danke!"}}
    ]},
    {"key": "children", "title": {"de": "Kinder"}, "visible_if": "level == \"b2\"", "fields": [
      {"key": "n", "type": "integer", "label": {"de": "Anzahl"}, "min": 0, "max": 10}]}
  ]
}`

// Localize produces exactly the GET wire format of docs/API.md: texts
// resolved with fallback to German, rules replaced by their deps, and the
// initial evaluation of the defaults.
func TestLocalizeWireFormat(t *testing.T) {
	f := load(t, wireForm)
	got := f.LocalizeAt("ar", time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC))
	want := `{"language":"ar","dir":"rtl","languages":["de","en","ar"],"form":{"sections":[` +
		`{"key":"person","title":"شخص","fields":[` +
		`{"key":"birth_date","type":"date","label":"تاريخ الميلاد","required":true,"validations":[{"code":"too_young","deps":["birth_date"]}]},` +
		`{"key":"age_years","type":"calculated","label":"Alter","calculate":{"deps":["birth_date"]},"result":"number"},` +
		`{"key":"level","type":"choice","label":"Niveau","options":[{"value":"a1","label":"A1"},{"value":"b2","label":"B2 oder besser"}],"default":"a1"},` +
		`{"key":"course","type":"boolean","label":"Kurs","visible_if":{"deps":["level"]}},` +
		`{"key":"langs","type":"repeat","label":"Sprachen","min_items":0,"max_items":5,"fields":[` +
		`{"key":"name","type":"text","label":"Sprache","max_length":40},` +
		`{"key":"lvl","type":"choice","label":"Stufe","required_if":{"deps":["age_years","langs"]},"options":[{"value":"good","label":"gut"}]}]},` +
		`{"key":"ok","type":"consent","label":"Einwilligung","required":true,"consent":{"purpose":"data_processing","version":"2026-01","text":"أوافق."}},` +
		`{"key":"cv","type":"file","label":"Lebenslauf","max_items":1,"accept":["application/pdf"],"max_size_mb":10},` +
		`{"key":"hint","type":"info","label":"","text":"Danke!"}]},` +
		`{"key":"children","title":"Kinder","visible_if":{"deps":["level"]},"fields":[` +
		`{"key":"n","type":"integer","label":"Anzahl","min":0,"max":10}]}]},` +
		`"initial":{"hidden":["section:children","n"],"required":["birth_date","ok"],"values":{},"errors":{}}}`
	for name, marshal := range map[string]func(any) ([]byte, error){
		"encoding/json/v2": func(v any) ([]byte, error) { return json.Marshal(v) },
		"encoding/json":    jsonv1.Marshal,
	} {
		out, err := marshal(got)
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != want {
			t.Errorf("%s:\ngot  %s\nwant %s", name, out, want)
		}
	}
	if en := f.Localize("en"); en.Dir != "ltr" || en.Form.Sections[0].Fields[2].Options[1].Label != "B2 or better" {
		t.Errorf("en: %+v", en.Form.Sections[0].Fields[2])
	}
	if xx := f.Localize("tr"); xx.Language != "de" || xx.Form.Sections[0].Title != "Person" {
		t.Errorf("a language the form does not have falls back to German: %s", xx.Language)
	}
}

// The evaluation's wire format: empty lists and objects, never null.
func TestEvaluationWireFormat(t *testing.T) {
	f := load(t, wireForm)
	ev := f.Evaluate(map[string]any{"level": "b2", "birth_date": "2000-01-01", "x": 1.0}, opts("de"))
	out, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"hidden":["course"],"required":["birth_date","ok"],"values":{"age_years":26},` +
		`"errors":{"x":{"code":"validation_unknown_field","message":"Dieses Feld gibt es im Formular nicht."}}}`
	if string(out) != want {
		t.Errorf("got  %s\nwant %s", out, want)
	}
}
