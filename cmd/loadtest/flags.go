package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/multipotenzial/multipotenzial/internal/loadgen"
)

// serverFlags choose the server under test: a throwaway one started from
// --bin on --dir, or one already running at --url.
type serverFlags struct {
	bin, dir, url   string
	pid             int
	suEmail, suPass string
	demoPass        string
	pow             int
	keep            bool
	env             string
}

func (f *serverFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.bin, "bin", "bin/multipotenzial", "server binary to start (make build)")
	fs.StringVar(&f.dir, "dir", "", "data directory of the started server (default: a new temporary one, removed afterwards)")
	fs.StringVar(&f.url, "url", "", "use the server running here instead (started with --demo on a THROWAWAY data dir: the run enables the batch API and excludes 127.0.0.1 from rate limits)")
	fs.IntVar(&f.pid, "pid", 0, "with --url: the server's pid, to read its memory")
	fs.StringVar(&f.suEmail, "su-email", "", "with --url: superuser email")
	fs.StringVar(&f.suPass, "su-password", "", "with --url: superuser password")
	fs.StringVar(&f.demoPass, "demo-password", "loadtest-demo-pass", "password of the demo accounts (MP_DEMO_PASSWORD of the server)")
	fs.IntVar(&f.pow, "pow", 4, "proof-of-work difficulty of the started server (MP_POW_DIFFICULTY; production uses 16)")
	fs.BoolVar(&f.keep, "keep", false, "keep the temporary data directory")
	fs.StringVar(&f.env, "server-env", "", "extra environment of the started server, comma-separated (e.g. GOGC=200,GOMEMLIMIT=120MiB)")
}

// start returns the environment and a cleanup function.
func (f *serverFlags) start(ctx context.Context, batch bool) (*loadgen.Env, func(), error) {
	o := loadgen.EnvOptions{Bin: f.bin, Dir: f.dir, URL: f.url, Pid: f.pid, SUEmail: f.suEmail,
		SUPassword: f.suPass, DemoPassword: f.demoPass, PowDifficulty: f.pow, Batch: batch}
	if f.env != "" {
		o.ServerEnv = strings.Split(f.env, ",")
	}
	tmp := ""
	if f.url == "" && f.dir == "" {
		var err error
		if tmp, err = os.MkdirTemp("", "mp-loadtest-*"); err != nil {
			return nil, nil, err
		}
		o.Dir = filepath.Join(tmp, "pb_data")
	}
	env, err := loadgen.StartEnv(ctx, o)
	cleanup := func() {
		if env != nil {
			env.Close()
		}
		if tmp != "" && !f.keep {
			os.RemoveAll(tmp)
		} else if tmp != "" {
			fmt.Println("data directory kept:", o.Dir)
		}
	}
	if err != nil {
		cleanup()
		return nil, nil, err
	}
	return env, cleanup, nil
}
