package workflows_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/multipotenzial/multipotenzial/workflows"
)

// walker drives one case through Take and Fire as the adapter would,
// applying every outcome with CaseContext.After.
type walker struct {
	t *testing.T
	w *workflows.Workflow
	c workflows.CaseContext
}

func (wk *walker) take(key string, step map[string]any) *workflows.Outcome {
	wk.t.Helper()
	o, err := wk.w.Take(wk.c, workflows.Request{Transition: key, Step: step, Language: "de"})
	if err != nil {
		wk.t.Fatalf("take %s in %s: %v", key, wk.c.State, err)
	}
	wk.c = wk.c.After(o)
	return o
}

// advance moves the clock and fires every pending timer now due.
func (wk *walker) advance(days int) []workflows.Firing {
	wk.t.Helper()
	wk.c.Now = wk.c.Now.AddDate(0, 0, days)
	var out []workflows.Firing
	for _, tm := range slices.Clone(wk.c.Timers) {
		f := wk.w.Fire(wk.c, tm)
		if f.Result == workflows.FireWaiting {
			continue
		}
		wk.c.Timers = slices.DeleteFunc(wk.c.Timers, func(x workflows.Timer) bool { return x.ID == tm.ID })
		if f.Outcome != nil {
			wk.c = wk.c.After(f.Outcome)
		}
		out = append(out, f)
	}
	return out
}

func keys(fs []workflows.Firing) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Timer.Key+":"+f.Result)
	}
	return out
}

// A demo case walks from registration to closed: tasks, notifications,
// SLA, the work-permit guard, follow-up timers and the automatic start of
// follow-up support.
func TestDemoWalk(t *testing.T) {
	w := demo(t)
	opened := at(2026, 3, 2, 10) // a Monday
	c := sampleCase("", opened, opened)
	c.Answers["residence_status"] = "asylum_procedure" // work is not permitted by the status itself
	delete(c.Answers, "permit_valid_until")
	wk := &walker{t: t, w: w, c: c}

	start, err := w.Start(wk.c)
	if err != nil {
		t.Fatal(err)
	}
	wk.c = wk.c.After(start)
	if got := start.Tasks[0]; got.Title["de"] != "Erstkontakt aufnehmen" || got.Due != "2026-03-16" || got.Assignee != "u_counsellor" {
		t.Errorf("first task = %+v", got)
	}
	if len(start.Timers) != 1 || start.Timers[0].Key != "sla" || !start.Timers[0].Due.Equal(at(2026, 3, 16, 10)) {
		t.Errorf("start timers = %+v", start.Timers)
	}
	if v, ok := start.Set["work_permit"]; !ok || v != "" {
		t.Errorf("work_permit from intake = %v, want \"\" (asylum procedure)", v)
	}

	// The SLA runs out: the assignee is told, an unassigned task appears.
	fired := wk.advance(15)
	if got := keys(fired); !slices.Equal(got, []string{"sla:fired"}) || len(fired[0].Notifications) != 1 || len(fired[0].Tasks) != 1 {
		t.Fatalf("after 15 days fired %v: %+v", got, fired)
	}
	if got := fired[0].Notifications[0].Subject["de"]; got != "Erstkontakt überfällig: BWTW-2026-00042" {
		t.Errorf("SLA subject = %q", got)
	}

	o := wk.take("termin_vereinbaren", map[string]any{"meeting_date": "2026-03-20"})
	n := o.Notifications[0]
	if n.To != "participant" || n.Language != "ar" || !strings.Contains(n.Body["ar"], "2026-03-20") || !strings.Contains(n.Body["de"], "20.03.2026") {
		t.Errorf("meeting notification = %+v", n)
	}
	if subject, _ := n.Text(); subject != "موعد مقابلتك الأولى" {
		t.Errorf("subject in the participant's language = %q", subject)
	}
	wk.advance(5)
	wk.take("erstgespraech_gefuehrt", nil)
	wk.advance(20)
	wk.take("profiling_abgeschlossen", map[string]any{"work_permit": "applied"})
	wk.take("massnahme_beginnen", map[string]any{"measure": "language_course"})

	// No placement while the permit is only applied for.
	_, err = w.Take(wk.c, workflows.Request{Transition: "vermitteln", Language: "en",
		Step: map[string]any{"placement_type": "work", "employer": "Holzbau Sommer GmbH", "start_date": "2026-05-04"}})
	var e *workflows.Error
	if !errors.As(err, &e) || e.Code != workflows.ErrGuardFalse || !strings.HasPrefix(e.Message, "A placement is only possible") {
		t.Fatalf("placement without permit: %v", err)
	}
	if got := keys(wk.advance(31)); !slices.Equal(got, []string{"massnahme_pruefen:fired"}) {
		t.Errorf("measure review: fired %v", got)
	}
	wk.take("arbeitserlaubnis_erfassen", map[string]any{"work_permit": "yes", "work_permit_until": "2027-12-31"})
	if wk.c.State != "in_massnahme" || wk.c.Fields["work_permit"] != "yes" {
		t.Fatalf("after recording the permit: %s %v", wk.c.State, wk.c.Fields)
	}
	placed := wk.take("vermitteln", map[string]any{"placement_type": "work", "employer": "Holzbau Sommer GmbH", "start_date": "2026-05-04"})
	if got := placed.Set["outcome"]; got != "work" {
		t.Errorf("outcome = %v", got)
	}
	if !strings.Contains(placed.Notifications[0].Body["ar"], "عمل") {
		t.Errorf("placement type not in Arabic: %q", placed.Notifications[0].Body["ar"])
	}

	// 14 days later follow-up support starts by itself; the 3 and 6 month
	// follow-ups survive that move.
	fired = wk.advance(14)
	if got := keys(fired); !slices.Equal(got, []string{"nachbetreuung_starten:fired"}) || wk.c.State != "nachbetreuung" {
		t.Fatalf("auto transition: %v, state %s", got, wk.c.State)
	}
	if fired[0].Outcome.Actor.Role != workflows.RoleSystem {
		t.Errorf("auto transition actor = %+v", fired[0].Outcome.Actor)
	}
	if got := keys(wk.advance(77)); !slices.Equal(got, []string{"nachbetreuung_3_monate:fired"}) {
		t.Errorf("after 91 days fired %v", got)
	}
	_, err = w.Take(wk.c, workflows.Request{Transition: "abschliessen", Language: "de"})
	if !errors.As(err, &e) || e.Code != workflows.ErrGuardFalse || !strings.Contains(e.Message, "6 Monate") {
		t.Errorf("early close: %v", err)
	}
	if got := keys(wk.advance(90)); !slices.Equal(got, []string{"nachbetreuung_6_monate:fired"}) {
		t.Errorf("after 181 days fired %v", got)
	}
	closed := wk.take("abschliessen", map[string]any{"summary": "Unbefristet übernommen."})
	if !closed.Closed || wk.c.State != "abgeschlossen" || len(wk.c.Timers) != 0 {
		t.Errorf("closed = %v, state %s, timers %v", closed.Closed, wk.c.State, wk.c.Timers)
	}
	if got := w.Options(wk.c, "de"); len(got) != 0 {
		t.Errorf("options of a closed case: %+v", got)
	}
}
