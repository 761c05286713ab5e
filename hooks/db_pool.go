package hooks

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"modernc.org/sqlite"
)

// Read pool of data.db. PocketBase allows 120 open and keeps 15 idle
// connections, and each has a SQLite page cache of up to 32 MB that stays
// filled while the connection lives. After a load run on 10,000 cases the
// server kept 285–341 MB resident (VmHWM 464 MB); with at most 8 open and 4
// idle it keeps about 105 MB (VmHWM 235 MB) at the same throughput:
// two cores gain nothing from more than a handful of concurrent readers.
// Writes go through PocketBase's separate single-connection pool.
const (
	dataMaxOpenConns = 8
	dataMaxIdleConns = 4
)

// readConnMaxIdle closes a read connection (of data.db and of PocketBase's
// log database) after it sat unused this long, and with it its page cache:
// after a busy hour the caches went back to the operating system instead of
// staying resident for PocketBase's 3 minutes. Opening a connection again
// costs well under a millisecond; the file stays in the OS file cache.
const readConnMaxIdle = 10 * time.Second

// PageCacheKiB is the SQLite page cache of every data.db connection.
// PocketBase asks for 32 MB each; as the database grows past that (90 MB at
// 10,000 cases, 300 MB at 40,000), every pooled connection fills its cache,
// and after the load run the server stayed at VmRSS 162–164 MB. With 8 MB
// each at the same CPU per request, and the changes below, 151 MB right
// after `make load` and 138 MB after 20 s idle (docs/PERFORMANCE.md); the
// rest of the database stays in the operating system's file cache.
//
// SQLite counts a cached page as 4 KB, but the driver's allocator hands out
// 8 KB for each (a page and its header, rounded up to a size class), so a
// connection's 8 MB cache holds up to 16 MB resident.
const PageCacheKiB = 8000

// auxPageCacheKiB is the page cache of PocketBase's log database, which is
// appended to and seldom read: 8 MB each made its two or three connections
// the largest resident item after a load run but for the Go heap.
const auxPageCacheKiB = 1000

var pageCacheOnce sync.Once

// limitPageCache sets the page cache on every SQLite connection the process
// opens from now on (the driver's connection hook; it runs after the
// connection string's pragmas, so it wins over PocketBase's setting), and
// leaves data.db's checkpoints to the checkpointer (wal_checkpoint.go).
func limitPageCache() {
	pageCacheOnce.Do(func() {
		sqlite.RegisterConnectionHook(func(conn sqlite.ExecQuerierContext, dsn string) error {
			pragmas := []string{fmt.Sprintf("PRAGMA cache_size = -%d", auxPageCacheKiB)}
			if isDataDB(dsn) {
				pragmas = []string{fmt.Sprintf("PRAGMA cache_size = -%d", PageCacheKiB), noAutoCheckpoint}
			}
			for _, pragma := range pragmas {
				if _, err := conn.ExecContext(context.Background(), pragma, nil); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

// bindDBPool limits the read pool once the database is open, and the page
// cache of the connections it opens.
func bindDBPool(app core.App) {
	limitPageCache()
	if app.IsBootstrapped() {
		limitDBPool(app)
	}
	app.OnBootstrap().Bind(&hook.Handler[*core.BootstrapEvent]{
		Func: func(e *core.BootstrapEvent) error {
			if err := e.Next(); err != nil {
				return err
			}
			limitDBPool(e.App)
			return nil
		},
	})
}

func limitDBPool(app core.App) {
	if db := sqlDB(app.ConcurrentDB()); db != nil {
		db.SetMaxOpenConns(dataMaxOpenConns)
		db.SetMaxIdleConns(dataMaxIdleConns)
		db.SetConnMaxIdleTime(readConnMaxIdle)
	}
	if db := sqlDB(app.AuxConcurrentDB()); db != nil {
		db.SetConnMaxIdleTime(readConnMaxIdle)
	}
}

func sqlDB(b dbx.Builder) *sql.DB {
	if db, ok := b.(*dbx.DB); ok {
		return db.DB()
	}
	return nil
}
