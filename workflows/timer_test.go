package workflows_test

import (
	"regexp"
	"slices"
	"testing"

	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/workflows"
)

// Timer ids are stable and distinct per version, case, entry and key.
func TestTimerID(t *testing.T) {
	id := workflows.TimerID("v1", "case1", 3, "erinnern")
	if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(id) {
		t.Fatalf("id %q", id)
	}
	if again := workflows.TimerID("v1", "case1", 3, "erinnern"); again != id {
		t.Errorf("not stable: %s %s", id, again)
	}
	for _, other := range []string{
		workflows.TimerID("v2", "case1", 3, "erinnern"),
		workflows.TimerID("v1", "case2", 3, "erinnern"),
		workflows.TimerID("v1", "case1", 4, "erinnern"),
		workflows.TimerID("v1", "case1", 3, "sla"),
		workflows.TimerID("v1", "case13", 0, "erinnern"), // no ambiguity when parts are joined
	} {
		if other == id {
			t.Errorf("collision with %s", other)
		}
	}
}

// Taking the same transition twice from the same case (a retried request)
// arms timers with the same ids: a unique index stores them once.
func TestTimersArmIdempotently(t *testing.T) {
	w := compileBase(t, nil)
	c := baseCase("neu", workflows.RoleCounsellor)
	req := workflows.Request{Transition: "starten", Step: map[string]any{"art": "a"}}
	a, _ := w.Take(c, req)
	b, _ := w.Take(c, req)
	if len(a.Timers) != 2 || a.Timers[0].ID != b.Timers[0].ID || a.Timers[1].ID != b.Timers[1].ID {
		t.Errorf("ids differ: %+v %+v", a.Timers, b.Timers)
	}
	if a.Timers[0].ID == a.Timers[1].ID {
		t.Error("two schedules share an id")
	}
}

// Due dates count days on the Berlin calendar: the clock time stays across
// the change to summer time.
func TestTimerDueAcrossDST(t *testing.T) {
	w := demo(t)
	c := sampleCase("", at(2026, 3, 20, 10), at(2026, 3, 20, 10))
	o, err := w.Start(c)
	if err != nil {
		t.Fatal(err)
	}
	if due := o.Timers[0].Due; !due.Equal(at(2026, 4, 3, 10)) || due.In(berlin).Hour() != 10 {
		t.Errorf("due %v", due)
	}
	if got := o.Tasks[0].Due; got != "2026-04-03" {
		t.Errorf("task due %s", got)
	}
}

// A timer is void once the case left the state entry that armed it, unless
// while_in keeps it; a stay transition changes nothing.
func TestTimerVoid(t *testing.T) {
	w := demo(t)
	c := place(t, w, "in_massnahme", at(2026, 3, 1, 9))
	timer := func(key string) workflows.Timer {
		for _, tm := range c.Timers {
			if tm.Key == key {
				return tm
			}
		}
		t.Fatalf("no timer %s in %+v", key, c.Timers)
		return workflows.Timer{}
	}
	auto, follow := timer("nachbetreuung_starten"), timer("nachbetreuung_3_monate")
	late := c
	late.Now = at(2026, 9, 1, 9)

	moved, _ := w.Take(c, workflows.Request{Transition: "nachbetreuung_beginnen"})
	inFollowUp := late.After(moved)
	if len(moved.Voided) != 1 || moved.Voided[0].ID != auto.ID {
		t.Errorf("nachbetreuung_beginnen voided %+v", moved.Voided)
	}
	ended, _ := w.Take(c, workflows.Request{Transition: "vermittlung_beendet", Step: map[string]any{"note": "Probezeit"}})
	backToPlan := late.After(ended)
	if len(ended.Voided) != 3 {
		t.Errorf("vermittlung_beendet voided %+v", ended.Voided)
	}
	otherVersion := late
	otherVersion.Version = "v2"
	otherCase := late
	otherCase.ID = "case2"
	stranger := auto
	stranger.Key = "gibt_es_nicht"

	tests := []struct {
		name  string
		c     workflows.CaseContext
		timer workflows.Timer
		want  string
	}{
		{"still in the entry", late, auto, workflows.FireFired},
		{"not due yet", c, auto, workflows.FireWaiting},
		{"moved on", inFollowUp, auto, workflows.FireVoid},
		{"while_in keeps it", inFollowUp, follow, workflows.FireFired},
		{"left while_in", backToPlan, follow, workflows.FireVoid},
		{"other version", otherVersion, follow, workflows.FireVoid},
		{"other case", otherCase, follow, workflows.FireVoid},
		{"unknown key", late, stranger, workflows.FireVoid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := w.Fire(tt.c, tt.timer); got.Result != tt.want {
				t.Errorf("got %s, want %s", got.Result, tt.want)
			}
		})
	}

	// A stay transition keeps the entry: the measure's timers live on.
	m := sampleCase("foerderplan", at(2026, 3, 1, 9), at(2026, 3, 1, 9))
	o, _ := w.Take(m, workflows.Request{Transition: "massnahme_beginnen", Step: map[string]any{"measure": "coaching"}})
	m = m.After(o)
	stay, err := w.Take(m, workflows.Request{Transition: "arbeitserlaubnis_erfassen", Step: map[string]any{"work_permit": "no"}})
	if err != nil || len(stay.Voided) != 0 {
		t.Fatalf("stay: %v %+v", err, stay)
	}
	m = m.After(stay)
	m.Now = at(2026, 4, 1, 9)
	if f := w.Fire(m, m.Timers[0]); f.Result != workflows.FireFired || f.Tasks[0].Title["de"] == "" {
		t.Errorf("after a stay: %+v", f)
	}
}

// An automatic transition is still checked against its guard; when it
// fails the timer is skipped with the reason, and the case stays.
func TestAutomaticTransitionGuard(t *testing.T) {
	w := compileBase(t, func(d *workflows.Definition) {
		d.Transitions[3].Guard = "!case.ok"
		d.Transitions[3].GuardReason = forms.Text{"de": "Der Fall läuft gut.", "en": "The case goes well."}
	})
	c := baseCase("neu", workflows.RoleCounsellor)
	o, err := w.Take(c, workflows.Request{Transition: "starten", Step: map[string]any{"art": "a", "termin": "2026-04-01"}})
	if err != nil {
		t.Fatal(err)
	}
	c = c.After(o)
	c.Now = c.Now.AddDate(0, 0, 30)
	auto := c.Timers[1]
	f := w.Fire(c, auto)
	if f.Result != workflows.FireSkipped || f.Reason == nil || f.Reason.Code != workflows.ErrGuardFalse || f.Reason.Message != "Der Fall läuft gut." || f.Outcome != nil {
		t.Errorf("ok case: %+v", f)
	}
	c.Fields["ok"] = false
	f = w.Fire(c, auto)
	if f.Result != workflows.FireFired || f.Outcome == nil || f.Outcome.To != "fertig" || !f.Outcome.Closed || f.Outcome.Actor.Role != workflows.RoleSystem {
		t.Errorf("not ok: %+v", f)
	}
}

// A cron job that runs every day and one that was down for months fire the
// same timers, each exactly once: due timers are never lost, fired ones
// are done for good.
func TestCronExactlyOnce(t *testing.T) {
	w := demo(t)
	start := place(t, w, "foerderplan", at(2026, 1, 5, 9))
	run := func(every int) []string {
		c := start
		c.Timers = slices.Clone(start.Timers) // DeleteFunc below works in place
		var fired []string
		for day := every; day <= 200; day += every {
			c.Now = start.Now.AddDate(0, 0, day)
			for _, tm := range slices.Clone(c.Timers) { // the pending timers, as stored
				f := w.Fire(c, tm)
				if f.Result == workflows.FireWaiting {
					continue
				}
				c.Timers = slices.DeleteFunc(c.Timers, func(x workflows.Timer) bool { return x.ID == tm.ID })
				if f.Result == workflows.FireFired {
					fired = append(fired, tm.Key)
				}
				if f.Outcome != nil {
					c = c.After(f.Outcome)
				}
			}
		}
		slices.Sort(fired)
		return fired
	}
	want := []string{"nachbetreuung_3_monate", "nachbetreuung_6_monate", "nachbetreuung_starten"}
	for _, every := range []int{1, 7, 100} {
		if got := run(every); !slices.Equal(got, want) {
			t.Errorf("cron every %d days fired %v, want %v", every, got, want)
		}
	}
}
