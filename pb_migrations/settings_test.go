package pb_migrations_test

import (
	"slices"
	"testing"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// The protections PocketBase leaves off by default are on, and stay on:
// this fails on any drift of the settings migration.
func TestSettingsHardened(t *testing.T) {
	app := testapp.New(t)
	// tests.TestApp zeroes the log retention in memory; read what is stored.
	if err := app.ReloadSettings(); err != nil {
		t.Fatal(err)
	}
	s := app.Settings()
	if !s.RateLimits.Enabled {
		t.Error("rate limiter is off")
	}
	var labels []string
	for _, r := range s.RateLimits.Rules {
		labels = append(labels, r.Label)
	}
	for _, want := range []string{"*:auth", "mp_submit", "mp_account", "POST /api/mp/public/"} {
		if !slices.Contains(labels, want) {
			t.Errorf("no rate limit rule %q", want)
		}
	}
	if s.Batch.Enabled {
		t.Error("batch API is on although no client uses it")
	}
	if s.Logs.MaxDays < 1 || s.Logs.MaxDays > 7 {
		t.Errorf("request logs kept %d days, want 1..7 (they hold IP addresses)", s.Logs.MaxDays)
	}
	if s.Backups.Cron == "" || s.Backups.CronMaxKeep < 1 {
		t.Errorf("scheduled backups off: %+v", s.Backups)
	}
	if s.Meta.AppName != "MultiPotenzial" {
		t.Errorf("app name %q", s.Meta.AppName)
	}
}

// Staff sessions last a working day at most; accounts cannot sign themselves up.
func TestAuthCollectionsHardened(t *testing.T) {
	app := testapp.New(t)
	for name, maxSeconds := range map[string]int64{"users": 8 * 3600, "participant_accounts": 12 * 3600} {
		col, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			t.Fatal(err)
		}
		if col.AuthToken.Duration > maxSeconds {
			t.Errorf("%s: token lasts %ds, want ≤ %d", name, col.AuthToken.Duration, maxSeconds)
		}
		if col.CreateRule != nil && *col.CreateRule == "" {
			t.Errorf("%s: open sign-up", name)
		}
		if col.AuthRule == nil || *col.AuthRule != "disabled = false" {
			t.Errorf("%s: disabled accounts can log in (auth rule %v)", name, col.AuthRule)
		}
		if col.OAuth2.Enabled {
			t.Errorf("%s: OAuth2 is on", name)
		}
	}
}
