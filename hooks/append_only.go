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
		app.OnRecordUpdate(name).BindFunc(func(e *core.RecordEvent) error {
			return ErrAppendOnly
		})
		app.OnRecordDelete(name).BindFunc(func(e *core.RecordEvent) error {
			return ErrAppendOnly
		})
	}
}
