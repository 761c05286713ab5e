package workflows_test

import (
	"encoding/json/v2"
	"testing"

	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/workflows"
)

// tx is a German text with its English translation.
func tx(de string) forms.Text { return forms.Text{"de": de, "en": de + " (en)"} }

func days(n int) *int { return &n }

// base is a small valid workflow: neu (start, SLA 7 days) → aktiv →
// fertig, with a guard, a step form, a stay transition, a case field and
// an automatic transition. Tests change a copy of it.
func base() *workflows.Definition {
	return &workflows.Definition{
		Title:     tx("Test"),
		Languages: []string{"de", "en"},
		CaseFields: []workflows.CaseField{
			{Key: "ok", Type: "boolean", Label: tx("OK")},
			{Key: "art", Type: "choice", Label: tx("Art"), Options: []forms.Option{
				{Value: "a", Label: tx("A")}, {Value: "b", Label: tx("B")}}},
			{Key: "quote", Type: "number", Label: tx("Quote")},
		},
		States: []workflows.State{
			{Key: "neu", Kind: "start", Label: tx("Neu"), SLA: &workflows.SLA{Days: 7, Actions: []workflows.Action{
				{Type: "notify", To: "assignee", Subject: tx("Frist {case.reference}"), Body: tx("Überfällig seit {today}")}}},
				OnEnter: []workflows.Action{{Type: "task", Title: tx("Anrufen"), DueDays: days(3)}}},
			{Key: "aktiv", Kind: "active", Label: tx("Aktiv"), OnEnter: []workflows.Action{
				{Type: "schedule", Key: "erinnern", AfterDays: days(10), Actions: []workflows.Action{
					{Type: "task", Title: tx("Nachfassen bei {participant.first_name}"), Assignee: "case_assignee"}}},
				{Type: "schedule", Key: "auto_ende", AfterDays: days(30), Transition: "auslaufen"}}},
			{Key: "fertig", Kind: "terminal", Label: tx("Fertig")},
		},
		Transitions: []workflows.Transition{
			{Key: "starten", From: []string{"neu"}, To: "aktiv", Label: tx("Starten"),
				Roles: []string{"counsellor", "tenant_admin"},
				Guard: `german_level != "none"`, GuardReason: forms.Text{"de": "Erst Deutsch lernen.", "en": "Learn German first."},
				StepForm: &workflows.StepForm{Fields: []forms.Field{
					{Key: "art", Type: "choice", Label: tx("Art"), Required: true, Options: []forms.Option{
						{Value: "a", Label: tx("A")}, {Value: "b", Label: tx("B")}}},
					{Key: "termin", Type: "date", Label: tx("Termin")}}},
				Actions: []workflows.Action{
					{Type: "set", Field: "art", Value: "step.art"},
					{Type: "set", Field: "ok", Value: `answered(step.termin)`},
					{Type: "notify", To: "participant", Subject: tx("Termin"), Body: tx("Am {step.termin}: {step.art} ({transition})")}}},
			{Key: "pruefen", From: []string{"neu", "aktiv"}, Stay: true, Label: tx("Prüfen"), Roles: []string{"counsellor"},
				Actions: []workflows.Action{{Type: "set", Field: "quote", Value: `participant.age / 10`}}},
			{Key: "beenden", From: []string{"aktiv"}, To: "fertig", Label: tx("Beenden"), Roles: []string{"tenant_admin"}},
			{Key: "auslaufen", From: []string{"aktiv"}, To: "fertig", Label: tx("Auslaufen")},
		},
	}
}

// clone deep-copies a definition through JSON, so a test can change it.
func clone(t testing.TB, d *workflows.Definition) *workflows.Definition {
	t.Helper()
	raw, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	out, err := workflows.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v, json.Deterministic(true)) }
