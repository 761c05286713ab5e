package hooks

import (
	"context"
	"errors"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
	"github.com/pocketbase/pocketbase/tools/types"
)

// directInsertApp writes the new records of one registration with one plain
// INSERT each, inside the caller's transaction.
//
// A registration is the write of a burst: a course is announced and fifty
// phones submit at once. It creates about ten records, and PocketBase's Save
// costs far more per record than the INSERT itself: its hook chain, a regexp
// compiled to generate every id and to validate it, a query per relation
// field, and a second Save for each audit entry. SQLite serialises writers, so
// that cost capped registrations at ~150/s (docs/PERFORMANCE.md).
//
// What those hooks do for these records is done here instead, and only that:
//   - the field validators, except the id (generated here) and relations:
//     every relation of a registration is set by our code from the offer
//     loaded for its Träger or from a record created in this transaction, so
//     the same-Träger check (tenant_relations.go) cannot fail;
//   - participants.search (name_search.go);
//   - created/updated;
//   - the audit entries (audit.go), written by flush in the same transaction;
//   - the after-create hooks (realtime among them): afterCommit, called by
//     the caller once the transaction has committed.
//
// Updates, auth records and records with files go through PocketBase's Save.
//
// A buffering directInsertApp (newBufferingApp) only builds the rows: the
// registration writer builds them in the request's goroutine and inserts
// them in its transaction (apply), so the single writer does as little as
// possible. The case reference, numbered per Träger and year, can only be
// drawn there: until then the rows carry pendingReference.
type directInsertApp struct {
	core.App
	actor   Actor
	created []*core.Record
	audit   []AuditEntry
	// head is the audit chain's head when known in this transaction (nil:
	// flush reads it); flush moves it on.
	head *auditHead

	buffering bool
	rows      []map[string]any // buffering: the DB values of created, in order
	numbering *referenceRequest
}

// pendingReference stands for the case reference in a buffered registration.
const pendingReference = "pending-reference"

type referenceRequest struct {
	tenantSlug string
	opened     time.Time
}

// newBufferingApp returns an app whose Save builds the rows of new records
// for a later apply; app is not in a transaction.
func newBufferingApp(app core.App, actor Actor) *directInsertApp {
	return &directInsertApp{App: app, actor: actor, buffering: true}
}

// errNeedsTransaction: a buffered registration tried a write that needs
// PocketBase's Save (an update, a file): a bug, not a user error.
var errNeedsTransaction = errors.New("this write needs the transaction; it cannot be buffered")

func (a *directInsertApp) Save(m core.Model) error { return a.save(context.Background(), m, true) }
func (a *directInsertApp) SaveNoValidate(m core.Model) error {
	return a.save(context.Background(), m, false)
}

func (a *directInsertApp) SaveWithContext(ctx context.Context, m core.Model) error {
	return a.save(ctx, m, true)
}

func (a *directInsertApp) SaveNoValidateWithContext(ctx context.Context, m core.Model) error {
	return a.save(ctx, m, false)
}

func (a *directInsertApp) save(ctx context.Context, m core.Model, validate bool) error {
	r, ok := m.(*core.Record)
	if !ok || !r.IsNew() || r.Collection().IsAuth() || hasUnsavedFiles(r) {
		if a.buffering {
			return errNeedsTransaction
		}
		if validate {
			return a.App.SaveWithContext(WithActor(ctx, a.actor), m)
		}
		return a.App.SaveNoValidateWithContext(WithActor(ctx, a.actor), m)
	}
	if r.Collection().Name == "participants" {
		setNameSearch(r)
	}
	if validate {
		if err := validateOwnFields(ctx, a.App, r); err != nil {
			return err
		}
	}
	if a.buffering {
		data, err := rowOf(r)
		if err != nil {
			return err
		}
		a.rows = append(a.rows, data)
	} else if err := insertRecord(a.App, r); err != nil {
		return err
	}
	a.created = append(a.created, r)
	if isAudited(r.Collection().Name) {
		a.audit = append(a.audit, auditEntryFor(r, AuditCreate, a.actor))
	}
	return nil
}

// flush writes the audit entries of the inserted records.
func (a *directInsertApp) flush(now time.Time) error {
	head, err := appendAuditsAfter(a.App, a.head, a.audit, now)
	if err == nil {
		a.head = head
	}
	return err
}

// apply inserts the buffered rows with tx, numbering the case first, and
// writes their audit entries.
func (a *directInsertApp) apply(tx core.App, now time.Time) error {
	if a.numbering != nil {
		ref, err := nextReference(tx, a.numbering.tenantSlug, a.numbering.opened)
		if err != nil {
			return err
		}
		for i, r := range a.created {
			if a.rows[i]["reference"] == pendingReference {
				a.rows[i]["reference"] = ref
				r.Set("reference", ref)
			}
		}
	}
	for i, r := range a.created {
		if err := insertRow(tx, r, a.rows[i]); err != nil {
			return err
		}
	}
	head, err := appendAuditsAfter(tx, a.head, a.audit, now)
	if err == nil {
		a.head = head
	}
	return err
}

// afterCommit runs the after-create hooks of the inserted records, as
// PocketBase does after the commit of a Save: realtime subscribers of the
// Träger learn of the new case, its tasks and its first event.
func (a *directInsertApp) afterCommit(app core.App) {
	for _, r := range a.created {
		e := &core.ModelEvent{App: app, Context: context.Background(), Type: core.ModelEventTypeCreate, Model: r}
		if err := app.OnModelAfterCreateSuccess().Trigger(e); err != nil {
			app.Logger().Warn("after-create hooks failed", "collection", r.Collection().Name, "id", r.Id, "error", err)
		}
	}
}

// insertRecord writes a new record as PocketBase's create would, without its
// hooks: generated id and autodate values, the record's own DB encoding.
func insertRecord(txApp core.App, r *core.Record) error {
	data, err := rowOf(r)
	if err != nil {
		return err
	}
	return insertRow(txApp, r, data)
}

// rowOf fills the generated values of a new record (id, autodates) and
// returns its DB values.
func rowOf(r *core.Record) (map[string]any, error) {
	now := types.NowDateTime()
	for _, f := range r.Collection().Fields {
		switch f := f.(type) {
		case *core.TextField:
			if f.AutogeneratePattern == "" || r.GetString(f.Name) != "" {
				continue
			}
			if f.PrimaryKey {
				r.Id = core.GenerateDefaultRandomId()
				continue
			}
			v, err := security.RandomStringByRegex(f.AutogeneratePattern)
			if err != nil {
				return nil, err
			}
			r.SetRaw(f.Name, v)
		case *core.AutodateField:
			if f.OnCreate || f.OnUpdate {
				r.SetRaw(f.Name, now)
			}
		}
	}
	data, err := r.DBExport(nil)
	if err != nil {
		return nil, err
	}
	data["id"] = r.Id
	return data, nil
}

func insertRow(txApp core.App, r *core.Record, data map[string]any) error {
	ok, err := execPreparedInsert(txApp, r.Collection().Name, data)
	if !ok {
		_, err = txApp.DB().Insert(r.Collection().Name, data).Execute()
	}
	if err != nil {
		return err
	}
	r.MarkAsNotNew()
	return nil
}

// validateOwnFields runs the field validators PocketBase's Save would run,
// except the id's (a pattern compiled per call, for an id generated here)
// and the relations' (see directInsertApp).
func validateOwnFields(ctx context.Context, app core.App, r *core.Record) error {
	errs := validation.Errors{}
	for _, f := range r.Collection().Fields {
		if f.GetName() == "id" || f.Type() == core.FieldTypeRelation {
			continue
		}
		if err := f.ValidateValue(ctx, app, r); err != nil {
			errs[f.GetName()] = err
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

func hasUnsavedFiles(r *core.Record) bool {
	for _, f := range r.Collection().Fields {
		if f.Type() == core.FieldTypeFile && len(r.GetUnsavedFiles(f.GetName())) > 0 {
			return true
		}
	}
	return false
}
