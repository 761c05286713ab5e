package hooks

import (
	"database/sql"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
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

// bindDBPool limits the read pool once the database is open.
func bindDBPool(app core.App) {
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
	}
}

func sqlDB(b dbx.Builder) *sql.DB {
	if db, ok := b.(*dbx.DB); ok {
		return db.DB()
	}
	return nil
}
