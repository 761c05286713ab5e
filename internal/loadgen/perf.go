package loadgen

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"
)

// PerfConfig sizes the performance run; zero values skip a phase.
type PerfConfig struct {
	Cases       int           // seed the data up to this many cases first (through the route)
	Burst       int           // submissions per registration burst
	Clients     int           // concurrent clients of the bursts and the batch API
	BatchTotal  int           // batch requests per round (default Burst)
	Rounds      int           // rounds of burst + batch (default 1)
	Counsellors int           // concurrent counsellors of the inbox mix
	MixDuration time.Duration // how long the counsellors work
	KindsEach   time.Duration // then each kind of counsellor request alone, this long (0: skip)
	Subscribers int           // realtime subscribers
	RTRate      float64       // registrations per second while they listen
	RTDuration  time.Duration
	Settle      time.Duration // read the server's memory again after this long idle (0: skip)
}

// PerfReport holds the figures of a run.
type PerfReport struct {
	Seed         *Summary
	Bursts       []Summary
	Batches      []Summary
	Ratios       []float64 // submission rate / batch rate, per round
	BurstRefused map[string]int
	Mix          []Summary
	MixWrite     string // what the 20 % writes were (transitions or the stand-in)
	Kinds        []Summary
	Realtime     *RealtimeReport
	MemBefore    Mem
	MemAfter     Mem
	MemSettled   Mem
	State        DBState
	Problems     []string // correctness failures: 5xx, lost acknowledgements, half-written records
}

// MedianRatio is the median of the per-round ratios.
func (r PerfReport) MedianRatio() float64 {
	if len(r.Ratios) == 0 {
		return 0
	}
	s := slices.Clone(r.Ratios)
	slices.Sort(s)
	return s[len(s)/2]
}

// Perf runs the performance phases against env and prints as it goes: the
// seed, then the counsellors (on exactly cfg.Cases cases, before the bursts
// add their registrations), the bursts against the batch API, realtime, and
// the server's memory after all of it.
func Perf(ctx context.Context, env *Env, cfg PerfConfig, out io.Writer) (*PerfReport, error) {
	rep := &PerfReport{BurstRefused: map[string]int{}}
	if m, err := env.Mem(); err == nil {
		rep.MemBefore = m
		fmt.Fprintf(out, "server memory before: %s\n", m)
	}
	var acked []Ack
	if cfg.Cases > 0 {
		seed, err := Seed(ctx, env, cfg.Cases, out)
		if err != nil {
			return rep, err
		}
		rep.Seed = &seed.Summary
		acked = append(acked, seed.acked...)
	}
	fmt.Fprintln(out, Header)
	if cfg.Counsellors > 0 && cfg.MixDuration > 0 {
		mix, write, err := CounsellorMix(ctx, env, cfg.Counsellors, cfg.MixDuration)
		if err != nil {
			return rep, err
		}
		rep.Mix, rep.MixWrite = mix, write
		PrintTable(out, "counsellors", mix)
		fmt.Fprintf(out, "  the 20 %% writes: %s\n", write)
		for _, s := range mix {
			if s.C5xx+s.Errs > 0 {
				rep.Problems = append(rep.Problems, fmt.Sprintf("counsellor %s: %s (%s)", s.Kind, s.StatusList(), s.FirstErr))
			}
		}
	}
	if cfg.Counsellors > 0 && cfg.KindsEach > 0 {
		kinds, err := CounsellorKinds(ctx, env, cfg.Counsellors, cfg.KindsEach)
		if err != nil {
			return rep, err
		}
		rep.Kinds = kinds
		PrintTable(out, "alone", kinds)
		for _, s := range kinds {
			if s.C5xx+s.Errs > 0 {
				rep.Problems = append(rep.Problems, fmt.Sprintf("counsellor %s alone: %s (%s)", s.Kind, s.StatusList(), s.FirstErr))
			}
		}
	}
	if cfg.Burst > 0 {
		ids, err := env.C.LookupTenants(ctx, env.SU)
		if err != nil {
			return rep, err
		}
		for round := range max(1, cfg.Rounds) {
			b, err := runBurst(ctx, env, cfg.Burst, cfg.Clients, fmt.Sprintf("burst%d", round))
			if err != nil {
				return rep, err
			}
			acked = append(acked, b.Acked...)
			sum := b.Summary()
			sum.ServerCPU = b.ServerCPU
			rep.Bursts = append(rep.Bursts, sum)
			for k, v := range b.Refused {
				rep.BurstRefused[k] += v
			}
			fmt.Fprintln(out, sum.Line(fmt.Sprintf("burst %d", round+1)))
			total := cfg.BatchTotal
			if total == 0 {
				total = cfg.Burst
			}
			cpu0 := env.CPU()
			samples, elapsed := env.C.RunBatch(ctx, Load{Clients: cfg.Clients, Total: total}, ids, RunID("batch"), env.SU)
			bs := summarize("batch4", samples, elapsed)
			bs.ServerCPU = env.CPU() - cpu0
			rep.Batches = append(rep.Batches, bs)
			fmt.Fprintln(out, bs.Line(fmt.Sprintf("batch %d", round+1)))
			if bs.Rate() > 0 {
				rep.Ratios = append(rep.Ratios, sum.Rate()/bs.Rate())
			}
			if bs.C5xx+bs.Errs > 0 {
				rep.Problems = append(rep.Problems, fmt.Sprintf("batch API: %s (%s)", bs.StatusList(), bs.FirstErr))
			}
		}
		fmt.Fprintf(out, "submission route / batch API throughput: %.2f (median of %d rounds)\n", rep.MedianRatio(), len(rep.Ratios))
		for k, v := range rep.BurstRefused {
			fmt.Fprintf(out, "  refused submissions: %d × %s\n", v, k)
			if k[0] == '5' {
				rep.Problems = append(rep.Problems, fmt.Sprintf("%d submissions answered %s", v, k))
			}
		}
	}
	if cfg.Subscribers > 0 && cfg.RTDuration > 0 {
		rt, err := Realtime(ctx, env, cfg.Subscribers, cfg.RTRate, cfg.RTDuration)
		if err != nil {
			return rep, err
		}
		rep.Realtime = rt
		acked = append(acked, rt.Acked...)
		rt.Print(out)
		rep.Problems = append(rep.Problems, rt.Problems()...)
	}
	if m, err := env.Mem(); err == nil {
		rep.MemAfter = m
		fmt.Fprintf(out, "server memory after:  %s\n", m)
	}
	if cfg.Settle > 0 && env.Pid != 0 {
		time.Sleep(cfg.Settle)
		if m, err := env.Mem(); err == nil {
			rep.MemSettled = m
			fmt.Fprintf(out, "server memory after %s idle: %s\n", cfg.Settle, m)
		}
	}
	if dir := env.Dir(); dir != "" {
		st, err := ReadState(dir, acked)
		if err != nil {
			return rep, err
		}
		rep.State = st
		fmt.Fprintf(out, "data: %s\n", st)
		rep.Problems = append(rep.Problems, st.Problems(-1)...)
	}
	return rep, nil
}

// runBurst fetches the proofs of work (untimed, like a browser at form
// opening) and sends the burst.
func runBurst(ctx context.Context, env *Env, n, clients int, name string) (BurstResult, error) {
	pows, err := env.C.FetchPows(ctx, n, clients)
	if err != nil {
		return BurstResult{}, err
	}
	cpu0 := env.CPU()
	b := env.C.RunBurst(ctx, Burst{Load: Load{Clients: clients, Total: n}, Run: RunID(name), Pows: pows})
	b.ServerCPU = env.CPU() - cpu0
	return b, nil
}
