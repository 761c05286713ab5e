// Package e2e drives the real front end in Debian's chromium against the real
// server (the production hooks on a clone of the test data), with chromedp.
// The tests never skip: without chromium they fail and say how to install it
// (make browser-deps), because a skipped browser test in CI is a defect.
package e2e

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/multipotenzial/multipotenzial/hooks"
	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// ChromiumPath is Debian's chromium; never a downloaded browser.
const ChromiumPath = "/usr/bin/chromium"

// repoRoot is the repository, found from this file.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}

// Site is a running MultiPotenzial: its app (for assertions in the
// database) and its base URL.
type Site struct {
	App *tests.TestApp
	URL string
}

// Start serves the built front end (pb_public) and the API on a loopback port.
func Start(t *testing.T) *Site {
	t.Helper()
	public := filepath.Join(repoRoot(), "pb_public")
	if _, err := os.Stat(filepath.Join(public, "index.html")); err != nil {
		t.Fatalf("no built front end in %s: run `make ui` (make test does)", public)
	}
	app := testapp.NewWith(t, hooks.Config{PublicDir: public, PowDifficulty: testapp.PowDifficulty})
	srv := httptest.NewServer(testapp.Serve(t, app).Handler())
	t.Cleanup(srv.Close)
	t.Cleanup(srv.CloseClientConnections) // realtime streams stay open otherwise
	return &Site{App: app, URL: srv.URL}
}

// Browser opens a headless chromium tab; the context ends with the test.
// Width and height set the window (e.g. 320×720 for a small phone).
func Browser(t *testing.T, width, height int) context.Context {
	t.Helper()
	if _, err := os.Stat(ChromiumPath); err != nil {
		t.Fatalf("%s is missing: run `make browser-deps` (apt-get install chromium)", ChromiumPath)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(ChromiumPath),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	// The first action starts the browser and must not carry a timeout (it
	// would stop the browser); later actions share this deadline.
	if err := chromedp.Do(browserCtx); err != nil {
		cancelBrowser()
		cancelAlloc()
		t.Fatalf("chromium: %v", err)
	}
	// Headless chromium keeps a window at least 500 px wide whatever
	// WindowSize says; the viewport is emulated, so 320 px are 320 px.
	viewport := chromedp.EmulateViewport(int64(width), int64(height), chromedp.EmulateLandscape)
	if height > width {
		viewport = chromedp.EmulateViewport(int64(width), int64(height), chromedp.EmulatePortrait)
	}
	if err := chromedp.Do(browserCtx, viewport); err != nil {
		cancelBrowser()
		cancelAlloc()
		t.Fatalf("chromium viewport: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(browserCtx, 2*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelBrowser(); cancelAlloc() })
	return ctx
}

// Run runs chromedp actions in order and fails the test on error.
func Run(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// Get runs an action that returns a value and fails the test on error.
func Get[T any](t *testing.T, ctx context.Context, action chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Eval evaluates JavaScript in the page (awaiting a returned promise).
func Eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	return Get(t, ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
}
