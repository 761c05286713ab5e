package workflows_test

import (
	"testing"
	"time"

	"github.com/multipotenzial/multipotenzial/workflows"
)

// BenchmarkTake measures the pure core's transitions per second on the
// demo workflow: the placement (role, guard, step form of three fields,
// four set actions, a notification rendered in seven languages, three
// timers armed, two voided) and a light transition (one task).
func BenchmarkTake(b *testing.B) {
	w := demo(b)
	now := at(2026, 3, 2, 10)
	placement := sampleCase("in_massnahme", now.AddDate(0, 0, -30), now)
	placement.Fields = map[string]any{"work_permit": "yes", "measure": "coaching"}
	placement.Timers = []workflows.Timer{{ID: "a", Key: "massnahme_pruefen"}, {ID: "b", Key: "sla"}}
	light := sampleCase("erstgespraech", now.AddDate(0, 0, -3), now)
	for _, bc := range []struct {
		name string
		c    workflows.CaseContext
		req  workflows.Request
	}{
		{"placement", placement, workflows.Request{Transition: "vermitteln", Language: "de", Comment: "Zusage per Telefon",
			Step: map[string]any{"placement_type": "work", "employer": "Holzbau Sommer GmbH", "start_date": "2026-04-01"}}},
		{"light", light, workflows.Request{Transition: "erstgespraech_gefuehrt", Language: "de"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			start := time.Now()
			for b.Loop() {
				if _, err := w.Take(bc.c, bc.req); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "transitions/s")
		})
	}
}

// BenchmarkOptions measures listing the options of a case (four
// transitions, one guard, two step forms localized).
func BenchmarkOptions(b *testing.B) {
	w := demo(b)
	c := sampleCase("in_massnahme", at(2026, 3, 1, 10), at(2026, 3, 2, 10))
	b.ReportAllocs()
	for b.Loop() {
		if len(w.Options(c, "de")) != 4 {
			b.Fatal("options")
		}
	}
}

// BenchmarkFire measures the cron job's decision for one due reminder.
func BenchmarkFire(b *testing.B) {
	w := demo(b)
	c := place(b, w, "in_massnahme", at(2026, 3, 1, 10))
	c.Now = at(2026, 6, 15, 10)
	tm := c.Timers[0]
	b.ReportAllocs()
	for b.Loop() {
		if w.Fire(c, tm).Result != workflows.FireFired {
			b.Fatal("not fired")
		}
	}
}
