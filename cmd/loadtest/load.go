package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/multipotenzial/multipotenzial/internal/loadgen"
)

func cmdLoad(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("load", flag.ExitOnError)
	var sf serverFlags
	sf.register(fs)
	var cfg loadgen.PerfConfig
	fs.IntVar(&cfg.Cases, "cases", 10000, "seed up to this many cases first, through the submission route")
	fs.IntVar(&cfg.Burst, "burst", 20000, "submissions per registration burst")
	fs.IntVar(&cfg.Clients, "clients", 50, "concurrent clients of the bursts and the batch API")
	fs.IntVar(&cfg.BatchTotal, "batch", 0, "batch requests (4 creates each) per round (default: as many as -burst)")
	fs.IntVar(&cfg.Rounds, "rounds", 3, "rounds of burst then batch; the ratio is their median")
	fs.IntVar(&cfg.Counsellors, "counsellors", 10, "concurrent counsellors working the inbox")
	fs.DurationVar(&cfg.MixDuration, "mix", 30*time.Second, "how long the counsellors work")
	fs.DurationVar(&cfg.KindsEach, "kinds", 10*time.Second, "then each kind of counsellor request alone for this long, same number of counsellors (0: skip)")
	fs.IntVar(&cfg.Subscribers, "subscribers", 200, "realtime subscribers (staff of all four Träger)")
	fs.Float64Var(&cfg.RTRate, "rt-rate", 100, "registrations per second while the subscribers listen")
	fs.DurationVar(&cfg.RTDuration, "rt", 20*time.Second, "how long the subscribers listen")
	fs.DurationVar(&cfg.Settle, "settle", 30*time.Second, "then read the server's memory again after this long idle (0: skip)")
	_ = fs.Parse(args)

	env, cleanup, err := sf.start(ctx, true)
	if err != nil {
		return err
	}
	defer cleanup()
	fmt.Printf("loadtest load: %s, %d CPUs, load average %s, server pid %d\n", time.Now().Format(time.RFC3339),
		runtime.NumCPU(), loadAvg(), env.Pid)
	rep, err := loadgen.Perf(ctx, env, cfg, os.Stdout)
	if err != nil {
		return err
	}
	fmt.Printf("load average after: %s\n", loadAvg())
	if len(rep.Problems) > 0 {
		for _, p := range rep.Problems {
			fmt.Println("PROBLEM:", p)
		}
		return fmt.Errorf("%d problems", len(rep.Problems))
	}
	return nil
}

func loadAvg() string {
	raw, err := os.ReadFile("/proc/loadavg")
	if err != nil || len(raw) < 14 {
		return "?"
	}
	return string(raw[:14])
}
