package loadgen

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"syscall"
	"time"
)

// DiskFullConfig sizes the disk-full drill.
type DiskFullConfig struct {
	SizeMB  int           // size of the tmpfs that holds pb_data
	Clients int           // concurrent registrations
	Full    time.Duration // how long to send while the disk is full
	Bin     string        // the server binary
	Keep    bool          // leave the tmpfs mounted (for a look around)
}

// DiskFullReport is what the drill saw.
type DiskFullReport struct {
	WhileFull       map[string]int // answers while full: "status message" → count
	BackupWhileFull string
	ReadsWhileFull  Summary
	RecoveredAfter  time.Duration // from freeing space to the first stored registration
	State, Reopened DBState
	Problems        []string
}

// ErrNoTmpfs says the drill could not mount its small file system.
var ErrNoTmpfs = errors.New("the disk-full drill needs to mount a tmpfs (root or CAP_SYS_ADMIN)")

// DiskFull puts a fresh server's pb_data on a small tmpfs, registers people,
// fills the file system to the last byte, keeps sending registrations and
// counsellor reads (and asks for a backup), then frees the space. Requests
// must fail with clean HTTP errors while the disk is full (never a dropped
// connection, never a crash), reads must keep working, nothing acknowledged
// may be lost, the integrity check must pass, and the server must store
// registrations again once there is space, without a restart.
func DiskFull(ctx context.Context, cfg DiskFullConfig, out io.Writer) (*DiskFullReport, error) {
	mnt, err := os.MkdirTemp("", "mp-diskfull-*")
	if err != nil {
		return nil, err
	}
	defer os.Remove(mnt)
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, fmt.Sprintf("size=%dm,mode=0755", cfg.SizeMB)); err != nil {
		return nil, fmt.Errorf("%w: mount -t tmpfs on %s: %v", ErrNoTmpfs, mnt, err)
	}
	if !cfg.Keep {
		defer func() {
			if err := syscall.Unmount(mnt, 0); err != nil {
				_ = syscall.Unmount(mnt, syscall.MNT_DETACH)
			}
		}()
	}
	env, err := StartEnv(ctx, EnvOptions{Bin: cfg.Bin, Dir: filepath.Join(mnt, "pb_data")})
	if err != nil {
		return nil, err
	}
	defer env.Close()
	rep := &DiskFullReport{WhileFull: map[string]int{}}
	var acked []Ack
	base, err := ReadState(env.Dir(), nil)
	if err != nil {
		return nil, err
	}

	// With space: registrations are stored.
	b := env.C.RunBurst(ctx, Burst{Load: Load{Clients: cfg.Clients, Total: 100}, Run: RunID("space")})
	acked = append(acked, b.Acked...)
	if len(b.Acked) != 100 {
		return rep, fmt.Errorf("with space, %d of 100 registrations were stored: %v", len(b.Acked), b.Refused)
	}
	staff, err := loginCounsellors(ctx, env)
	if err != nil {
		return rep, err
	}

	filler := filepath.Join(mnt, "filler")
	free, err := fill(filler)
	if err != nil {
		return rep, err
	}
	fmt.Fprintf(out, "disk full: %d MB tmpfs filled (%d bytes left)\n", cfg.SizeMB, free)

	// Full: registrations fail cleanly, reads go on.
	fullCtx, stopFull := context.WithTimeout(ctx, cfg.Full)
	readsDone := make(chan []Summary, 1)
	go func() {
		samples, elapsed := Load{Clients: 2}.Run(fullCtx, env.C, func(ctx context.Context, w *Worker) {
			me := staff[w.ID%len(staff)]
			_, _ = w.Do(ctx, "inbox", Request{Method: "GET", Path: "/api/collections/cases/records?" + InboxQuery.Encode(), Token: me.token})
		})
		readsDone <- Summarize(samples, elapsed)
	}()
	full := env.C.RunBurst(fullCtx, Burst{Load: Load{Clients: cfg.Clients}, Run: RunID("full")})
	stopFull()
	if reads := <-readsDone; len(reads) > 0 {
		rep.ReadsWhileFull = reads[0]
	}
	acked = append(acked, full.Acked...)
	for k, v := range full.Refused {
		rep.WhileFull[k] += v
	}
	if len(full.Acked) > 0 {
		rep.WhileFull["201 stored anyway"] += len(full.Acked)
	}
	if full.Dropped > 0 {
		rep.Problems = append(rep.Problems, fmt.Sprintf("%d registrations got no answer while the disk was full (%s)", full.Dropped, full.FirstDrop))
	}
	// A full disk passes: a refused registration is a 503 the page retries
	// (storage_unavailable, with Retry-After), never a 500.
	for k := range rep.WhileFull {
		if k != "201 stored anyway" && k != "503 _form:storage_unavailable" {
			rep.Problems = append(rep.Problems, "a registration refused otherwise than with 503 storage_unavailable while full: "+k)
		}
	}
	res, err := env.C.Send(ctx, Request{Method: "POST", Path: "/api/backups", Token: env.SU,
		Body: jsonOf(map[string]string{"name": "while_full.zip"})})
	switch {
	case err != nil:
		rep.BackupWhileFull = "no answer: " + err.Error()
		rep.Problems = append(rep.Problems, "backup while full: no answer")
	case res.Status < 300:
		rep.BackupWhileFull = fmt.Sprintf("%d (claims success)", res.Status)
		rep.Problems = append(rep.Problems, "a backup on a full disk claimed success")
	default:
		rep.BackupWhileFull = fmt.Sprintf("%d %s", res.Status, refusal(res))
	}
	var backups []struct {
		Key string `json:"key"`
	}
	if err := env.C.JSON(ctx, "GET", "/api/backups", env.SU, nil, &backups); err != nil {
		rep.Problems = append(rep.Problems, "listing backups while full: "+err.Error())
	}
	for _, b := range backups {
		if b.Key == "while_full.zip" {
			rep.Problems = append(rep.Problems, "the failed backup left an archive behind")
		}
	}
	if rs := rep.ReadsWhileFull; rs.N == 0 || rs.OK != rs.N {
		rep.Problems = append(rep.Problems, fmt.Sprintf("counsellor reads while full: %s", rs.StatusList()))
	}
	if !env.Server.Alive() {
		return rep, fmt.Errorf("the server died on the full disk; log %s", env.Server.Log)
	}
	printCounts(out, "while full, registrations were answered", rep.WhileFull)
	fmt.Fprintf(out, "while full: %d counsellor inbox reads (%s), backup answered %s\n", rep.ReadsWhileFull.N, rep.ReadsWhileFull.StatusList(), rep.BackupWhileFull)

	// Space again: the same server stores registrations again.
	if err := os.Remove(filler); err != nil {
		return rep, err
	}
	freed := time.Now()
	for i := 0; ; i++ {
		reg := NewRegistration(newRand(), RunID("recover"), i)
		pow, err := env.C.FetchPow(ctx)
		if err == nil {
			res, err := env.C.Send(ctx, reg.Request(pow))
			if err == nil && res.Status == 201 {
				a := Ack{Tenant: reg.Tenant, Key: reg.Key}
				_ = json.Unmarshal(res.Body, &a)
				acked = append(acked, a)
				break
			}
		}
		if time.Since(freed) > 30*time.Second {
			return rep, fmt.Errorf("no registration stored within 30 s after the space returned")
		}
		time.Sleep(100 * time.Millisecond)
	}
	rep.RecoveredAfter = time.Since(freed)
	after := env.C.RunBurst(ctx, Burst{Load: Load{Clients: cfg.Clients, Total: 100}, Run: RunID("after")})
	acked = append(acked, after.Acked...)
	if len(after.Acked) != 100 {
		rep.Problems = append(rep.Problems, fmt.Sprintf("after the space returned, %d of 100 registrations were stored: %v", len(after.Acked), after.Refused))
	}
	fmt.Fprintf(out, "space freed: first registration stored after %s, then %d of 100\n", rep.RecoveredAfter.Round(time.Millisecond), len(after.Acked))

	if rep.State, err = ReadState(env.Dir(), acked); err != nil {
		return rep, err
	}
	rep.Problems = append(rep.Problems, rep.State.Problems(base.CasesWithoutSubmission)...)
	env.Server.Stop()
	if err := env.Server.Start(ctx); err != nil {
		return rep, fmt.Errorf("restart after the drill: %w", err)
	}
	if rep.Reopened, err = ReadState(env.Dir(), acked); err != nil {
		return rep, err
	}
	rep.Problems = append(rep.Problems, prefix("after a restart: ", rep.Reopened.Problems(base.CasesWithoutSubmission))...)
	fmt.Fprintf(out, "data: %s\nafter a restart: %s\n", rep.State, rep.Reopened)
	return rep, nil
}

// fill writes path until the file system is full and returns what is left.
func fill(path string) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	for _, size := range []int{1 << 20, 64 << 10, 4 << 10, 512, 1} {
		buf := make([]byte, size)
		for {
			if _, err := f.Write(buf); err != nil {
				if errors.Is(err, syscall.ENOSPC) {
					break
				}
				return 0, err
			}
		}
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs(filepath.Dir(path), &st); err != nil {
		return 0, err
	}
	return int64(st.Bavail) * st.Bsize, nil
}

func printCounts(out io.Writer, title string, m map[string]int) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintf(out, "%s:\n", title)
	for _, k := range keys {
		fmt.Fprintf(out, "  %6d × %s\n", m[k], k)
	}
}
