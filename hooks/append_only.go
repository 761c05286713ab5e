package hooks

import (
	"errors"

	"github.com/pocketbase/pocketbase/core"
)

// ErrAppendOnly is returned for any attempt to change or delete an audit record.
var ErrAppendOnly = errors.New("this record is append-only: it cannot be changed or deleted")

// appendOnlyCollections are audit trails and published definitions: created by
// Go code, never changed, not even by a superuser in the dashboard (the record
// hooks run for every save, whatever its origin).
var appendOnlyCollections = []string{"case_events", "form_versions", "workflow_versions", "audit_log"}

func bindAppendOnly(app core.App) {
	for _, name := range appendOnlyCollections {
		guard := func(e *core.RecordEvent) error {
			// The one exception: erasing a person (GDPR Art. 17) empties the
			// personal data of their case events; the erasure itself leaves a
			// tombstone in the audit log and the case's trail.
			if erasing(e.Context) && name == "case_events" {
				return e.Next()
			}
			return ErrAppendOnly
		}
		app.OnRecordUpdate(name).BindFunc(guard)
		app.OnRecordDelete(name).BindFunc(guard)
	}
}
