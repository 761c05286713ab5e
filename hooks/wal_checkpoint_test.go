package hooks_test

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/multipotenzial/multipotenzial/hooks"
	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// Commits to data.db no longer checkpoint the WAL themselves (the commit
// that did waited for the copy and its fsync, with a batch of registrations
// behind it); a background checkpointer copies every committed frame back
// soon after. PocketBase's log database keeps checkpointing on commit.
func TestWALIsCheckpointedBesideTheWriter(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)

	autoCheckpoint := func(file string) int {
		t.Helper()
		db, err := sql.Open("sqlite", filepath.Join(app.DataDir(), file))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var n int
		if err := db.QueryRow("PRAGMA wal_autocheckpoint").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := autoCheckpoint("data.db"); n != 0 {
		t.Fatalf("a new connection to data.db checkpoints every %d pages itself", n)
	}
	if n := autoCheckpoint("auxiliary.db"); n == 0 {
		t.Fatal("auxiliary.db lost its automatic checkpoints")
	}

	for i := range 20 {
		registered(t, app, c, "lift", fmt.Sprintf("checkpoint-%02d", i))
	}
	written, _ := hooks.WALCheckpoints(app)
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		runs, behind := hooks.WALCheckpoints(app)
		if runs >= written+2 && behind == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the WAL was not checkpointed: %d runs since the writes, %d frames behind", runs-written, behind)
		}
	}
}
