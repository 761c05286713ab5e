package hooks_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/hooks"
	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// pageSecurityHeaders are what every response of the public pages carries:
// ours (static.go) and PocketBase's defaults.
var pageSecurityHeaders = map[string]string{
	"Content-Security-Policy": "script-src 'self'",
	"Referrer-Policy":         "no-referrer",
	"Permissions-Policy":      "camera=()",
	"X-Content-Type-Options":  "nosniff",
	"X-Frame-Options":         "SAMEORIGIN",
}

// Every answer under the public pages has the security headers: pages and
// assets, the redirects to a canonical path, and the 404 of a path that is
// not there or a method the pages do not take — an error page is a page too.
func TestPublicPagesAlwaysCarrySecurityHeaders(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"index.html":          "<!doctype html><title>MultiPotenzial</title>",
		"register/index.html": "<!doctype html><title>Anmeldung</title>",
		"assets/app-abc.js":   "console.log(1)",
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	app := testapp.NewWith(t, hooks.Config{PublicDir: dir, PowDifficulty: testapp.PowDifficulty})
	client := testapp.Serve(t, app)
	for _, c := range []struct {
		method, path string
		status       int
	}{
		{http.MethodGet, "/", 200},
		{http.MethodGet, "/register/", 200},
		{http.MethodHead, "/register/", 200},
		{http.MethodGet, "/assets/app-abc.js", 200},
		{http.MethodGet, "/register", 301},
		{http.MethodGet, "/register/index.html", 301},
		{http.MethodGet, "/nothing-here", 404},
		{http.MethodGet, "/register/nothing-here", 404},
		{http.MethodGet, "/assets/missing-123.js", 404},
		{http.MethodGet, "/register/%2e%2e/%2e%2e/etc/passwd", 404},
		{http.MethodPost, "/register/", 404},
		{http.MethodPut, "/nothing-here", 404},
	} {
		req := httptest.NewRequest(c.method, c.path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		res := client.Send(req)
		if res.Status != c.status {
			t.Errorf("%s %s: %d, want %d", c.method, c.path, res.Status, c.status)
		}
		for name, want := range pageSecurityHeaders {
			if got := res.Header.Get(name); !strings.Contains(got, want) {
				t.Errorf("%s %s (%d): %s = %q, want it to contain %q", c.method, c.path, res.Status, name, got, want)
			}
		}
	}
	// A rate limit an operator sets for the pages answers 429 before any route.
	app.Settings().RateLimits.Rules = append(app.Settings().RateLimits.Rules,
		core.RateLimitRule{Label: "/register/", MaxRequests: 1, Duration: 60})
	var limited testapp.Response
	for range 3 { // the second is over the limit
		limited = client.Do(http.MethodGet, "/register/", "", nil)
	}
	if csp := limited.Header.Get("Content-Security-Policy"); limited.Status != http.StatusTooManyRequests || !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("rate limited /register/: %d, CSP %q", limited.Status, csp)
	}
	// The dashboard sets its own, looser policy (it needs inline styles).
	if csp := client.Do(http.MethodGet, "/_/", "", nil).Header.Get("Content-Security-Policy"); strings.Contains(csp, "script-src 'self'") {
		t.Errorf("/_/ got the pages' policy %q", csp)
	}
}
