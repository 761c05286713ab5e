package loadgen

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/pocketbase/pocketbase/tools/security"
)

// Env is a server under test and what the drills need to drive it.
type Env struct {
	Server *Server // nil when attached to a server started by someone else
	C      *Client
	SU     string // superuser token
	Pid    int    // server pid for memory readings; 0 if unknown

	DemoPassword string // password of the demo staff accounts
}

// EnvOptions says which server to use.
type EnvOptions struct {
	// Bin and Dir start a throwaway server: Dir must be new or a data
	// directory of an earlier run (e.g. seeded). Addr defaults to a free port.
	Bin, Dir, Addr string
	// URL attaches to a running server instead (started with --demo on a
	// throwaway data directory!); the superuser logs in with SUEmail and
	// SUPassword; Pid (optional) lets the tool read the server's memory.
	URL                 string
	Pid                 int
	SUEmail, SUPassword string

	DemoPassword  string   // MP_DEMO_PASSWORD (default "loadtest-demo-pass")
	PowDifficulty int      // MP_POW_DIFFICULTY for a started server (default 4)
	Conns         int      // keep-alive connections of the client (default 64)
	Batch         bool     // enable the batch API for the comparison
	ServerEnv     []string // more environment of a started server (e.g. GOGC=200)
}

// StartEnv starts or attaches to the server, logs in as superuser and
// applies [LoadSettings].
func StartEnv(ctx context.Context, o EnvOptions) (*Env, error) {
	if o.DemoPassword == "" {
		o.DemoPassword = "loadtest-demo-pass"
	}
	if o.Conns == 0 {
		o.Conns = 64
	}
	env := &Env{DemoPassword: o.DemoPassword, Pid: o.Pid}
	base := o.URL
	if base == "" {
		if o.Bin == "" || o.Dir == "" {
			return nil, fmt.Errorf("either a server URL or a binary and a data directory are needed")
		}
		if o.PowDifficulty == 0 {
			o.PowDifficulty = 4
		}
		if o.Addr == "" {
			addr, err := FreeAddr()
			if err != nil {
				return nil, err
			}
			o.Addr = addr
		}
		if err := os.MkdirAll(o.Dir, 0o755); err != nil {
			return nil, err
		}
		o.SUEmail, o.SUPassword = "loadtest@multipotenzial.test", security.RandomString(24)
		if err := UpsertSuperuser(o.Bin, o.Dir, o.SUEmail, o.SUPassword); err != nil {
			return nil, err
		}
		env.Server = &Server{Bin: o.Bin, Dir: o.Dir, Addr: o.Addr, Demo: true,
			Env: append([]string{"MP_DEMO_PASSWORD=" + o.DemoPassword, "MP_POW_DIFFICULTY=" + strconv.Itoa(o.PowDifficulty)}, o.ServerEnv...)}
		if err := env.Server.Start(ctx); err != nil {
			return nil, err
		}
		env.Pid = env.Server.Pid()
		base = env.Server.URL()
	}
	env.C = NewClient(base, o.Conns)
	su, err := env.C.Login(ctx, "_superusers", o.SUEmail, o.SUPassword)
	if err != nil {
		env.Close()
		return nil, err
	}
	env.SU = su.Token
	if err := env.C.PrepareForLoad(ctx, env.SU, o.Batch); err != nil {
		env.Close()
		return nil, err
	}
	return env, nil
}

// Close stops a server the tool started.
func (e *Env) Close() {
	if e.Server != nil {
		e.Server.Stop()
	}
}

// Mem reads the server's memory, if its pid is known.
func (e *Env) Mem() (Mem, error) {
	if e.Pid == 0 {
		return Mem{}, fmt.Errorf("server pid unknown (pass --pid)")
	}
	return ReadMem(e.Pid)
}

// CPU reads the server's CPU time so far (0 if its pid is unknown).
func (e *Env) CPU() time.Duration {
	if e.Pid == 0 {
		return 0
	}
	d, _ := ReadCPU(e.Pid)
	return d
}

// Dir is the data directory of a started server ("" when attached).
func (e *Env) Dir() string {
	if e.Server == nil {
		return ""
	}
	return e.Server.Dir
}
