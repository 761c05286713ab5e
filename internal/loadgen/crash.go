package loadgen

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"
)

// CrashConfig sizes the kill -9 drill.
type CrashConfig struct {
	Cycles       int           // kill and restart this many times
	Clients      int           // concurrent registrations while the kill comes
	MinUp, MaxUp time.Duration // the kill comes at a random moment in this window after the load starts
}

// CrashReport is what the drill saw.
type CrashReport struct {
	Cycles, Acked, Unknown int // acknowledged registrations; sent without an answer
	Problems               []string
}

// Crash kills the server with SIGKILL at random moments while registrations
// arrive, restarts it, and checks after every restart that every
// acknowledged registration is there with its participant, case and first
// event, that no registration is half-written, and that SQLite's integrity
// check passes. Registrations that got no answer are then sent again with
// the same idempotency key, as the registration page does: each must now
// succeed exactly once (replayed if it had been stored).
func Crash(ctx context.Context, env *Env, cfg CrashConfig, out io.Writer) (*CrashReport, error) {
	if env.Server == nil {
		return nil, fmt.Errorf("the crash drill starts and kills the server itself: give it a binary, not a URL")
	}
	base, err := ReadState(env.Dir(), nil)
	if err != nil {
		return nil, err
	}
	rep := &CrashReport{}
	var acked []Ack
	for cycle := range cfg.Cycles {
		up := cfg.MinUp + time.Duration(rand.Int64N(int64(cfg.MaxUp-cfg.MinUp)+1))
		loadCtx, stop := context.WithCancel(ctx)
		done := make(chan BurstResult, 1)
		go func() {
			done <- env.C.RunBurst(loadCtx, Burst{Load: Load{Clients: cfg.Clients}, Run: RunID(fmt.Sprintf("crash%d", cycle))})
		}()
		time.Sleep(up)
		env.Server.Kill()
		time.Sleep(20 * time.Millisecond) // let the clients see the broken connections
		stop()
		b := <-done
		for k, v := range b.Refused {
			rep.Problems = append(rep.Problems, fmt.Sprintf("cycle %d: %d registrations answered %s", cycle+1, v, k))
		}
		acked = append(acked, b.Acked...)
		rep.Acked += len(b.Acked)
		rep.Unknown += len(b.Unknown)

		if err := env.Server.Start(ctx); err != nil {
			return rep, fmt.Errorf("cycle %d: restart: %w", cycle+1, err)
		}
		env.Pid = env.Server.Pid()
		st, err := ReadState(env.Dir(), acked)
		if err != nil {
			return rep, err
		}
		problems := st.Problems(base.CasesWithoutSubmission)
		retried, err := env.C.Retry(ctx, b.Unknown)
		if err != nil {
			problems = append(problems, "retry after restart: "+err.Error())
		}
		acked = append(acked, retried...)
		replayed := 0
		for _, a := range retried {
			if a.Replayed {
				replayed++
			}
		}
		fmt.Fprintf(out, "cycle %2d: killed after %4dms with %3d acknowledged, %2d without answer (%d of them had been stored); %s\n",
			cycle+1, up.Milliseconds(), len(b.Acked), len(b.Unknown), replayed, st)
		for _, p := range problems {
			rep.Problems = append(rep.Problems, fmt.Sprintf("cycle %d: %s", cycle+1, p))
		}
		rep.Cycles++
	}
	// The retries were acknowledged too: check everything once more.
	st, err := ReadState(env.Dir(), acked)
	if err != nil {
		return rep, err
	}
	rep.Problems = append(rep.Problems, st.Problems(base.CasesWithoutSubmission)...)
	fmt.Fprintf(out, "after %d kills: %s\n", rep.Cycles, st)
	return rep, nil
}
