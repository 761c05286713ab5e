// Package hooks adapts the pure MultiPotenzial core (forms, workflows) to
// PocketBase: record hooks, custom routes under /api/mp/, cron jobs and the
// static front end. [Register] is the only entry point; main.go and every test
// call it, so tests run exactly the production wiring.
package hooks

import (
	"github.com/pocketbase/pocketbase/core"
)

// Config holds what differs between production, the demo and tests.
type Config struct {
	// PublicDir is the directory with the built front end (pb_public).
	// Empty disables static file serving (tests of the API only).
	PublicDir string
}

// Register binds all hooks, routes and cron jobs of MultiPotenzial to app.
func Register(app core.App, cfg Config) {
	bindAppendOnly(app)
	bindTenantRelations(app)
	bindUserRules(app)
	bindUpdateAllowlists(app)
	bindStatic(app, cfg.PublicDir)
}
