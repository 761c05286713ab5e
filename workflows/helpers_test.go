package workflows_test

import (
	"os"
	"testing"
	"time"

	"github.com/multipotenzial/multipotenzial/demo/content"
	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/rules"
	"github.com/multipotenzial/multipotenzial/workflows"
)

var berlin, _ = time.LoadLocation("Europe/Berlin")

// at is a time in Berlin.
func at(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, berlin) }

// intakeSchema is the demo intake form's rule schema.
func intakeSchema(t testing.TB) rules.Schema {
	t.Helper()
	f, err := forms.Load(content.IntakeForm)
	if err != nil {
		t.Fatalf("intake form: %v", err)
	}
	return f.Schema()
}

// demo compiles the demo workflow against the demo intake form.
func demo(t testing.TB) *workflows.Workflow {
	t.Helper()
	def, err := workflows.Parse(content.IntakeWorkflow)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	w, diags := workflows.Compile(def, intakeSchema(t))
	if w == nil {
		t.Fatalf("compile: %v", diags)
	}
	return w
}

// load compiles a workflow from testdata against the demo intake form.
func load(t testing.TB, name string) *workflows.Workflow {
	t.Helper()
	raw, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	w, err := workflows.Load(raw, intakeSchema(t))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return w
}

// sampleCase is a case of the demo workflow in state at now.
func sampleCase(state string, entered, now time.Time) workflows.CaseContext {
	return workflows.CaseContext{
		ID: "case1", Version: "v1", Reference: "BWTW-2026-00042", State: state, Entry: 3,
		StateEntered: entered, Opened: at(2026, 1, 5, 10), Now: now,
		Assignee: "u_counsellor", AssigneeName: "Thomas Krüger",
		Answers: map[string]any{"residence_status": "recognised_refugee", "permit_valid_until": "2028-06-30",
			"german_level": "a2", "birth_date": "1988-05-09"},
		Fields:      map[string]any{},
		Participant: workflows.Participant{FirstName: "Samir", LastName: "Darwish", BirthDate: "1988-05-09", PreferredLanguage: "ar", Municipality: "Mühlhausen"},
		Actor:       workflows.Actor{ID: "u_counsellor", Role: workflows.RoleCounsellor, Name: "Thomas Krüger"},
	}
}

// place takes the demo's placement from state at now: a case in
// vermittelt with its follow-up timers pending.
func place(t testing.TB, w *workflows.Workflow, state string, now time.Time) workflows.CaseContext {
	t.Helper()
	c := sampleCase(state, now, now)
	c.Fields = map[string]any{"work_permit": "yes"}
	o, err := w.Take(c, workflows.Request{Transition: "vermitteln",
		Step: map[string]any{"placement_type": "work", "employer": "Holzbau Sommer GmbH", "start_date": rules.FormatDate(now.AddDate(0, 0, 7))}})
	if err != nil {
		t.Fatalf("placement: %v", err)
	}
	return c.After(o)
}
