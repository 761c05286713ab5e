package workflows_test

import (
	"fmt"
	"testing"

	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/rules"
	"github.com/multipotenzial/multipotenzial/workflows"
)

func TestBaseCompilesClean(t *testing.T) {
	w, d := workflows.Compile(base(), intakeSchema(t))
	if w == nil || len(d) > 0 {
		t.Fatalf("base: %v", d)
	}
}

// Every publish check reports its problem at the exact path.
func TestCompileDiagnostics(t *testing.T) {
	tr := func(d *workflows.Definition, i int) *workflows.Transition { return &d.Transitions[i] }
	tests := []struct {
		name, path, code string
		warning          bool
		change           func(d *workflows.Definition)
	}{
		{"no German language", "languages", forms.CodeLanguageInvalid, false, func(d *workflows.Definition) { d.Languages = []string{"en"} }},
		{"bad language", "languages[2]", forms.CodeLanguageInvalid, false, func(d *workflows.Definition) { d.Languages = append(d.Languages, "EN") }},
		{"no title", "title", forms.CodeTextMissing, false, func(d *workflows.Definition) { d.Title = nil }},
		{"missing translation", "states[1].label", forms.CodeTranslation, true, func(d *workflows.Definition) { d.States[1].Label = forms.Text{"de": "Aktiv"} }},
		{"participant text checked in all languages", "states[1].label", forms.CodeTranslation, true, func(d *workflows.Definition) { d.Languages = append(d.Languages, "ar") }},
		{"staff text not checked in Arabic", "", "", false, func(d *workflows.Definition) {
			d.Languages = append(d.Languages, "ar")
			for i := range d.States {
				d.States[i].Label["ar"] = "…"
			}
			tr(d, 0).Actions[2].Subject["ar"], tr(d, 0).Actions[2].Body["ar"] = "…", "…"
		}},
		{"no states", "states", forms.CodeMissing, false, func(d *workflows.Definition) { d.States, d.Transitions = nil, nil }},
		{"bad state key", "states[1].key", forms.CodeKeyInvalid, false, func(d *workflows.Definition) { d.States[1].Key = "Aktiv" }},
		{"duplicate state", "states[2].key", forms.CodeKeyDuplicate, false, func(d *workflows.Definition) { d.States[2].Key = "aktiv" }},
		{"no start state", "states", workflows.CodeStartState, false, func(d *workflows.Definition) { d.States[0].Kind = "active" }},
		{"two start states", "states[1].kind", workflows.CodeStartState, false, func(d *workflows.Definition) { d.States[1].Kind = "start" }},
		{"unknown kind", "states[1].kind", workflows.CodeStateKind, false, func(d *workflows.Definition) { d.States[1].Kind = "open" }},
		{"SLA on terminal", "states[2].sla", workflows.CodeTerminalTimer, false, func(d *workflows.Definition) { d.States[2].SLA = &workflows.SLA{Days: 3} }},
		{"SLA of 0 days", "states[0].sla.days", forms.CodeRangeInvalid, false, func(d *workflows.Definition) { d.States[0].SLA.Days = 0 }},
		{"unreachable state", "states[3]", workflows.CodeStateUnreachable, true, func(d *workflows.Definition) {
			d.States = append(d.States, workflows.State{Key: "pause", Kind: "active", Label: tx("Pause")})
			d.Transitions = append(d.Transitions, workflows.Transition{Key: "weiter", From: []string{"pause"}, To: "aktiv", Label: tx("Weiter"), Roles: []string{"counsellor"}})
		}},
		{"dead end", "states[1]", workflows.CodeStateDeadEnd, true, func(d *workflows.Definition) {
			tr(d, 2).From, tr(d, 3).From = []string{"neu"}, []string{"neu"}
			d.States[1].OnEnter = d.States[1].OnEnter[:1]
			d.Transitions = d.Transitions[:3]
		}},
		{"duplicate transition", "transitions[2].key", forms.CodeKeyDuplicate, false, func(d *workflows.Definition) { tr(d, 2).Key = "starten" }},
		{"no label", "transitions[0].label", forms.CodeTextMissing, false, func(d *workflows.Definition) { tr(d, 0).Label = forms.Text{"en": "Start"} }},
		{"unknown target", "transitions[0].to", workflows.CodeStateUnknown, false, func(d *workflows.Definition) { tr(d, 0).To = "aktv" }},
		{"no target", "transitions[0].to", workflows.CodeTransitionTarget, false, func(d *workflows.Definition) { tr(d, 0).To = "" }},
		{"stay and target", "transitions[1].to", workflows.CodeTransitionTarget, false, func(d *workflows.Definition) { tr(d, 1).To = "aktiv" }},
		{"no source", "transitions[0].from", forms.CodeMissing, false, func(d *workflows.Definition) { tr(d, 0).From = nil }},
		{"unknown source", "transitions[1].from[1]", workflows.CodeStateUnknown, false, func(d *workflows.Definition) { tr(d, 1).From[1] = "aktv" }},
		{"duplicate source", "transitions[1].from[1]", forms.CodeKeyDuplicate, false, func(d *workflows.Definition) { tr(d, 1).From[1] = "neu" }},
		{"star not alone", "transitions[1].from", workflows.CodeStateUnknown, false, func(d *workflows.Definition) { tr(d, 1).From = []string{"*", "neu"} }},
		{"out of terminal", "transitions[2].from[0]", workflows.CodeTerminalOutgoing, false, func(d *workflows.Definition) { tr(d, 2).From = []string{"fertig"} }},
		{"role system", "transitions[0].roles[1]", workflows.CodeRoleInvalid, false, func(d *workflows.Definition) { tr(d, 0).Roles[1] = "system" }},
		{"role participant", "transitions[0].roles[0]", workflows.CodeRoleInvalid, false, func(d *workflows.Definition) { tr(d, 0).Roles[0] = "participant" }},
		{"duplicate role", "transitions[0].roles[1]", forms.CodeKeyDuplicate, false, func(d *workflows.Definition) { tr(d, 0).Roles[1] = "counsellor" }},
		{"nobody may take", "transitions[2].roles", workflows.CodeNobodyMayTake, false, func(d *workflows.Definition) { tr(d, 2).Roles = nil }},
		{"guard syntax", "transitions[0].guard", rules.CodeSyntax, false, func(d *workflows.Definition) { tr(d, 0).Guard = `german_level ==` }},
		{"guard unknown name", "transitions[0].guard", rules.CodeUnknownName, false, func(d *workflows.Definition) { tr(d, 0).Guard = `germanlevel == "a1"` }},
		{"guard unknown case field", "transitions[0].guard", rules.CodeUnknownField, false, func(d *workflows.Definition) { tr(d, 0).Guard = `case.okay` }},
		{"guard reads step", "transitions[0].guard", rules.CodeUnknownName, false, func(d *workflows.Definition) { tr(d, 0).Guard = `step.art == "a"` }},
		{"guard not yes/no", "transitions[0].guard", rules.CodeResultType, false, func(d *workflows.Definition) { tr(d, 0).Guard = `case.days_in_state + 1` }},
		{"guard without reason", "transitions[0].guard_reason", workflows.CodeGuardReason, false, func(d *workflows.Definition) { tr(d, 0).GuardReason = nil }},
		{"reason without guard", "transitions[2].guard_reason", forms.CodePropertyNotAllowed, true, func(d *workflows.Definition) { tr(d, 2).GuardReason = tx("Nein") }},
		{"step form field type", "transitions[0].step_form.fields[1].type", forms.CodeTypeUnknown, false, func(d *workflows.Definition) { tr(d, 0).StepForm.Fields[1].Type = "datum" }},
		{"step form rule", "transitions[0].step_form.fields[1].visible_if", rules.CodeUnknownName, false, func(d *workflows.Definition) { tr(d, 0).StepForm.Fields[1].VisibleIf = `arrt == "a"` }},
		{"step form empty", "transitions[0].step_form.fields", forms.CodeMissing, false, func(d *workflows.Definition) { tr(d, 0).StepForm.Fields = nil }},
		{"step form translation", "transitions[0].step_form.fields[1].label", forms.CodeTranslation, true, func(d *workflows.Definition) { tr(d, 0).StepForm.Fields[1].Label = forms.Text{"de": "Termin"} }},
		{"unknown action", "transitions[0].actions[0].type", workflows.CodeActionType, false, func(d *workflows.Definition) { tr(d, 0).Actions[0].Type = "mail" }},
		{"property of another type", "transitions[0].actions[2].field", forms.CodePropertyNotAllowed, false, func(d *workflows.Definition) { tr(d, 0).Actions[2].Field = "ok" }},
		{"set undeclared field", "transitions[0].actions[0].field", workflows.CodeFieldUnknown, false, func(d *workflows.Definition) { tr(d, 0).Actions[0].Field = "kind" }},
		{"set without value", "transitions[0].actions[0].value", forms.CodeMissing, false, func(d *workflows.Definition) { tr(d, 0).Actions[0].Value = "" }},
		{"set wrong type", "transitions[0].actions[1].value", rules.CodeResultType, false, func(d *workflows.Definition) { tr(d, 0).Actions[1].Value = `"yes"` }},
		{"set reads step without step form", "transitions[1].actions[0].value", rules.CodeUnknownName, false, func(d *workflows.Definition) { tr(d, 1).Actions[0].Value = `step.quote` }},
		{"task due out of range", "states[0].on_enter[0].due_days", forms.CodeRangeInvalid, false, func(d *workflows.Definition) { d.States[0].OnEnter[0].DueDays = days(-1) }},
		{"task assignee", "states[0].on_enter[0].assignee", workflows.CodeValueInvalid, false, func(d *workflows.Definition) { d.States[0].OnEnter[0].Assignee = "admin" }},
		{"task without title", "states[0].on_enter[0].title", forms.CodeTextMissing, false, func(d *workflows.Definition) { d.States[0].OnEnter[0].Title = nil }},
		{"notify recipient", "transitions[0].actions[2].to", workflows.CodeValueInvalid, false, func(d *workflows.Definition) { tr(d, 0).Actions[2].To = "employer" }},
		{"unknown placeholder", "states[0].on_enter[0].title.de", workflows.CodePlaceholder, false, func(d *workflows.Definition) { d.States[0].OnEnter[0].Title["de"] = "Anrufen {participant.phone}" }},
		{"step placeholder outside transition", "states[0].on_enter[0].title.en", workflows.CodePlaceholder, false, func(d *workflows.Definition) { d.States[0].OnEnter[0].Title["en"] = "Call {step.art}" }},
		{"step placeholder of unknown field", "transitions[0].actions[2].body.de", workflows.CodePlaceholder, false, func(d *workflows.Definition) { tr(d, 0).Actions[2].Body["de"] = "{step.ort}" }},
		{"unclosed placeholder", "transitions[0].actions[2].subject.de", workflows.CodePlaceholder, false, func(d *workflows.Definition) { tr(d, 0).Actions[2].Subject["de"] = "Termin {case.reference" }},
		{"transition placeholder in SLA", "states[0].sla.actions[0].body.de", workflows.CodePlaceholder, false, func(d *workflows.Definition) { d.States[0].SLA.Actions[0].Body["de"] = "{transition}" }},
		{"set in SLA", "states[0].sla.actions[1].type", workflows.CodeActionNotAllowed, false, func(d *workflows.Definition) {
			d.States[0].SLA.Actions = append(d.States[0].SLA.Actions, workflows.Action{Type: "set", Field: "ok", Value: "true"})
		}},
		{"schedule in stay transition", "transitions[1].actions[1].type", workflows.CodeActionNotAllowed, false, func(d *workflows.Definition) {
			tr(d, 1).Actions = append(tr(d, 1).Actions, workflows.Action{Type: "schedule", Key: "x", AfterDays: days(1), Transition: "beenden"})
		}},
		{"schedule unknown transition", "states[1].on_enter[1].transition", workflows.CodeTransitionUnknown, false, func(d *workflows.Definition) { d.States[1].OnEnter[1].Transition = "ende" }},
		{"schedule transition from elsewhere", "states[1].on_enter[1].transition", workflows.CodeScheduleInvalid, false, func(d *workflows.Definition) { d.States[1].OnEnter[1].Transition = "starten" }},
		{"schedule transition and actions", "states[1].on_enter[1]", workflows.CodeScheduleInvalid, false, func(d *workflows.Definition) { d.States[1].OnEnter[1].Actions = d.States[1].OnEnter[0].Actions }},
		{"schedule neither", "states[1].on_enter[1]", workflows.CodeScheduleInvalid, false, func(d *workflows.Definition) { d.States[1].OnEnter[1].Transition = "" }},
		{"schedule key sla", "states[1].on_enter[0].key", forms.CodeKeyReserved, false, func(d *workflows.Definition) { d.States[1].OnEnter[0].Key = "sla" }},
		{"schedule key twice", "states[1].on_enter[1].key", forms.CodeKeyDuplicate, false, func(d *workflows.Definition) { d.States[1].OnEnter[1].Key = "erinnern" }},
		{"schedule without days", "states[1].on_enter[0].after_days", forms.CodeMissing, false, func(d *workflows.Definition) { d.States[1].OnEnter[0].AfterDays = nil }},
		{"while_in unknown", "states[1].on_enter[0].while_in[1]", workflows.CodeStateUnknown, false, func(d *workflows.Definition) { d.States[1].OnEnter[0].WhileIn = []string{"aktiv", "pause"} }},
		{"while_in without own state", "states[1].on_enter[0].while_in", workflows.CodeScheduleInvalid, false, func(d *workflows.Definition) { d.States[1].OnEnter[0].WhileIn = []string{"neu"} }},
		{"automatic with step form", "states[1].on_enter[1].transition", workflows.CodeScheduleInvalid, false, func(d *workflows.Definition) {
			tr(d, 3).StepForm = &workflows.StepForm{Fields: []forms.Field{{Key: "x", Type: "text", Label: tx("X")}}}
		}},
		{"case field key reserved", "case_fields[0].key", forms.CodeKeyReserved, false, func(d *workflows.Definition) { d.CaseFields[0].Key = "state" }},
		{"case field key twice", "case_fields[1].key", forms.CodeKeyDuplicate, false, func(d *workflows.Definition) { d.CaseFields[1].Key = "ok" }},
		{"case field type", "case_fields[0].type", workflows.CodeFieldType, false, func(d *workflows.Definition) { d.CaseFields[0].Type = "bool" }},
		{"choice without options", "case_fields[1].options", forms.CodeOptionsEmpty, false, func(d *workflows.Definition) { d.CaseFields[1].Options = nil }},
		{"options on a number", "case_fields[2].options", forms.CodePropertyNotAllowed, false, func(d *workflows.Definition) { d.CaseFields[2].Options = d.CaseFields[1].Options }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def := clone(t, base())
			tt.change(def)
			w, d := workflows.Compile(def, intakeSchema(t))
			if tt.code == "" {
				if len(d) > 0 || w == nil {
					t.Fatalf("want no diagnostics, got %v", d)
				}
				return
			}
			found := false
			for _, x := range d {
				if x.Path == tt.path && x.Code == tt.code {
					found = true
					if got := x.Severity == workflows.SeverityWarning; got != tt.warning {
						t.Errorf("severity %s", x.Severity)
					}
				}
			}
			if !found {
				t.Fatalf("no %s at %s; got %s", tt.code, tt.path, list(d))
			}
			if (w == nil) != !tt.warning {
				t.Errorf("compiled = %v with %s", w != nil, list(d))
			}
		})
	}
}

// A guard's rule error carries its position inside the rule.
func TestGuardDiagnosticPosition(t *testing.T) {
	def := base()
	def.Transitions[0].Guard = "german_level == \"a1\" &&\n  work_permitt == \"yes\""
	_, d := workflows.Compile(def, intakeSchema(t))
	if len(d) != 1 {
		t.Fatalf("got %s", list(d))
	}
	if x := d[0]; x.Path != "transitions[0].guard" || x.Line != 2 || x.Column != 3 || x.From != 26 || x.To != 38 {
		t.Errorf("got %+v", x)
	}
}

// An intake field named like a workflow name cannot be used.
func TestIntakeReservedName(t *testing.T) {
	schema := rules.Schema{"case": rules.Scalar(rules.String), "german_level": rules.Scalar(rules.String)}
	_, d := workflows.Compile(base(), schema)
	if len(d) == 0 || d[0].Code != workflows.CodeIntakeReserved || d[0].Path != "" {
		t.Fatalf("got %s", list(d))
	}
}

func list(d workflows.Diagnostics) string {
	s := ""
	for _, x := range d {
		s += fmt.Sprintf("\n  %s %s %s: %s", x.Severity, x.Path, x.Code, x.Message)
	}
	return s
}
