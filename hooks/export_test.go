package hooks

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// SubmissionByKeyQuery exposes the idempotency lookup to the tests of its
// query plan.
var SubmissionByKeyQuery = submissionByKeyQuery

// InboxListSQL exposes the inbox page query (first page, default filters)
// to the tests of its query plan.
func InboxListSQL(mine bool, tenant, me string) (string, dbx.Params) {
	return inboxQuery{Mine: mine, Page: 1, PerPage: inboxDefaultPerPage}.listSQL(tenant, me, time.Now())
}

// PendingTimersQuery exposes the pending-timers lookup to the tests of its
// query plan.
var PendingTimersQuery = pendingTimersQuery

// PauseRegistrationWriter holds the registration writer of app until resume
// is called; entered counts the registrations handed to it so far, so a test
// can queue a batch of known size.
func PauseRegistrationWriter(app core.App) (entered func() int64, resume func()) {
	w := serviceOf(app).registrations
	w.gate.Lock()
	return w.entered.Load, w.gate.Unlock
}

// RegistrationWriterStats are the writer's batches and rolled-back registrations.
func RegistrationWriterStats(app core.App) (batches, rolledBack int64) {
	w := serviceOf(app).registrations
	return w.batches.Load(), w.rolledBack.Load()
}

// WALCheckpoints are the background checkpoints run so far and the WAL
// frames the last one left behind.
func WALCheckpoints(app core.App) (runs, behind int64) {
	c := serviceOf(app).checkpoints
	return c.runs.Load(), c.behind.Load()
}
