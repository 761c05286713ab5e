// Package testapp is the test harness shared by every package that talks to
// PocketBase: a data directory built once per test binary from the migrations
// plus the demo data set, cloned for each test, with hooks.Register bound
// exactly as in production.
package testapp

import (
	"fmt"
	"os"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/multipotenzial/multipotenzial/demo"
	"github.com/multipotenzial/multipotenzial/hooks"
	_ "github.com/multipotenzial/multipotenzial/pb_migrations"
)

// Password is the password of every seeded account.
const Password = "test-password-123"

// encryptionEnv is the env variable name tests.NewTestApp uses for settings.
const encryptionEnv = "pb_test_env"

var templateDir string

// Main builds the template data directory, runs the tests and removes it.
// Call it from TestMain: `func TestMain(m *testing.M) { testapp.Main(m) }`.
func Main(m *testing.M) {
	dir, err := buildTemplate()
	if err != nil {
		fmt.Fprintln(os.Stderr, "testapp:", err)
		os.Exit(1)
	}
	templateDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func buildTemplate() (string, error) {
	dir, err := os.MkdirTemp("", "mp_test_tpl_*")
	if err != nil {
		return "", err
	}
	base := core.NewBaseApp(core.BaseAppConfig{DataDir: dir, EncryptionEnv: encryptionEnv})
	if err := base.Bootstrap(); err != nil {
		return "", err
	}
	if err := base.RunAllMigrations(); err != nil {
		return "", fmt.Errorf("migrations: %w", err)
	}
	hooks.Register(base, hooks.Config{}) // seed through the production hooks
	if _, err := demo.Seed(base, Password); err != nil {
		return "", fmt.Errorf("seed: %w", err)
	}
	if err := base.ResetBootstrapState(); err != nil {
		return "", err
	}
	return dir, nil
}

// Factory returns a fresh clone of the template with the production hooks
// bound. Use it as tests.ApiScenario.TestAppFactory (the scenario cleans up).
func Factory(t testing.TB) *tests.TestApp {
	t.Helper()
	return clone(t, Config)
}

// clone copies the template into a fresh data directory and binds the hooks.
func clone(t testing.TB, cfg hooks.Config) *tests.TestApp {
	t.Helper()
	if templateDir == "" {
		t.Fatal("testapp: call testapp.Main from TestMain")
	}
	app, err := tests.NewTestApp(templateDir)
	if err != nil {
		t.Fatal(err)
	}
	hooks.Register(app, cfg)
	return app
}

// Config is the hooks configuration of test apps: a cheap proof of work so
// tests solve it quickly (the mechanism is the same at any difficulty).
var Config = hooks.Config{PowDifficulty: PowDifficulty}

// PowDifficulty is the proof-of-work difficulty of test apps.
const PowDifficulty = 6

// New is Factory with cleanup registered on t.
func New(t testing.TB) *tests.TestApp {
	t.Helper()
	return NewWith(t, Config)
}

// NewWith is New with another hooks configuration (e.g. a PublicDir).
func NewWith(t testing.TB, cfg hooks.Config) *tests.TestApp {
	t.Helper()
	app := clone(t, cfg)
	t.Cleanup(app.Cleanup)
	return app
}

// NewEmpty returns an app with the migrations applied but without demo data,
// as a production start has it.
func NewEmpty(t testing.TB) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	hooks.Register(app, Config)
	return app
}

// Reopen opens a second app on app's data directory with the production
// hooks, as a restarted process would (tests of exactly-once across restarts).
func Reopen(t testing.TB, app core.App) core.App {
	t.Helper()
	again := core.NewBaseApp(core.BaseAppConfig{DataDir: app.DataDir(), EncryptionEnv: encryptionEnv})
	if err := again.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	hooks.Register(again, Config)
	t.Cleanup(func() { _ = again.ResetBootstrapState() })
	return again
}
