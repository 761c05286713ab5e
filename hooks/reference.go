package hooks

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// nextReference returns the next human reference number of a Träger's case,
// e.g. BWTW-2026-00042: what a participant quotes on the phone. It must run in
// the transaction that saves the case: SQLite serialises writers, so the
// read-then-insert cannot race, and the unique index would catch it if it did.
// lastReferenceSQL finds the highest reference of a prefix (idx_cases_reference).
const lastReferenceSQL = "SELECT `reference` FROM `cases` WHERE `reference` >= ? AND `reference` < ? ORDER BY `reference` DESC LIMIT 1"

func nextReference(txApp core.App, tenantSlug string, now time.Time) (string, error) {
	if d, ok := txApp.(*directInsertApp); ok && d.buffering {
		d.numbering = &referenceRequest{tenantSlug: tenantSlug, opened: now}
		return pendingReference, nil
	}
	prefix := fmt.Sprintf("%s-%d-", strings.ToUpper(tenantSlug), now.Year())
	var last string
	var err error
	if stmt := txStmt(txApp, lastReferenceSQL); stmt != nil {
		err = stmt.QueryRow(prefix, prefix+"~").Scan(&last)
	} else {
		err = txApp.DB().Select("reference").From("cases").
			Where(dbx.And(
				dbx.NewExp("reference >= {:lo}", dbx.Params{"lo": prefix}),
				dbx.NewExp("reference < {:hi}", dbx.Params{"hi": prefix + "~"}),
			)).
			OrderBy("reference DESC").Limit(1).Row(&last)
	}
	n := 0
	if err == nil {
		n, _ = strconv.Atoi(strings.TrimPrefix(last, prefix))
	}
	return fmt.Sprintf("%s%05d", prefix, n+1), nil
}
