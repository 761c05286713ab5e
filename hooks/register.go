// Package hooks adapts the pure MultiPotenzial core (forms, workflows) to
// PocketBase: record hooks, custom routes under /api/mp/, cron jobs and the
// static front end. [Register] is the only entry point; main.go and every test
// call it, so tests run exactly the production wiring.
package hooks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// Config holds what differs between production, the demo and tests.
type Config struct {
	// PublicDir is the directory with the built front end (pb_public).
	// Empty disables static file serving (tests of the API only).
	PublicDir string
	// PowDifficulty is the number of leading zero bits the self-registration
	// proof of work needs; 0 means DefaultPowDifficulty.
	PowDifficulty int
	// Now is the clock of rules, references and timers; nil means time.Now.
	Now func() time.Time
}

// RunDueTimers fires the workflow timers due at now, as the cron job does
// every minute, and sends the queued emails; it returns how many timers acted.
func RunDueTimers(app core.App, now time.Time) (int, error) {
	s := serviceOf(app)
	n, err := s.runDueTimers(app, now)
	s.outbox.sendPending(app, now)
	return n, err
}

// SendPendingNotifications sends the queued emails now (the background
// sender does this after each commit and every minute).
func SendPendingNotifications(app core.App) int {
	return serviceOf(app).outbox.sendPending(app, serviceOf(app).now())
}

// DefaultPowDifficulty costs a mid-range phone a fraction of a second in a
// worker (about 65,000 SHA-256 hashes on average).
const DefaultPowDifficulty = 16

// Register binds all hooks, routes and cron jobs of MultiPotenzial to app.
func Register(app core.App, cfg Config) {
	s := newService(app, cfg)
	app.Store().Set(serviceStoreKey, s)
	bindDBPool(app)
	bindAppendOnly(app)
	bindActor(app)
	bindAudit(app, s.now)
	bindTenantRelations(app)
	bindNameSearch(app)
	bindUserRules(app)
	bindUpdateAllowlists(app)
	bindSensitivity(app, s)
	bindRoutes(app, s)
	bindPrivacyRoutes(app, s)
	bindParticipantRoutes(app, s)
	bindWorkspaceRoutes(app, s)
	bindStudioRoutes(app, s)
	bindReportRoutes(app, s)
	bindBackground(app, s)
	bindStatic(app, cfg.PublicDir)
}
