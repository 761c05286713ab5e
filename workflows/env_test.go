package workflows_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/multipotenzial/multipotenzial/workflows"
)

// Guards see the intake answers, case, participant, role and the clock;
// unanswered and ill-typed values follow the rules package (zero value,
// answered() false).
func TestGuardEnvironment(t *testing.T) {
	tests := []struct {
		guard string
		edit  func(c *workflows.CaseContext)
		want  bool
	}{
		{`german_level == "a2"`, nil, true},
		{`residence_status == "recognised_refugee" && permit_valid_until > today()`, nil, true},
		{`birth_date == date("1988-05-09")`, nil, true},
		{`!answered(work_permit) && work_permit == ""`, nil, true},
		{`answered(german_level)`, func(c *workflows.CaseContext) { c.Answers["german_level"] = 5.0 }, false},
		{`len(languages) == 1 && languages[0].language == "Arabisch" && !answered(email)`, func(c *workflows.CaseContext) {
			c.Answers["languages"] = []any{map[string]any{"language": "Arabisch"}}
		}, true},
		{`case.state == "neu" && case.days_in_state == 1 && case.reference == "BWTW-2026-00042"`, nil, true},
		{`case.opened == date("2026-01-05") && case.state_entered == date("2026-03-09") && case.assigned`, nil, true},
		{`case.assigned`, func(c *workflows.CaseContext) { c.Assignee = "" }, false},
		{`!answered(case.ok) && !case.ok`, nil, true},
		{`answered(case.art) && case.art == "b" && case.quote == 2.5`, func(c *workflows.CaseContext) {
			c.Fields = map[string]any{"art": "b", "quote": 2.5}
		}, true},
		{`participant.age == 37 && participant.preferred_language == "ar" && participant.municipality == "Mühlhausen"`, nil, true},
		{`answered(participant.age)`, func(c *workflows.CaseContext) { c.Participant.BirthDate = "" }, false},
		{`role == "counsellor"`, nil, true},
		{`role == "counsellor"`, func(c *workflows.CaseContext) { c.Actor.Role = workflows.RoleTenantAdmin }, false},
		{`today() == date("2026-03-10") && now() > today()`, nil, true},
		{`days_since(case.opened) == 64`, nil, true},
		// Stored values come in the forms JSON decoding and records give.
		{`school_years == 9 && max_commute_minutes == 45`, func(c *workflows.CaseContext) {
			c.Answers["school_years"], c.Answers["max_commute_minutes"] = json.Number("9"), 45
		}, true},
		{`"signal" in messenger && len(mobility) == 2`, func(c *workflows.CaseContext) {
			c.Answers["messenger"], c.Answers["mobility"] = []string{"signal"}, []any{"car", "bicycle"}
		}, true},
		{`answered(mobility)`, func(c *workflows.CaseContext) { c.Answers["mobility"] = []any{"car", 3.0} }, false},
		{`permit_valid_until == date("2028-06-30") && youngest_child_birth_date == date("2024-02-29")`, func(c *workflows.CaseContext) {
			c.Answers["permit_valid_until"] = time.Date(2028, 6, 30, 12, 0, 0, 0, time.UTC)
			c.Answers["youngest_child_birth_date"] = "2024-02-29T08:00:00+01:00"
		}, true},
		{`case.quote == 3 && answered(case.quote)`, func(c *workflows.CaseContext) { c.Fields = map[string]any{"quote": int64(3)} }, true},
	}
	for _, tt := range tests {
		t.Run(tt.guard, func(t *testing.T) {
			w := compileBase(t, func(d *workflows.Definition) {
				d.Transitions[0].Guard = tt.guard
				d.Transitions[0].Roles = []string{"counsellor", "tenant_admin"}
			})
			c := baseCase("neu", workflows.RoleCounsellor)
			if tt.edit != nil {
				tt.edit(&c)
			}
			o := w.Options(c, "de")[0]
			if o.Allowed != tt.want {
				t.Errorf("allowed = %v, reason %+v", o.Allowed, o.Reason)
			}
		})
	}
}

// The workflow publishes what guards may read, for the studio.
func TestSchema(t *testing.T) {
	s := demo(t).Schema()
	for _, name := range []string{"case", "participant", "role", "german_level", "work_permit"} {
		if _, ok := s[name]; !ok {
			t.Errorf("schema lacks %s", name)
		}
	}
	if _, ok := s["case"].Fields["placement_start"]; !ok {
		t.Error("case fields missing in case")
	}
	if _, ok := s["step"]; ok {
		t.Error("guards do not see step")
	}
}
