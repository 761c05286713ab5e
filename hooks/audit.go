package hooks

import (
	"database/sql"
	"errors"
	"slices"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// auditedCollections are the changes the audit log records: people, cases,
// registrations, consents, definitions and staff.
var auditedCollections = []string{"participants", "participant_accounts", "cases", "submissions", "consents",
	"offer_types", "form_versions", "workflow_versions", "users", "tenants", "case_notes", "case_documents"}

// Audit actions.
const (
	AuditCreate      = "create"
	AuditUpdate      = "update"
	AuditDelete      = "delete"
	AuditReadSpecial = "read_special" // a read of GDPR Art. 9 answers
	AuditExport      = "export"
	AuditErase       = "erase"
)

// bindAudit records every create, update and delete of the audited
// collections in the transaction of the change itself: inside the write
// hook, so a change without its audit entry (or the reverse) cannot commit.
func bindAudit(app core.App, now func() time.Time) {
	audit := func(action string) func(e *core.RecordEvent) error {
		return func(e *core.RecordEvent) error {
			if !isAudited(e.Record.Collection().Name) {
				return e.Next()
			}
			if _, err := e.App.FindCachedCollectionByNameOrId("audit_log"); err != nil {
				return e.Next() // migrations before the audit log exists (a first start)
			}
			write := func(tx core.App) error {
				e.App = tx // the write below and the audit entry share the transaction
				if err := e.Next(); err != nil {
					return err
				}
				return appendAudit(tx, auditEntryOf(e, action), now())
			}
			if e.App.IsTransactional() {
				return write(e.App)
			}
			// The after-success hooks (realtime among them) run with e.App
			// once this returns: give them back the app, not the finished
			// transaction.
			outer := e.App
			err := outer.RunInTransaction(write)
			e.App = outer
			return err
		}
	}
	app.OnRecordCreateExecute().BindFunc(audit(AuditCreate))
	app.OnRecordUpdateExecute().BindFunc(audit(AuditUpdate))
	app.OnRecordDeleteExecute().BindFunc(audit(AuditDelete))
}

func isAudited(collection string) bool { return slices.Contains(auditedCollections, collection) }

func auditEntryOf(e *core.RecordEvent, action string) AuditEntry {
	return auditEntryFor(e.Record, action, actorFrom(e.Context))
}

func auditEntryFor(r *core.Record, action string, actor Actor) AuditEntry {
	tenant := r.GetString("tenant")
	if r.Collection().Name == "tenants" {
		tenant = r.Id
	}
	entry := AuditEntry{Tenant: tenant, Collection: r.Collection().Name, Record: r.Id, Action: action,
		Actor: actor}
	if action == AuditUpdate {
		entry.Fields = changedFields(r)
	}
	return entry
}

// changedFields names the fields an update changes (values stay out of the log).
func changedFields(r *core.Record) []string {
	orig := r.Original()
	var out []string
	for _, f := range r.Collection().Fields {
		name := f.GetName()
		if f.Type() == core.FieldTypeAutodate {
			continue
		}
		if r.GetString(name) != orig.GetString(name) {
			out = append(out, name)
		}
	}
	return out
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
