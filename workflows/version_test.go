package workflows_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/multipotenzial/multipotenzial/demo/content"
	"github.com/multipotenzial/multipotenzial/workflows"
)

// v2 is the demo workflow as an admin republishes it: in_massnahme
// renamed to massnahme, the first-contact SLA cut to 10 days.
func v2(t *testing.T) *workflows.Workflow {
	t.Helper()
	raw := strings.ReplaceAll(string(content.IntakeWorkflow), `"in_massnahme"`, `"massnahme"`)
	raw = strings.Replace(raw, `"sla": {"days": 14`, `"sla": {"days": 10`, 1)
	w, err := workflows.Load([]byte(raw), intakeSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// A case stays on the version it started with: after v2 is published its
// state, timers and rules are still v1's, and v2 does not know it.
func TestCasePinnedToVersion(t *testing.T) {
	w1, w2 := demo(t), v2(t)
	c := sampleCase("foerderplan", at(2026, 2, 2, 9), at(2026, 2, 2, 9))
	o, err := w1.Take(c, workflows.Request{Transition: "massnahme_beginnen", Step: map[string]any{"measure": "coaching"}})
	if err != nil {
		t.Fatal(err)
	}
	c = c.After(o) // on v1, in in_massnahme, with a v1 reminder pending

	if opts := w1.Options(c, "de"); len(opts) != 4 || opts[0].Key != "arbeitserlaubnis_erfassen" {
		t.Errorf("v1 options: %+v", opts)
	}
	if opts := w2.Options(c, "de"); opts != nil {
		t.Errorf("v2 knows the v1 state: %+v", opts)
	}
	var e *workflows.Error
	if _, err := w2.Take(c, workflows.Request{Transition: "foerderplan_anpassen"}); !errors.As(err, &e) || e.Code != workflows.ErrWrongState {
		t.Errorf("v2 take: %v", err)
	}
	c.Now = c.Now.AddDate(0, 0, 31)
	if f := w1.Fire(c, c.Timers[0]); f.Result != workflows.FireFired {
		t.Errorf("v1 timer under v1: %s", f.Result)
	}
	// The adapter picks the compiled workflow by the case's version; even
	// when handed the wrong one, a timer of a state v2 lacks does nothing.
	if f := w2.Fire(c, c.Timers[0]); f.Result != workflows.FireVoid {
		t.Errorf("v1 timer under v2: %s", f.Result)
	}
	// New cases start on v2 with its SLA; this one keeps v1's 14 days.
	n := sampleCase("", c.Now, c.Now)
	s1, _ := w1.Start(n)
	s2, _ := w2.Start(n)
	if d1, d2 := s1.Timers[0].Due.Sub(n.Now).Hours()/24, s2.Timers[0].Due.Sub(n.Now).Hours()/24; d1 != 14 || d2 != 10 {
		t.Errorf("SLA days v1 %v, v2 %v", d1, d2)
	}
}

func TestPlanMigration(t *testing.T) {
	w1, w2 := demo(t), v2(t)
	tests := []struct {
		name    string
		mapping map[string]string
		inUse   []string
		path    string
		code    string
		warning bool
	}{
		{"renamed state unmapped", nil, []string{"angemeldet", "in_massnahme"}, "mapping.in_massnahme", workflows.CodeMigrationUnmapped, false},
		{"all open states by default", nil, nil, "mapping.in_massnahme", workflows.CodeMigrationUnmapped, false},
		{"unknown source", map[string]string{"in_massnahme": "massnahme", "pause": "profiling"}, nil, "mapping.pause", workflows.CodeMigrationUnknown, false},
		{"unknown target", map[string]string{"in_massnahme": "massnahmen"}, nil, "mapping.in_massnahme", workflows.CodeStateUnknown, false},
		{"unknown state in use", map[string]string{"in_massnahme": "massnahme"}, []string{"wartend"}, "in_use[0]", workflows.CodeMigrationUnknown, false},
		{"closes cases", map[string]string{"in_massnahme": "abgebrochen"}, nil, "mapping.in_massnahme", workflows.CodeMigrationTerminal, true},
		{"terminal source", map[string]string{"in_massnahme": "massnahme", "abgeschlossen": "abgeschlossen"}, nil, "mapping.abgeschlossen", workflows.CodeMigrationClosed, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, d := workflows.PlanMigration(w1, w2, tt.mapping, tt.inUse)
			if len(d) != 1 || d[0].Path != tt.path || d[0].Code != tt.code || (d[0].Severity == workflows.SeverityWarning) != tt.warning {
				t.Fatalf("got %s", list(d))
			}
			if (p != nil) != tt.warning {
				t.Errorf("plan %v", p)
			}
		})
	}
	p, d := workflows.PlanMigration(w1, w2, map[string]string{"in_massnahme": "massnahme"}, []string{"angemeldet", "in_massnahme", "abgebrochen"})
	if p == nil || len(d) != 0 {
		t.Fatalf("plan: %s", list(d))
	}
	if got := p.Targets(); len(got) != 2 || got["angemeldet"] != "angemeldet" || got["in_massnahme"] != "massnahme" {
		t.Errorf("targets %v", got)
	}
}

// Moving cases: the state entry goes on where the key stays, the new
// version's timers replace the old ones, nothing fires twice.
func TestMigrationMove(t *testing.T) {
	w1, w2 := demo(t), v2(t)
	p, _ := workflows.PlanMigration(w1, w2, map[string]string{"in_massnahme": "massnahme"}, nil)
	registered := func(daysAgo int, now workflows.CaseContext) workflows.CaseContext {
		c := sampleCase("", now.Now.AddDate(0, 0, -daysAgo), now.Now.AddDate(0, 0, -daysAgo))
		s, _ := w1.Start(c)
		c = c.After(s)
		c.Now = now.Now
		return c
	}
	now := sampleCase("", at(2026, 6, 1, 9), at(2026, 6, 1, 9))

	// 5 days in: the v2 SLA (10 days) replaces v1's (14), same entry.
	c := registered(5, now)
	m, err := p.Move(c, "v2")
	if err != nil {
		t.Fatal(err)
	}
	if m.Moved || m.Entry != c.Entry || !m.Entered.Equal(c.StateEntered) || len(m.Voided) != 1 || len(m.Timers) != 1 ||
		m.Timers[0].Version != "v2" || !m.Timers[0].Due.Equal(c.StateEntered.AddDate(0, 0, 10)) {
		t.Errorf("5 days: %+v", m)
	}
	// 12 days in, v1's SLA still pending: v2's is overdue and fires now.
	c = registered(12, now)
	m, _ = p.Move(c, "v2")
	moved := c.AfterMigration(m)
	if f := w2.Fire(moved, moved.Timers[0]); len(m.Timers) != 1 || f.Result != workflows.FireFired {
		t.Errorf("12 days: %+v, %s", m, f.Result)
	}
	// 20 days in, v1's SLA already fired: no second breach.
	c = registered(20, now)
	c.Timers = nil
	if m, _ = p.Move(c, "v2"); len(m.Timers) != 0 {
		t.Errorf("20 days: %+v", m.Timers)
	}

	// A renamed state: a new entry, the new state's reminder armed.
	c = sampleCase("foerderplan", at(2026, 5, 1, 9), at(2026, 5, 1, 9))
	o, _ := w1.Take(c, workflows.Request{Transition: "massnahme_beginnen", Step: map[string]any{"measure": "coaching"}})
	c = c.After(o)
	c.Now = at(2026, 5, 20, 9)
	m, _ = p.Move(c, "v2")
	if !m.Moved || m.To != "massnahme" || m.Entry != c.Entry+1 || !m.Entered.Equal(c.Now) ||
		len(m.Timers) != 1 || !m.Timers[0].Due.Equal(c.Now.AddDate(0, 0, 30)) {
		t.Errorf("renamed: %+v", m)
	}

	// Follow-ups armed by the placement carry over with their due dates.
	c = place(t, w1, "in_massnahme", at(2026, 5, 1, 9))
	c.Now = at(2026, 5, 3, 9)
	m, _ = p.Move(c, "v2")
	if len(m.Timers) != 3 || len(m.Voided) != 3 {
		t.Fatalf("placed: %+v", m)
	}
	for i, tm := range m.Timers {
		old := c.Timers[(i+2)%3] // entry schedules come first, then the carried ones
		if tm.Key != old.Key || !tm.Due.Equal(old.Due) || tm.ID == old.ID || tm.Version != "v2" {
			t.Errorf("timer %d: %+v, old %+v", i, tm, old)
		}
	}
	if _, err := p.Move(sampleCase("abgeschlossen", c.Now, c.Now), "v2"); err == nil {
		t.Error("a closed case moved")
	}
}
