package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Rate limit tags enforced by our own routes (hooks/ratelimit.go): PocketBase's
// path labels only match prefixes, and the submission route ends in
// /submissions. Keeping them in the settings lets a superuser tune them in /_/.
const (
	RateLimitTagSubmit  = "mp_submit"
	RateLimitTagAccount = "mp_account"
)

func init() {
	m.Register(func(app core.App) error {
		s := app.Settings()
		s.Meta.AppName = "MultiPotenzial"
		s.Meta.AppURL = "http://127.0.0.1:8090"
		s.Meta.SenderName = "MultiPotenzial"
		s.Meta.SenderAddress = "noreply@multipotenzial.invalid" // set the real one in production (README)

		// Request logs hold IP addresses of refugees: keep them one week.
		s.Logs.MaxDays = 7
		s.Logs.LogIP = true

		s.Batch.Enabled = false // not used by our clients; less attack surface

		s.Backups.Cron = "30 2 * * *"
		s.Backups.CronMaxKeep = 14

		s.RateLimits.Enabled = true
		// Order matters: the first matching prefix rule wins.
		s.RateLimits.Rules = []core.RateLimitRule{
			{Label: "*:auth", MaxRequests: 10, Duration: 60},
			{Label: "*:requestPasswordReset", MaxRequests: 3, Duration: 60},
			{Label: "*:requestVerification", MaxRequests: 3, Duration: 60},
			{Label: "*:requestOTP", MaxRequests: 3, Duration: 60},
			{Label: RateLimitTagSubmit, MaxRequests: 20, Duration: 600},
			{Label: RateLimitTagAccount, MaxRequests: 5, Duration: 600},
			{Label: "POST /api/mp/public/", MaxRequests: 300, Duration: 60},
			{Label: "/api/mp/public/", MaxRequests: 600, Duration: 60},
			{Label: "/api/batch", MaxRequests: 3, Duration: 1},
			{Label: "/api/", MaxRequests: 600, Duration: 10},
		}
		return app.Save(s)
	}, nil)
}
