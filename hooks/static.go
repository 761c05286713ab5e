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
