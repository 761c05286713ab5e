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
	app     core.App
	forms   *forms.Cache
	numbers versionNumbers
	pow     *powIssuer
	limiter *tagLimiter
	now     func() time.Time
}

func newService(app core.App, cfg Config) *service {
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	difficulty := cfg.PowDifficulty
	if difficulty <= 0 {
		difficulty = DefaultPowDifficulty
	}
	return &service{
		app:     app,
		forms:   forms.NewCache(512),
		pow:     newPowIssuer(difficulty, 30*time.Minute),
		limiter: newTagLimiter(),
		now:     now,
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
		staff.POST("/offers/{offer}/form/publish", s.handlePublishForm).Bind(apis.BodyLimit(2 << 20))
		return se.Next()
	})
}
