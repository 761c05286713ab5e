package hooks

import (
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/forms"
)

// service holds what the custom routes share: the compiled-definition
// caches (rules are compiled once per published version, never per
// request), the proof-of-work issuer, the rate limiter and the clock.
type service struct {
	app       core.App
	forms     *forms.Cache
	drafts    *forms.Cache // form drafts of the studio, by content hash
	numbers   *versionNumbers
	workflows *workflowCache
	pow       *powIssuer
	limiter   *tagLimiter
	outbox    *outboxSender
	// registrations stores the registrations of the public and in-person routes.
	registrations *registrationWriter
	offers        *definitionCache[*publicOffer]  // what the public routes resolve
	inboxMetas    *definitionCache[inboxMetaData] // the inbox's offers and states
	reads         *preparedReads                  // hot read queries, prepared once
	checkpoints   *walCheckpointer                // copies data.db's WAL back, beside the writer
	now           func() time.Time
}

// serviceStoreKey keeps the service in the app's store, for the exported
// helpers (Take, RunDueTimers) used by the demo data and by tests.
const serviceStoreKey = "mp.service"

// serviceOf returns the service Register bound to app.
func serviceOf(app core.App) *service {
	s, ok := app.Store().Get(serviceStoreKey).(*service)
	if !ok {
		panic("hooks: Register was not called for this app")
	}
	return s
}

// at returns a copy of s whose clock stands at t (shared caches).
func (s *service) at(t time.Time) *service {
	c := *s
	c.now = func() time.Time { return t }
	return &c
}

func newService(app core.App, cfg Config) *service {
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	checkpoints := bindWALCheckpointer(app)
	difficulty := cfg.PowDifficulty
	if difficulty <= 0 {
		difficulty = DefaultPowDifficulty
	}
	return &service{
		app:       app,
		forms:     forms.NewCache(512),
		drafts:    forms.NewCache(32),
		pow:       newPowIssuer(difficulty, 30*time.Minute),
		limiter:   newTagLimiter(),
		numbers:   &versionNumbers{},
		workflows: &workflowCache{},
		outbox:    &outboxSender{kick: make(chan struct{}, 1)},
		now:       now,

		offers:        newDefinitionCache[*publicOffer](app),
		inboxMetas:    newDefinitionCache[inboxMetaData](app),
		checkpoints:   checkpoints,
		reads:         &preparedReads{},
		registrations: newRegistrationWriter(app, checkpoints),
	}
}

// bindRoutes registers every custom route under /api/mp/.
func bindRoutes(app core.App, s *service) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		mp := se.Router.Group("/api/mp")

		pub := mp.Group("/public")
		pub.GET("/offers", s.handlePublicOffers)
		pub.GET("/offers/{tenant}/{offer}", s.handlePublicForm)
		pub.POST("/offers/{tenant}/{offer}/evaluate", s.handleEvaluate).Bind(apis.BodyLimit(256 << 10))
		pub.POST("/offers/{tenant}/{offer}/submissions", s.handleSubmit).
			Bind(rateLimitByTag(s.limiter, rateLimitTagSubmit), apis.BodyLimit(maxSubmissionBody))
		pub.GET("/pow", s.handlePow)
		pub.POST("/accounts", s.handleCreateAccount).
			Bind(rateLimitByTag(s.limiter, rateLimitTagAccount), apis.BodyLimit(16<<10))

		staff := mp.Group("").Bind(apis.RequireAuth("users"))
		staff.POST("/definitions/check", s.handleCheckDefinition).Bind(apis.BodyLimit(2 << 20))
		staff.POST("/offers/{offer}/form/publish", s.handlePublish("form_draft", PublishForm)).Bind(apis.BodyLimit(2 << 20))
		staff.POST("/offers/{offer}/workflow/publish", s.handlePublish("workflow_draft", s.publishWorkflowOf)).Bind(apis.BodyLimit(2 << 20))
		staff.POST("/offers/{offer}/workflow/migrate", s.handleMigrateWorkflow).Bind(apis.BodyLimit(64 << 10))
		staff.POST("/workflows/simulate", s.handleSimulate).Bind(apis.BodyLimit(2 << 20))
		staff.GET("/cases/{id}/transitions", s.handleCaseTransitions)
		staff.POST("/cases/{id}/transitions/{key}", s.handleTakeTransition).Bind(apis.BodyLimit(256 << 10))
		staff.GET("/cases/{id}/form", s.handleCaseForm)
		return se.Next()
	})
}

// bindBackground starts the timer cron job and the email sender with the
// server; they stop with it (never in migrate or other commands).
func bindBackground(app core.App, s *service) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		recoverSending(app)
		stop, stopped := make(chan struct{}), make(chan struct{})
		go func() {
			defer close(stopped)
			s.outbox.run(app, stop)
		}()
		app.OnTerminate().BindFunc(func(te *core.TerminateEvent) error {
			// Wait for a send under way: the rest of terminate closes the
			// database it reads (a send after it crashed the test binary).
			close(stop)
			<-stopped
			return te.Next()
		})
		app.Cron().MustAdd("mp_retention", "15 3 * * *", func() {
			if _, err := RunRetention(app, s.now()); err != nil {
				app.Logger().Error("retention", "error", err)
			}
			if err := vacuumAfterErasure(app, s.now()); err != nil {
				app.Logger().Error("vacuum after erasure", "error", err)
			}
		})
		app.Cron().MustAdd("mp_timers", "* * * * *", func() {
			if _, err := s.runDueTimers(app, s.now()); err != nil {
				app.Logger().Error("timers", "error", err)
			}
			s.outbox.Kick()
		})
		return se.Next()
	})
}
