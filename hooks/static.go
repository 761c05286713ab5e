package hooks

import (
	"net/http"
	"os"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// bindStatic serves the built front end from dir, gzip-compressed, with long
// caching for Vite's content-hashed assets.
func bindStatic(app core.App, dir string) {
	if dir == "" {
		return
	}
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Priority: 999, // after every other route, so /api/... always wins
		Func: func(se *core.ServeEvent) error {
			// On the router, not the page route: a method the pages do not
			// take (POST /register/) ends in PocketBase's catch-all 404, and
			// a rate limit an operator adds for "/" answers 429 before any
			// route; both must carry the headers too.
			se.Router.Bind(&hook.Handler[*core.RequestEvent]{
				Id:       "mpPageSecurityHeaders",
				Priority: apis.DefaultSecurityHeadersMiddlewarePriority + 1, // before the rate limit
				Func: func(e *core.RequestEvent) error {
					if isPagePath(e.Request.URL.Path) {
						setPageSecurityHeaders(e.Response.Header())
					}
					return e.Next()
				},
			})
			if !se.Router.HasRoute(http.MethodGet, "/{path...}") {
				static := apis.Static(os.DirFS(dir), false)
				se.Router.GET("/{path...}", func(e *core.RequestEvent) error {
					if strings.HasPrefix(e.Request.URL.Path, "/assets/") {
						e.Response.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
					} else {
						e.Response.Header().Set("Cache-Control", "no-cache")
					}
					return static(e)
				}).Bind(apis.Gzip())
			}
			return se.Next()
		},
	})
}

// isPagePath tells the paths of the front end from the API's and the
// PocketBase dashboard's (/_/, which sets its own policy).
func isPagePath(path string) bool {
	return path != "/api" && !strings.HasPrefix(path, "/api/") && path != "/_" && !strings.HasPrefix(path, "/_/")
}

// contentSecurityPolicy allows our own scripts, styles, workers and API only:
// no inline script, no third-party host, no framing. An injected script in
// a label or answer could not run even if the rendering let it through.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; " +
	"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

// setPageSecurityHeaders adds to PocketBase's defaults (nosniff, frame
// options, COOP) what our pages need. HSTS belongs to the TLS-terminating
// reverse proxy (README).
func setPageSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
}
