package hooks

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// DefaultUnclaimedDays is how long a self-registration nobody took up is
// kept when its Träger sets no period.
const DefaultUnclaimedDays = 90

// RetentionRun is what a retention run did.
type RetentionRun struct {
	Anonymised int `json:"anonymised"`
	Removed    int `json:"removed"`
	Failed     int `json:"failed"`
}

// RunRetention anonymises every person whose cases have all been closed
// for longer than their offer type's retention period, and removes
// self-registrations nobody took up within their Träger's period. Each person
// is handled in a transaction of its own and found again by the same query,
// so the job is idempotent and picks up where a restart interrupted it.
func RunRetention(app core.App, now time.Time) (RetentionRun, error) {
	var run RetentionRun
	system := Actor{Kind: "system"}
	due, err := dueForAnonymisation(app, now)
	if err != nil {
		return run, err
	}
	for _, id := range due {
		if _, err := ErasePerson(app, id, EraseAnonymise, system, now); err != nil {
			app.Logger().Error("retention: anonymisation failed", "participant", id, "error", err)
			run.Failed++
			continue
		}
		run.Anonymised++
	}
	unclaimed, err := unclaimedRegistrations(app, now)
	if err != nil {
		return run, err
	}
	for _, id := range unclaimed {
		if _, err := ErasePerson(app, id, EraseRemove, system, now); err != nil {
			app.Logger().Error("retention: removal failed", "participant", id, "error", err)
			run.Failed++
			continue
		}
		run.Removed++
	}
	if run.Anonymised+run.Removed+run.Failed > 0 {
		app.Logger().Info("retention run", "anonymised", run.Anonymised, "removed", run.Removed, "failed", run.Failed)
	}
	return run, nil
}

// dueForAnonymisation: people not yet anonymised with at least one case and
// none still open or within its offer's retention period.
func dueForAnonymisation(app core.App, now time.Time) ([]string, error) {
	var ids []string
	err := app.DB().NewQuery(`SELECT p.id FROM participants p
		WHERE p.status != 'anonymised'
		AND EXISTS (SELECT 1 FROM cases c WHERE c.participant = p.id)
		AND NOT EXISTS (SELECT 1 FROM cases c JOIN offer_types o ON o.id = c.offer_type
			WHERE c.participant = p.id AND (c.closed = '' OR
				julianday(c.closed) + (CASE WHEN o.retention_days > 0 THEN o.retention_days ELSE {:def} END) > julianday({:now})))`).
		Bind(dbx.Params{"def": DefaultRetentionDays, "now": dbTime(now)}).Column(&ids)
	return ids, err
}

// unclaimedRegistrations: self-registrations still "registered" (no counsellor
// ever took up their case) older than their Träger's period.
func unclaimedRegistrations(app core.App, now time.Time) ([]string, error) {
	var ids []string
	err := app.DB().NewQuery(`SELECT p.id FROM participants p JOIN tenants t ON t.id = p.tenant
		WHERE p.status = 'registered' AND
			julianday(p.created) + (CASE WHEN t.unclaimed_registration_days > 0 THEN t.unclaimed_registration_days ELSE {:def} END) < julianday({:now})`).
		Bind(dbx.Params{"def": DefaultUnclaimedDays, "now": dbTime(now)}).Column(&ids)
	return ids, err
}

// vacuumAfterErasure rewrites the database files when a person was erased
// in the last day: SQLite leaves deleted content in free pages until then.
func vacuumAfterErasure(app core.App, now time.Time) error {
	var n int
	err := app.DB().Select("COUNT(*)").From("audit_log").
		Where(dbx.HashExp{"action": AuditErase}).
		AndWhere(dbx.NewExp("at >= {:since}", dbx.Params{"since": now.Add(-25 * time.Hour).UTC().Format(time.RFC3339Nano)})).Row(&n)
	if err != nil || n == 0 {
		return err
	}
	for _, q := range []string{"PRAGMA wal_checkpoint(TRUNCATE)", "VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"} {
		if _, err := app.DB().NewQuery(q).Execute(); err != nil {
			return err
		}
	}
	app.Logger().Info("database rewritten after erasures", "erasures", n)
	return nil
}
