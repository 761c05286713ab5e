package hooks_test

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/hooks"
	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// Changing a password ends the account's other sessions at once.
func TestPasswordChangeEndsSessions(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	old := testapp.Token(t, app, testapp.LiftCounsellor)
	u, _ := app.FindAuthRecordByEmail("users", testapp.LiftCounsellor)
	res := c.Do("PATCH", "/api/collections/users/records/"+u.Id, old, map[string]any{
		"oldPassword": testapp.Password, "password": "ein-neues-passwort-2026", "passwordConfirm": "ein-neues-passwort-2026"})
	if res.Status != 200 {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
	if res := c.Do("POST", "/api/collections/users/auth-refresh", old, nil); res.Status != 401 {
		t.Fatalf("the old session lives on: %d", res.Status)
	}
}

// The restore drill: a backup restores into a fresh directory, passes the
// integrity check and holds the same records (docs/OPERATIONS.md).
func TestBackupRestoresWithMatchingCounts(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	registered(t, app, c, "bwtw", "before-the-backup")
	want := map[string]int64{}
	for _, col := range []string{"participants", "cases", "case_events", "submissions", "audit_log", "consents"} {
		want[col], _ = app.CountRecords(col)
	}
	if err := app.CreateBackup(context.Background(), "drill.zip"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	unzip(t, filepath.Join(app.DataDir(), "backups", "drill.zip"), dir)
	restored := core.NewBaseApp(core.BaseAppConfig{DataDir: dir, EncryptionEnv: "pb_test_env"})
	if err := restored.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	defer restored.ResetBootstrapState()
	var check string
	if err := restored.DB().NewQuery("PRAGMA integrity_check").Row(&check); err != nil || check != "ok" {
		t.Fatalf("integrity: %q %v", check, err)
	}
	for col, n := range want {
		if got, _ := restored.CountRecords(col); got != n {
			t.Errorf("%s: %d restored, %d backed up", col, got, n)
		}
	}
	if brk, _, err := hooks.VerifyAuditChain(restored); brk != nil || err != nil {
		t.Fatalf("audit chain after restore: %v %v", brk, err)
	}
}

func unzip(t *testing.T, src, dst string) {
	t.Helper()
	z, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		path := filepath.Join(dst, f.Name)
		if f.FileInfo().IsDir() {
			_ = os.MkdirAll(path, 0o755)
			continue
		}
		_ = os.MkdirAll(filepath.Dir(path), 0o755)
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		w, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		_, err = io.Copy(w, r)
		r.Close()
		w.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
}
