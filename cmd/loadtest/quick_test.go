package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/multipotenzial/multipotenzial/internal/loadgen"
)

// The quick versions of the load run and of every drill, against the real
// binary built from this checkout, each on its own throwaway data
// directory. Timings are printed, never asserted: the machine is shared.
// What is asserted is correctness: no 5xx, every acknowledged registration
// stored whole, integrity ok, the server up. The long versions are the
// loadtest commands (docs/RELIABILITY.md).

var serverBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "mp-loadtest-bin-*")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	serverBin = filepath.Join(dir, "multipotenzial")
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	build := exec.Command("go", "build", "-o", serverBin, ".")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building the server: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func startEnv(t *testing.T, batch bool) *loadgen.Env {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	env, err := loadgen.StartEnv(ctx, loadgen.EnvOptions{Bin: serverBin, Dir: filepath.Join(t.TempDir(), "pb_data"), Batch: batch})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(env.Close)
	return env
}

// logWriter prints through t.Log, so `go test -v` shows the figures.
type logWriter struct{ t *testing.T }

func (w logWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func noProblems(t *testing.T, ps []string) {
	t.Helper()
	for _, p := range ps {
		t.Error(p)
	}
}

func TestQuickLoad(t *testing.T) {
	env := startEnv(t, true)
	rep, err := loadgen.Perf(context.Background(), env, loadgen.PerfConfig{
		Burst: 200, Clients: 16, Rounds: 1,
		Counsellors: 4, MixDuration: 1500 * time.Millisecond,
		Subscribers: 16, RTRate: 20, RTDuration: 1500 * time.Millisecond,
	}, logWriter{t})
	if err != nil {
		t.Fatal(err)
	}
	noProblems(t, rep.Problems)
	if n := rep.Bursts[0].OK; n != 200 {
		t.Errorf("%d of 200 registrations stored", n)
	}
	t.Logf("submission route / batch API throughput: %.2f (printed, not asserted)", rep.MedianRatio())
}

func TestQuickCrash(t *testing.T) {
	env := startEnv(t, false)
	rep, err := loadgen.Crash(context.Background(), env, loadgen.CrashConfig{Cycles: 4, Clients: 8,
		MinUp: 150 * time.Millisecond, MaxUp: 700 * time.Millisecond}, logWriter{t})
	if err != nil {
		t.Fatal(err)
	}
	noProblems(t, rep.Problems)
	if rep.Acked == 0 {
		t.Error("no registration was acknowledged: the drill proved nothing")
	}
}

func TestQuickBadInput(t *testing.T) {
	env := startEnv(t, false)
	rep, err := loadgen.BadInput(context.Background(), env, loadgen.BadInputConfig{Rounds: 3, Clients: 4}, logWriter{t})
	if err != nil {
		t.Fatal(err)
	}
	noProblems(t, rep.Problems)
}

// The quick backup drill checks what the backup must never do (lose or
// half-write a registration, fail, restore differently); how long writes
// waited it reports, as timings on a shared CI machine measure the machine:
// `make drill-backup` judges them (docs/RELIABILITY.md).
func TestQuickBackup(t *testing.T) {
	env := startEnv(t, false)
	rep, err := loadgen.BackupDrill(context.Background(), env, loadgen.BackupConfig{Rate: 100, Before: 700 * time.Millisecond,
		After: 300 * time.Millisecond, Restore: true}, logWriter{t})
	if err != nil {
		t.Fatal(err)
	}
	noProblems(t, rep.Problems)
}

// The disk-full drill mounts a tmpfs, which needs root (or CAP_SYS_ADMIN).
// Where that is impossible it fails and says so; MP_SKIP_DISKFULL=1 turns
// the failure into an explicit skip for such environments.
func TestQuickDiskFull(t *testing.T) {
	rep, err := loadgen.DiskFull(context.Background(), loadgen.DiskFullConfig{Bin: serverBin, SizeMB: 40,
		Clients: 4, Full: 1500 * time.Millisecond}, logWriter{t})
	if errors.Is(err, loadgen.ErrNoTmpfs) {
		if os.Getenv("MP_SKIP_DISKFULL") == "1" {
			t.Skipf("MP_SKIP_DISKFULL=1: %v", err)
		}
		t.Fatalf("%v\nrun the tests as root (CI containers: --cap-add SYS_ADMIN), or set MP_SKIP_DISKFULL=1 to skip this drill explicitly", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	noProblems(t, rep.Problems)
}
