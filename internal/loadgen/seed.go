package loadgen

import (
	"context"
	"fmt"
	"io"
)

// SeedResult is a seeding phase.
type SeedResult struct {
	Summary
	Before, After int // cases before and after
	acked         []Ack
}

// Seed fills the server up to cases cases by registering people through the
// public submission route: the production path (validation, proof of work,
// reference numbers, one transaction of participant, submission, case and
// first event, and whatever else that path does as it grows, e.g. pinning a
// workflow version), not a shortcut that might write something the server
// never would. 10,000 take about 15 s on the 2-core machine.
func Seed(ctx context.Context, env *Env, cases int, out io.Writer) (*SeedResult, error) {
	before, err := env.C.CountRecords(ctx, env.SU, "cases", "")
	if err != nil {
		return nil, err
	}
	res := &SeedResult{Before: before, After: before}
	need := cases - before
	if need <= 0 {
		fmt.Fprintf(out, "seed: %d cases already there\n", before)
		return res, nil
	}
	const chunk = 5000
	var all []Sample
	for done := 0; done < need; done += chunk {
		n := min(chunk, need-done)
		b, err := runBurst(ctx, env, n, 50, "seed")
		if err != nil {
			return nil, err
		}
		if len(b.Unknown) > 0 || len(b.Acked) != n {
			return nil, fmt.Errorf("seed: %d of %d registrations stored (%v)", len(b.Acked), n, b.Refused)
		}
		all = append(all, b.Samples...)
		res.Elapsed += b.Elapsed
		res.acked = append(res.acked, b.Acked...)
	}
	res.Summary = summarize("submit", all, res.Elapsed)
	if res.After, err = env.C.CountRecords(ctx, env.SU, "cases", ""); err != nil {
		return nil, err
	}
	fmt.Fprintf(out, "seed: %d → %d cases through the submission route\n", before, res.After)
	fmt.Fprintln(out, Header)
	fmt.Fprintln(out, res.Summary.Line("seed"))
	return res, nil
}
