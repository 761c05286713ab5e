package hooks

import (
	"time"

	"github.com/pocketbase/dbx"
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
