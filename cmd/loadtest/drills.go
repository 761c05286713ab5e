package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/multipotenzial/multipotenzial/internal/loadgen"
)

func cmdSeed(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("seed", flag.ExitOnError)
	var sf serverFlags
	sf.register(fs)
	cases := fs.Int("cases", 10000, "fill up to this many cases")
	_ = fs.Parse(args)
	if sf.url == "" && sf.dir == "" {
		return errors.New("seed needs --dir (a data directory to keep) or --url")
	}
	env, cleanup, err := sf.start(ctx, false)
	if err != nil {
		return err
	}
	defer cleanup()
	_, err = loadgen.Seed(ctx, env, *cases, os.Stdout)
	return err
}

func cmdCrash(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("crash", flag.ExitOnError)
	var sf serverFlags
	sf.register(fs)
	var cfg loadgen.CrashConfig
	fs.IntVar(&cfg.Cycles, "cycles", 50, "kill -9 and restart this many times")
	fs.IntVar(&cfg.Clients, "clients", 16, "concurrent registrations")
	fs.DurationVar(&cfg.MinUp, "min-up", 200*time.Millisecond, "earliest kill after the load starts")
	fs.DurationVar(&cfg.MaxUp, "max-up", 3*time.Second, "latest kill after the load starts")
	return withServer(ctx, fs, &sf, args, func(env *loadgen.Env) ([]string, error) {
		rep, err := loadgen.Crash(ctx, env, cfg, os.Stdout)
		if err != nil {
			return nil, err
		}
		fmt.Printf("crash drill: %d kills, %d registrations acknowledged, %d sent without answer (all retried)\n",
			rep.Cycles, rep.Acked, rep.Unknown)
		return rep.Problems, nil
	})
}

func cmdBackup(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("backup", flag.ExitOnError)
	var sf serverFlags
	sf.register(fs)
	var cfg loadgen.BackupConfig
	cases := fs.Int("cases", 10000, "seed up to this many cases first, so the backup has some weight")
	fs.Float64Var(&cfg.Rate, "rate", 40, "registrations per second around the backup")
	fs.DurationVar(&cfg.Before, "before", 2*time.Second, "load before the backup starts")
	fs.DurationVar(&cfg.After, "after", time.Second, "load after the backup ended")
	fs.BoolVar(&cfg.Restore, "restore", true, "restore the archive into a fresh server through the API and compare")
	fs.DurationVar(&cfg.MaxWait, "max-wait", time.Second, "longest a write may take during the backup (0: report only)")
	return withServer(ctx, fs, &sf, args, func(env *loadgen.Env) ([]string, error) {
		if *cases > 0 {
			if _, err := loadgen.Seed(ctx, env, *cases, os.Stdout); err != nil {
				return nil, err
			}
		}
		rep, err := loadgen.BackupDrill(ctx, env, cfg, os.Stdout)
		if err != nil {
			return nil, err
		}
		return rep.Problems, nil
	})
}

func cmdDiskFull(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("diskfull", flag.ExitOnError)
	var cfg loadgen.DiskFullConfig
	fs.StringVar(&cfg.Bin, "bin", "bin/multipotenzial", "server binary to start")
	fs.IntVar(&cfg.SizeMB, "size", 48, "size of the tmpfs for pb_data, MB")
	fs.IntVar(&cfg.Clients, "clients", 8, "concurrent registrations")
	fs.DurationVar(&cfg.Full, "full", 10*time.Second, "how long to send while the disk is full")
	fs.BoolVar(&cfg.Keep, "keep", false, "leave the tmpfs mounted afterwards")
	_ = fs.Parse(args)
	rep, err := loadgen.DiskFull(ctx, cfg, os.Stdout)
	if err != nil {
		return err
	}
	return problems(rep.Problems)
}

func cmdBadInput(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("badinput", flag.ExitOnError)
	var sf serverFlags
	sf.register(fs)
	var cfg loadgen.BadInputConfig
	fs.IntVar(&cfg.Rounds, "rounds", 200, "send every kind this many times (the heavy ones once)")
	fs.IntVar(&cfg.Clients, "clients", 8, "concurrent clients")
	return withServer(ctx, fs, &sf, args, func(env *loadgen.Env) ([]string, error) {
		rep, err := loadgen.BadInput(ctx, env, cfg, os.Stdout)
		if err != nil {
			return nil, err
		}
		return rep.Problems, nil
	})
}

// withServer parses args, starts (or attaches to) the server and runs fn,
// which returns the drill's problems.
func withServer(ctx context.Context, fs *flag.FlagSet, sf *serverFlags, args []string,
	fn func(env *loadgen.Env) ([]string, error)) error {
	_ = fs.Parse(args)
	env, cleanup, err := sf.start(ctx, false)
	if err != nil {
		return err
	}
	defer cleanup()
	ps, err := fn(env)
	if err != nil {
		return err
	}
	return problems(ps)
}

func problems(ps []string) error {
	for _, p := range ps {
		fmt.Println("PROBLEM:", p)
	}
	if len(ps) > 0 {
		return fmt.Errorf("%d problems", len(ps))
	}
	fmt.Println("PASS")
	return nil
}
