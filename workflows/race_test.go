package workflows_test

import (
	"sync"
	"testing"

	"github.com/multipotenzial/multipotenzial/workflows"
)

// A compiled workflow is shared by all requests: concurrent Options, Take
// and Fire on one Workflow give the same results as sequential ones (run
// with -race).
func TestConcurrentUse(t *testing.T) {
	w := demo(t)
	c := place(t, w, "in_massnahme", at(2026, 3, 1, 10))
	c.Now = at(2026, 6, 15, 10)
	want, err := w.Take(c, workflows.Request{Transition: "nachbetreuung_beginnen"})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				o, err := w.Take(c, workflows.Request{Transition: "nachbetreuung_beginnen"})
				if err != nil || o.To != want.To || len(o.Timers) != len(want.Timers) || len(o.Voided) != len(want.Voided) {
					t.Errorf("take: %v %+v", err, o)
					return
				}
				if len(w.Options(c, "ar")) != 3 || w.Fire(c, c.Timers[0]).Result != workflows.FireFired {
					t.Error("options or fire differ")
					return
				}
			}
		})
	}
	wg.Wait()
}
