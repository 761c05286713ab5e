package loadgen

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Server is a MultiPotenzial process started by the tool (`serve`), so the
// drills can kill it, restart it and read its memory.
type Server struct {
	Bin  string   // the multipotenzial binary
	Dir  string   // its data directory (--dir)
	Addr string   // host:port to listen on
	Demo bool     // seed the demo data on the first start (--demo)
	Env  []string // extra environment, e.g. MP_POW_DIFFICULTY=4
	Log  string   // file for its output; default Dir + ".log"

	cmd  *exec.Cmd
	done chan struct{}
}

// URL is the server's base URL.
func (s *Server) URL() string { return "http://" + s.Addr }

// Start starts the server and waits until /api/health answers.
func (s *Server) Start(ctx context.Context) error {
	if s.Log == "" {
		s.Log = strings.TrimSuffix(s.Dir, "/") + ".log"
	}
	logf, err := os.OpenFile(s.Log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	args := []string{"serve", "--dir", s.Dir, "--http", s.Addr, "--publicDir", filepath.Join(s.Dir, "no_public")}
	if s.Demo {
		args = append(args, "--demo")
	}
	cmd := exec.Command(s.Bin, args...)
	cmd.Env = append(os.Environ(), s.Env...)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		return err
	}
	s.cmd, s.done = cmd, make(chan struct{})
	go func() {
		_ = cmd.Wait()
		logf.Close()
		close(s.done)
	}()
	return s.WaitHealthy(ctx, 90*time.Second)
}

// WaitHealthy polls /api/health until it answers 200 (also after a restore,
// when PocketBase restarts itself in the same process).
func (s *Server) WaitHealthy(ctx context.Context, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	c := &http.Client{Timeout: 2 * time.Second}
	for time.Now().Before(deadline) {
		if !s.Alive() {
			return fmt.Errorf("server exited during start; see %s:\n%s", s.Log, s.tail(20))
		}
		res, err := c.Get(s.URL() + "/api/health")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	return fmt.Errorf("server not healthy after %s; see %s:\n%s", limit, s.Log, s.tail(20))
}

// Alive reports whether the process runs.
func (s *Server) Alive() bool {
	if s.done == nil {
		return false
	}
	select {
	case <-s.done:
		return false
	default:
		return true
	}
}

// Pid is the server's process id.
func (s *Server) Pid() int {
	if s.cmd == nil || s.cmd.Process == nil {
		return 0
	}
	return s.cmd.Process.Pid
}

// Kill sends SIGKILL (a crash: no shutdown code runs) and waits for the exit.
func (s *Server) Kill() {
	if !s.Alive() {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.done
}

// Stop shuts the server down gracefully (SIGTERM), killing it after 15 s.
func (s *Server) Stop() {
	if !s.Alive() {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(15 * time.Second):
		s.Kill()
	}
}

func (s *Server) tail(n int) string {
	raw, _ := os.ReadFile(s.Log)
	lines := strings.Split(strings.TrimRight(string(raw), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// Mem is a process's memory from /proc/<pid>/status.
type Mem struct {
	RSS, HWM int64 // VmRSS and VmHWM (peak RSS), bytes
	// RSS split: anonymous (Go heap, SQLite page caches) and file-backed
	// (the binary's pages that were run).
	Anon, File int64
}

func (m Mem) String() string {
	const mb = 1 << 20
	return fmt.Sprintf("VmRSS %.0f MB (anon %.0f, file %.0f), VmHWM %.0f MB",
		float64(m.RSS)/mb, float64(m.Anon)/mb, float64(m.File)/mb, float64(m.HWM)/mb)
}

// ReadMem reads VmRSS, its split and VmHWM of pid.
func ReadMem(pid int) (Mem, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return Mem{}, err
	}
	defer f.Close()
	var m Mem
	fields := map[string]*int64{"VmRSS": &m.RSS, "VmHWM": &m.HWM, "RssAnon": &m.Anon, "RssFile": &m.File}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		field := fields[k]
		if !ok || field == nil {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		if err != nil {
			return Mem{}, err
		}
		*field = kb << 10
	}
	return m, sc.Err()
}

// ReadCPU returns the CPU time (user + system) pid has used so far: divided
// by the requests of a phase it gives the server's cost per request, a
// figure that, unlike latency, other work on the machine barely moves.
func ReadCPU(pid int) (time.Duration, error) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name (field 2) may hold spaces; fields count from after it.
	rest := string(raw[strings.LastIndexByte(string(raw), ')')+2:])
	f := strings.Fields(rest)
	if len(f) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: too short", pid)
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("/proc/%d/stat: %v %v", pid, err1, err2)
	}
	const clockTicks = 100 // USER_HZ on Linux
	return time.Duration(utime+stime) * time.Second / clockTicks, nil
}

// UpsertSuperuser creates or updates a superuser in dir with the binary's
// CLI (the server must not be running on dir... it may, SQLite allows it).
func UpsertSuperuser(bin, dir, email, password string) error {
	out, err := exec.Command(bin, "superuser", "upsert", email, password, "--dir", dir).CombinedOutput()
	if err != nil {
		return fmt.Errorf("superuser upsert: %w: %s", err, out)
	}
	return nil
}

// FreeAddr returns a loopback address with a port nobody listens on now.
func FreeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// ErrServerDown is returned when the server process is gone.
var ErrServerDown = errors.New("server process is not running")
