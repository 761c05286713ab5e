package hooks_test

import (
	"path/filepath"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/hooks"
	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// The read pool of data.db is limited, so idle connections do not keep
// their page caches (see db_pool.go).
func TestReadPoolIsLimited(t *testing.T) {
	app := testapp.New(t)
	db, ok := app.ConcurrentDB().(*dbx.DB)
	if !ok {
		t.Fatalf("concurrent db is %T", app.ConcurrentDB())
	}
	if got := db.DB().Stats().MaxOpenConnections; got != 8 {
		t.Fatalf("max open connections %d, want 8", got)
	}
}

// Every new SQLite connection gets the smaller page cache.
func TestPageCacheIsLimited(t *testing.T) {
	app := testapp.New(t)
	db, err := core.DefaultDBConnect(filepath.Join(app.DataDir(), "data.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var kib int
	if err := db.NewQuery("PRAGMA cache_size").Row(&kib); err != nil {
		t.Fatal(err)
	}
	if kib != -hooks.PageCacheKiB {
		t.Fatalf("cache_size %d, want %d", kib, -hooks.PageCacheKiB)
	}
}
