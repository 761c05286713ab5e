package hooks_test

import (
	"testing"

	"github.com/pocketbase/dbx"

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
