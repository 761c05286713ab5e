package hooks_test

import (
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/pocketbase/pocketbase/tools/security"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// BenchmarkSubmission measures the registration endpoint in-process
// (validation, proof of work check, one transaction with four records).
// Compare with BenchmarkBatchAPI, which writes the same four records through
// PocketBase's batch API without any checks: go test -bench 'Submission|BatchAPI' ./hooks/
func BenchmarkSubmission(b *testing.B) {
	app := testapp.New(b)
	app.Settings().RateLimits.Enabled = false
	c := testapp.Serve(b, app)
	bodies := make([]map[string]any, b.N)
	for i := range bodies {
		bodies[i] = submitBody(intakeAnswers(), "de", testapp.Pow(b, c))
	}
	var next atomic.Int64
	b.ReportAllocs()
	b.SetParallelism(25) // 50 concurrent clients on 2 cores, as cmd/loadtest
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := next.Add(1) - 1
			res := c.DoWith("POST", bwtwIntake+"/submissions",
				map[string]string{"Idempotency-Key": fmt.Sprintf("bench-%d-%d", b.N, i)}, bodies[i])
			if res.Status != 201 {
				b.Fatalf("%d %s", res.Status, res.Body)
			}
		}
	})
}

func BenchmarkBatchAPI(b *testing.B) {
	app := testapp.New(b)
	app.Settings().RateLimits.Enabled = false
	app.Settings().Batch.Enabled = true
	c := testapp.Serve(b, app)
	su := testapp.SuperuserToken(b, app)
	tenant := testapp.Tenant(b, app, "bwtw").Id
	offer := testapp.First(b, app, "cases", "bwtw").GetString("offer_type")
	answers := intakeAnswers()
	var next atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := next.Add(1)
			const idAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
			pid, cid := security.PseudorandomStringWithAlphabet(15, idAlphabet), security.PseudorandomStringWithAlphabet(15, idAlphabet)
			ref := fmt.Sprintf("BATCH-%d-%d", b.N, i)
			reqs := []map[string]any{
				{"method": "POST", "url": "/api/collections/participants/records", "body": map[string]any{"id": pid,
					"tenant": tenant, "first_name": "Rasha", "last_name": "Khalil", "status": "registered"}},
				{"method": "POST", "url": "/api/collections/cases/records", "body": map[string]any{"id": cid,
					"tenant": tenant, "participant": pid, "offer_type": offer, "reference": ref, "state": "angemeldet",
					"opened": "2026-11-25 10:00:00.000Z", "data": answers}},
				{"method": "POST", "url": "/api/collections/case_events/records", "body": map[string]any{
					"tenant": tenant, "case": cid, "type": "created", "to": "angemeldet"}},
				{"method": "POST", "url": "/api/collections/submissions/records", "body": map[string]any{
					"tenant": tenant, "offer_type": offer, "answers": answers, "status": "received",
					"participant": pid, "case": cid, "reference": ref}},
			}
			res := c.Do("POST", "/api/batch", su, map[string]any{"requests": reqs})
			if res.Status != 200 {
				b.Fatalf("%d %s", res.Status, res.Body)
			}
		}
	})
}
