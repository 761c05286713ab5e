package hooks_test

import (
	"testing"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// BenchmarkTransition measures POST /api/mp/cases/{id}/transitions/{key}
// in-process: auth, load, engine (role, guard, step form), one transaction
// with the case update and the case event. It takes the "stay" transition
// that records a work permit, so it can repeat on one case.
// go test -run '^$' -bench Transition -benchtime 2000x ./hooks/
func BenchmarkTransition(b *testing.B) {
	app := testapp.New(b)
	app.Settings().RateLimits.Enabled = false
	c := testapp.Serve(b, app)
	cs := registered(b, app, c, "lift", "bench-transitions")
	walk(b, app, cs.Id, testapp.LiftCounsellor, toPlan("applied")...)
	tok := testapp.Token(b, app, testapp.LiftCounsellor)
	body := map[string]any{"step": map[string]any{"work_permit": "yes", "work_permit_until": "2029-01-31"}}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		res := c.Do("POST", "/api/mp/cases/"+cs.Id+"/transitions/arbeitserlaubnis_erfassen", tok, body)
		if res.Status != 200 {
			b.Fatalf("%d %s", res.Status, res.Body)
		}
	}
}
