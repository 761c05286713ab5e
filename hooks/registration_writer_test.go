package hooks_test

import (
	"encoding/json"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	"github.com/multipotenzial/multipotenzial/hooks"
	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// Registrations that arrive together share one transaction; one that fails
// inside it (here: the same Idempotency-Key as another of the batch, which
// only the unique index can notice) rolls back alone, leaving no participant
// or case behind, and every other one is stored whole and numbered in turn.
func TestRegistrationBatchRollsBackOnlyTheFailedOne(t *testing.T) {
	app := testapp.New(t)
	app.Settings().RateLimits.Enabled = false
	c := testapp.Serve(t, app)
	tenant := testapp.Tenant(t, app, "bwtw").Id
	count := func(col string) int {
		n, err := app.CountRecords(col, dbx.HashExp{"tenant": tenant})
		if err != nil {
			t.Fatal(err)
		}
		return int(n)
	}
	participants, cases, submissions := count("participants"), count("cases"), count("submissions")

	type request struct {
		key  string
		body map[string]any
	}
	var reqs []request
	for i := range 10 {
		reqs = append(reqs, request{fmt.Sprintf("batch-key-%02d", i),
			submitBody(with("last_name", fmt.Sprintf("Batch%02d", i)), "de", testapp.Pow(t, c))})
	}
	// The same answers again (a retry racing the first, with a proof of work
	// of its own) twice, and other answers under the first one's key.
	retry := func() request {
		return request{reqs[0].key, submitBody(with("last_name", "Batch00"), "de", testapp.Pow(t, c))}
	}
	reqs = append(reqs, retry(), retry(),
		request{reqs[0].key, submitBody(with("last_name", "Other"), "de", testapp.Pow(t, c))})

	entered, resume := hooks.PauseRegistrationWriter(app)
	answers := make([]testapp.Response, len(reqs))
	var wg sync.WaitGroup
	for i, r := range reqs {
		wg.Go(func() {
			answers[i] = c.DoWith("POST", bwtwIntake+"/submissions", map[string]string{"Idempotency-Key": r.key}, r.body)
		})
	}
	for deadline := time.Now().Add(10 * time.Second); entered() < int64(len(reqs)); {
		if time.Now().After(deadline) {
			resume()
			t.Fatalf("only %d of %d registrations reached the writer", entered(), len(reqs))
		}
		time.Sleep(5 * time.Millisecond)
	}
	resume()
	wg.Wait()

	type result struct {
		Reference string
		Replayed  bool
	}
	parse := func(i int) result {
		var r result
		if answers[i].Status != 201 || json.Unmarshal(answers[i].Body, &r) != nil || r.Reference == "" {
			t.Fatalf("registration %d: %d %s", i, answers[i].Status, answers[i].Body)
		}
		return r
	}
	refs := map[string]bool{}
	for i := 1; i < 10; i++ {
		r := parse(i)
		if r.Replayed {
			t.Fatalf("a first attempt was answered as a replay: %+v", r)
		}
		refs[r.Reference] = true
	}
	// Under the first key: the same answers three times, other answers once.
	// Whichever the writer took first is stored; the same answers again are
	// answered with its result, different ones with 409.
	if answers[12].Status == 201 {
		if r := parse(12); r.Replayed {
			t.Fatalf("the only request with these answers was answered as a replay: %+v", r)
		} else {
			refs[r.Reference] = true
		}
		for _, i := range []int{0, 10, 11} {
			if answers[i].Status != 409 {
				t.Fatalf("other answers under a used key: %d %s", answers[i].Status, answers[i].Body)
			}
		}
	} else {
		if answers[12].Status != 409 {
			t.Fatalf("other answers under a used key: %d %s", answers[12].Status, answers[12].Body)
		}
		same, stored := map[string]bool{}, 0
		for _, i := range []int{0, 10, 11} {
			r := parse(i)
			if !r.Replayed {
				stored++
			}
			same[r.Reference], refs[r.Reference] = true, true
		}
		if stored != 1 || len(same) != 1 {
			t.Fatalf("one key, one registration: %d stored, references %v", stored, same)
		}
	}
	if _, rolledBack := hooks.RegistrationWriterStats(app); rolledBack != 3 {
		t.Fatalf("%d registrations rolled back, want the 3 under a used key", rolledBack)
	}
	for col, before := range map[string]int{"participants": participants, "cases": cases, "submissions": submissions} {
		if n := count(col); n != before+10 {
			t.Fatalf("%s: %d new, want 10 (nothing of the rolled-back ones)", col, n-before)
		}
	}
	// Consecutive references: numbered in the writer, one after the other.
	sorted := make([]string, 0, len(refs))
	for r := range refs {
		sorted = append(sorted, r)
	}
	sort.Strings(sorted)
	if len(sorted) != 10 {
		t.Fatalf("references not unique: %v", sorted)
	}
	var lo, hi int
	_, _ = fmt.Sscanf(sorted[0][len(sorted[0])-5:], "%d", &lo)
	_, _ = fmt.Sscanf(sorted[9][len(sorted[9])-5:], "%d", &hi)
	if hi-lo != 9 {
		t.Fatalf("references with gaps: %v", sorted)
	}
	if brk, _, err := hooks.VerifyAuditChain(app); brk != nil || err != nil {
		t.Fatalf("audit chain: %+v %v", brk, err)
	}
}
