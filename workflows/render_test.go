package workflows_test

import (
	"testing"

	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/workflows"
)

// Placeholders render every kind of value per language: option labels,
// dates, numbers, yes/no, lists, and literal braces.
func TestPlaceholders(t *testing.T) {
	title := "{{{case.reference}}} {step.n} {step.b} {step.m} {step.d} {step.c} | {case.art} {case.quote} {case.ok} | " +
		"{actor.name}/{assignee.name} {previous_state}→{case.state} ({transition}) {today} {case.opened} {participant.first_name}"
	w := compileBase(t, func(d *workflows.Definition) {
		d.Transitions[0].StepForm.Fields = append(d.Transitions[0].StepForm.Fields,
			forms.Field{Key: "n", Type: "number", Label: tx("N")},
			forms.Field{Key: "b", Type: "boolean", Label: tx("B")},
			forms.Field{Key: "d", Type: "date", Label: tx("D")},
			forms.Field{Key: "c", Type: "choice", Label: tx("C"), Options: []forms.Option{{Value: "x", Label: tx("Ix")}}},
			forms.Field{Key: "m", Type: "multichoice", Label: tx("M"), Options: []forms.Option{
				{Value: "p", Label: tx("Pe")}, {Value: "q", Label: tx("Qu")}}})
		d.Transitions[0].Actions = append(d.Transitions[0].Actions,
			workflows.Action{Type: "set", Field: "quote", Value: "step.n * 2"},
			workflows.Action{Type: "task", Title: forms.Text{"de": title, "en": title}})
	})
	c := baseCase("neu", workflows.RoleCounsellor)
	o, err := w.Take(c, workflows.Request{Transition: "starten", Step: map[string]any{
		"art": "b", "termin": "2026-04-01", "n": 1.5, "b": true, "d": "2026-12-24", "c": "x", "m": []any{"q", "p"}}})
	if err != nil {
		t.Fatal(err)
	}
	got := o.Tasks[0].Title
	if want := "{BWTW-2026-00042} 1.5 ja Qu, Pe 24.12.2026 Ix | B 3 ja | Thomas Krüger/Thomas Krüger Neu→Aktiv (Starten) 10.03.2026 05.01.2026 Samir"; got["de"] != want {
		t.Errorf("de:\n got %s\nwant %s", got["de"], want)
	}
	if want := "{BWTW-2026-00042} 1.5 yes Qu (en), Pe (en) 2026-12-24 Ix (en) | B (en) 3 yes | Thomas Krüger/Thomas Krüger Neu (en)→Aktiv (en) (Starten (en)) 2026-03-10 2026-01-05 Samir"; got["en"] != want {
		t.Errorf("en:\n got %s\nwant %s", got["en"], want)
	}
	// Unanswered values render as nothing.
	o, _ = w.Take(c, workflows.Request{Transition: "starten", Step: map[string]any{"art": "a"}})
	if want := "{BWTW-2026-00042}      | A 0 nein |"; o.Tasks[0].Title["de"][:len(want)] != want {
		t.Errorf("unanswered: %q", o.Tasks[0].Title["de"])
	}
}
