package hooks

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// The write-ahead log of data.db is copied back into the database by a
// goroutine of its own instead of by whichever commit crosses SQLite's
// 1,000-page mark. That commit used to do it: under a registration burst
// it was a commit of the registration writer, so up to 32 registrations
// waited for the copy and its fsync (15 % of the writer's time, and the
// slowest answers of the burst). A PASSIVE checkpoint runs beside the
// writer and never blocks it; durability is unchanged (a commit is durable
// once it is in the WAL).

// checkpointInterval is how often the WAL is checkpointed at the latest;
// the registration writer asks for one after each batch (a burst writes a
// thousand pages in a tenth of a second, and a WAL that is not copied back
// keeps growing: it filled the small disk of the disk-full drill).
const checkpointInterval = 200 * time.Millisecond

// noAutoCheckpoint is run on every new connection to data.db (the driver's
// connection hook, see limitPageCache); the checkpointer does the work.
const noAutoCheckpoint = "PRAGMA wal_autocheckpoint = 0"

// isDataDB tells data.db from auxiliary.db (PocketBase's logs), whose
// commits keep checkpointing themselves.
func isDataDB(dsn string) bool {
	path, _, _ := strings.Cut(dsn, "?")
	return strings.HasSuffix(path, "/data.db") || path == "data.db"
}

// walCheckpointer checkpoints data.db's WAL every checkpointInterval while
// the app runs.
type walCheckpointer struct {
	kicks    chan struct{}
	stop     chan struct{}
	stopOnce sync.Once
	// runs counts checkpoints; behind is the WAL frames the last one could
	// not copy (a reader still needed them), left to a later one.
	runs, behind atomic.Int64
}

// bindWALCheckpointer starts the checkpointer once data.db is open and stops
// it when the app terminates.
func bindWALCheckpointer(app core.App) *walCheckpointer {
	c := &walCheckpointer{kicks: make(chan struct{}, 1), stop: make(chan struct{})}
	if app.IsBootstrapped() {
		go c.run(app)
	}
	app.OnBootstrap().Bind(&hook.Handler[*core.BootstrapEvent]{
		Func: func(e *core.BootstrapEvent) error {
			if err := e.Next(); err != nil {
				return err
			}
			go c.run(e.App)
			return nil
		},
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		c.stopOnce.Do(func() { close(c.stop) })
		return e.Next()
	})
	return c
}

// run checkpoints until stopped, on a connection of its own: one of the
// read pool would never sit idle long enough to be closed, and would keep
// its page cache resident for good.
func (c *walCheckpointer) run(app core.App) {
	db, err := sql.Open("sqlite", filepath.Join(app.DataDir(), "data.db"))
	if err != nil {
		app.Logger().Error("WAL checkpointer: cannot open data.db", "error", err)
		return
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	tick := time.NewTicker(checkpointInterval)
	defer tick.Stop()
	var lastWarned time.Time // a full disk fails every checkpoint: warn once a minute
	for {
		select {
		case <-c.stop:
			return
		case <-tick.C:
		case <-c.kicks:
		}
		if err := c.checkpoint(db); err != nil && time.Since(lastWarned) > time.Minute {
			lastWarned = time.Now()
			app.Logger().Warn("WAL checkpoint failed; retrying", "error", err)
		}
	}
}

// kick asks for a checkpoint soon, without waiting for it.
func (c *walCheckpointer) kick() {
	select {
	case c.kicks <- struct{}{}:
	default:
	}
}

// checkpoint copies what it can of the WAL into the database now.
func (c *walCheckpointer) checkpoint(db *sql.DB) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var busy, logFrames, copied int64
	err := db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &logFrames, &copied)
	if err != nil {
		return err
	}
	c.runs.Add(1)
	c.behind.Store(max(logFrames-copied, 0))
	return nil
}
