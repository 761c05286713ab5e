package loadgen

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// BackupConfig sizes the backup drill.
type BackupConfig struct {
	Rate    float64       // registrations per second around the backup (open loop)
	Before  time.Duration // load before the backup starts
	After   time.Duration // load after it ended
	Restore bool          // also restore the archive into a fresh server through the API
	// MaxWait is the longest a write may take while the backup runs (0: the
	// latencies are reported, not judged: on a shared CI machine they measure
	// the machine; the make target judges them on a quiet one).
	MaxWait time.Duration
}

// BackupReport is what the drill saw.
type BackupReport struct {
	Took                 time.Duration // the backup request
	Size                 int
	WritesDuring         int           // registrations that overlapped the backup
	MaxDuring, P99During time.Duration // their latencies
	MaxOutside           time.Duration // the slowest registration outside the backup
	Archive              DBState       // the archive's data.db
	Restored             *DBState      // the restored server's data.db
	Problems             []string
}

// backupWorkers bounds the registrations in flight around the backup.
const backupWorkers = 32

// timedAck is an acknowledged registration with its request's start and end.
type timedAck struct {
	Ack
	start, end time.Time
}

// BackupDrill takes a backup through the API while registrations arrive at
// a steady rate (open loop: a busy day, not a saturating burst, whose
// queueing alone would make writes wait) and checks that no write waited
// longer than cfg.MaxWait, that the archive's
// database passes the integrity check and holds every registration
// acknowledged before the backup began (and none half-written), and, with
// cfg.Restore, that the archive restores through the API into a fresh
// server with the same counts.
func BackupDrill(ctx context.Context, env *Env, cfg BackupConfig, out io.Writer) (*BackupReport, error) {
	rep := &BackupReport{}
	base, err := env.C.CountRecords(ctx, env.SU, "submissions", "")
	if err != nil {
		return nil, err
	}
	var mu sync.Mutex
	var writes []timedAck
	var samples []timedSample
	loadCtx, stop := context.WithCancel(ctx)
	defer stop()
	done := make(chan struct{})
	run := RunID("backup")
	go func() {
		defer close(done)
		Paced(loadCtx, env.C, cfg.Rate, 24*time.Hour, backupWorkers, func(ctx context.Context, w *Worker) {
			pow, err := env.C.FetchPow(ctx)
			if err != nil {
				return
			}
			reg := NewRegistration(w.Rand, run, w.Seq)
			start := time.Now()
			res, err := w.Do(ctx, "submit", reg.Request(pow))
			end := time.Now()
			mu.Lock()
			defer mu.Unlock()
			samples = append(samples, timedSample{start, end, res.Status, err})
			if err == nil && res.Status == 201 {
				a := Ack{Tenant: reg.Tenant, Key: reg.Key}
				if json.Unmarshal(res.Body, &a) == nil {
					writes = append(writes, timedAck{a, start, end})
				}
			}
		})
	}()
	time.Sleep(cfg.Before)
	name := fmt.Sprintf("drill_%d.zip", time.Now().UnixNano())
	bStart := time.Now()
	berr := env.C.CreateBackup(ctx, env.SU, name)
	bEnd := time.Now()
	rep.Took = bEnd.Sub(bStart)
	time.Sleep(cfg.After)
	stop()
	<-done
	if berr != nil {
		return rep, fmt.Errorf("backup: %w", berr)
	}

	var during, outside []time.Duration
	var slowest timedSample
	for _, s := range samples {
		lat := s.end.Sub(s.start)
		if s.err != nil || s.status >= 500 {
			if !strings.Contains(fmt.Sprint(s.err), "context canceled") {
				rep.Problems = append(rep.Problems, fmt.Sprintf("a registration failed during the drill: %d %v", s.status, s.err))
			}
			continue
		}
		if s.start.Before(bEnd) && s.end.After(bStart) {
			during = append(during, lat)
			if lat > slowest.end.Sub(slowest.start) {
				slowest = s
			}
		} else {
			outside = append(outside, lat)
		}
	}
	slices.Sort(during)
	slices.Sort(outside)
	rep.WritesDuring = len(during)
	if len(during) > 0 {
		rep.MaxDuring, rep.P99During = during[len(during)-1], Percentile(during, 99)
	}
	if len(outside) > 0 {
		rep.MaxOutside = outside[len(outside)-1]
	}
	if cfg.MaxWait > 0 && rep.MaxDuring > cfg.MaxWait {
		rep.Problems = append(rep.Problems, fmt.Sprintf("a write waited %s during the backup (allowed: %s)", rep.MaxDuring, cfg.MaxWait))
	}
	if len(during) == 0 {
		rep.Problems = append(rep.Problems, "no registration overlapped the backup: the drill proves nothing")
	}

	archive, err := env.C.DownloadBackup(ctx, env.SU, name)
	if err != nil {
		return rep, err
	}
	rep.Size = len(archive)
	dir, err := os.MkdirTemp("", "mp-backup-check-*")
	if err != nil {
		return rep, err
	}
	defer os.RemoveAll(dir)
	if err := unzip(archive, dir); err != nil {
		return rep, err
	}
	var before []Ack
	var endedBefore int
	for _, w := range writes {
		if w.end.Before(bStart) {
			before = append(before, w.Ack)
		}
		if w.start.Before(bEnd) {
			endedBefore++
		}
	}
	st, err := ReadState(dir, before)
	if err != nil {
		return rep, fmt.Errorf("archive: %w", err)
	}
	rep.Archive = st
	rep.Problems = append(rep.Problems, prefix("archive: ", st.Problems(-1))...)
	if lo, hi := base+len(before), base+endedBefore+backupWorkers; st.Submissions < lo || st.Submissions > hi {
		rep.Problems = append(rep.Problems, fmt.Sprintf("archive holds %d submissions, expected %d–%d", st.Submissions, lo, hi))
	}
	fmt.Fprintf(out, "backup: %s, %.1f MB, %d registrations overlapped it: p99 %s, max %s (max outside %s)\n",
		rep.Took.Round(time.Millisecond), float64(rep.Size)/(1<<20), rep.WritesDuring, ms(rep.P99During), ms(rep.MaxDuring), ms(rep.MaxOutside))
	if rep.WritesDuring > 0 {
		fmt.Fprintf(out, "  the slowest ran from +%dms to +%dms after the backup began (it ended at +%dms)\n",
			slowest.start.Sub(bStart).Milliseconds(), slowest.end.Sub(bStart).Milliseconds(), rep.Took.Milliseconds())
	}
	fmt.Fprintf(out, "archive: %s (%d acknowledged before the backup began)\n", st, len(before))

	if cfg.Restore && env.Server != nil {
		rst, err := restoreInto(ctx, env, archive, name, st)
		if err != nil {
			return rep, fmt.Errorf("restore: %w", err)
		}
		rep.Restored = rst
		fmt.Fprintf(out, "restored through the API into a fresh server: %s\n", rst)
		rep.Problems = append(rep.Problems, prefix("restored: ", rst.Problems(-1))...)
		if rst.Participants != st.Participants || rst.Cases != st.Cases || rst.Events != st.Events || rst.Submissions != st.Submissions {
			rep.Problems = append(rep.Problems, "the restored counts differ from the archive's")
		}
	}
	return rep, nil
}

type timedSample struct {
	start, end time.Time
	status     int
	err        error
}

// restoreInto starts a fresh server, uploads the archive, restores it (the
// server restarts itself) and reads the restored data directory.
func restoreInto(ctx context.Context, env *Env, archive []byte, name string, want DBState) (*DBState, error) {
	dir, err := os.MkdirTemp("", "mp-restore-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	fresh, err := StartEnv(ctx, EnvOptions{Bin: env.Server.Bin, Dir: filepath.Join(dir, "pb_data"), DemoPassword: env.DemoPassword})
	if err != nil {
		return nil, err
	}
	defer fresh.Close()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write(archive)
	_ = mw.Close()
	res, err := fresh.C.Send(ctx, Request{Method: "POST", Path: "/api/backups/upload", Token: fresh.SU,
		ContentType: mw.FormDataContentType(), Body: body.Bytes()})
	if err != nil || res.Status != 204 {
		return nil, fmt.Errorf("upload: %d %v %.200s", res.Status, err, res.Body)
	}
	if err := fresh.C.JSON(ctx, "POST", "/api/backups/"+name+"/restore", fresh.SU, nil, nil); err != nil {
		return nil, err
	}
	// PocketBase answers first, restores a second later and then restarts
	// itself in the same process: wait until the restored data shows.
	deadline := time.Now().Add(60 * time.Second)
	for {
		time.Sleep(300 * time.Millisecond)
		if err := fresh.Server.WaitHealthy(ctx, 30*time.Second); err != nil {
			return nil, err
		}
		st, err := ReadState(fresh.Server.Dir, nil)
		if err == nil && st.Submissions == want.Submissions {
			return &st, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("the restored data did not show within a minute (%v, %v)", st, err)
		}
	}
}

func unzip(archive []byte, dir string) error {
	zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil {
		return err
	}
	for _, f := range zr.File {
		path := filepath.Join(dir, filepath.FromSlash(f.Name))
		if !strings.HasPrefix(path, filepath.Clean(dir)+string(os.PathSeparator)) {
			return fmt.Errorf("archive entry %q escapes", f.Name)
		}
		if f.FileInfo().IsDir() {
			if err := os.MkdirAll(path, 0o755); err != nil {
				return err
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		r, err := f.Open()
		if err != nil {
			return err
		}
		w, err := os.Create(path)
		if err != nil {
			r.Close()
			return err
		}
		_, err = io.Copy(w, r)
		r.Close()
		w.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

func prefix(p string, items []string) []string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = p + s
	}
	return out
}
