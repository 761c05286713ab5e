package hooks

import (
	"context"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Erasure modes: anonymise keeps the case's course (states, dates, outcome)
// for the statistics and removes everything that identifies the person;
// remove deletes the person's records altogether.
const (
	EraseAnonymise = "anonymise"
	EraseRemove    = "remove"
)

type erasingKey struct{}

// erasing reports whether ctx belongs to an erasure, the only writer allowed
// to empty case events.
func erasing(ctx context.Context) bool {
	v, _ := ctx.Value(erasingKey{}).(bool)
	return ctx != nil && v
}

// identifyingFields of a participant are emptied by an anonymisation.
var identifyingFields = []string{"first_name", "last_name", "birth_date", "gender", "nationality",
	"preferred_language", "email", "phone", "messenger", "municipality", "address"}

// ErasureResult says what an erasure did, per collection.
type ErasureResult struct {
	Mode      string         `json:"mode"`
	Emptied   map[string]int `json:"emptied"`
	Deleted   map[string]int `json:"deleted"`
	FilesGone int            `json:"files_deleted"`
}

// ErasePerson erases or anonymises one participant and everything about
// them, in one transaction, found by the schema itself: every record that
// points to the participant, or to one of their cases or submissions. It
// leaves a tombstone: an "erase" audit entry, and (when anonymising) an
// "erased" event in each case's trail. Files are deleted from storage after
// the commit.
func ErasePerson(app core.App, participantId, mode string, by Actor, now time.Time) (*ErasureResult, error) {
	res := &ErasureResult{Mode: mode, Emptied: map[string]int{}, Deleted: map[string]int{}}
	var files []string
	ctx := context.WithValue(WithActor(context.Background(), by), erasingKey{}, true)
	err := app.RunInTransaction(func(raw core.App) error {
		tx := &actingApp{App: raw, ctx: ctx}
		p, err := tx.FindRecordById("participants", participantId)
		if err != nil {
			return err
		}
		related, err := relatedRecords(tx, p)
		if err != nil {
			return err
		}
		for _, r := range related {
			files = append(files, storedFiles(r)...)
		}
		if mode == EraseRemove {
			err = removeAll(tx, p, related, res)
		} else {
			err = anonymiseAll(tx, p, related, res, now)
		}
		if err != nil {
			return err
		}
		return appendAudit(tx, AuditEntry{Tenant: p.GetString("tenant"), Collection: "participants", Record: p.Id,
			Action: AuditErase, Actor: by, Fields: []string{mode}}, now)
	})
	if err != nil {
		return nil, err
	}
	// PocketBase deletes the files of deleted records and emptied file fields
	// once the transaction has committed.
	res.FilesGone = len(files)
	return res, nil
}

// relatedRecords finds, through the relation fields of every collection,
// the records about a participant: those pointing to them, and those
// pointing to their cases and submissions. Audit entries and consents stay:
// they hold no personal values, and consents prove lawful processing.
func relatedRecords(app core.App, p *core.Record) ([]*core.Record, error) {
	first, err := pointingTo(app, "participants", []string{p.Id})
	if err != nil {
		return nil, err
	}
	ids := map[string][]string{}
	for _, r := range first {
		ids[r.Collection().Name] = append(ids[r.Collection().Name], r.Id)
	}
	out := first
	for _, parent := range []string{"cases", "submissions"} {
		more, err := pointingTo(app, parent, ids[parent])
		if err != nil {
			return nil, err
		}
		for _, r := range more {
			if !containsRecord(out, r) {
				out = append(out, r)
			}
		}
	}
	return out, nil
}

// pointingTo returns the records of every collection with a relation field
// to collection whose value is one of ids.
func pointingTo(app core.App, collection string, ids []string) ([]*core.Record, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	target, err := app.FindCachedCollectionByNameOrId(collection)
	if err != nil {
		return nil, err
	}
	cols, err := app.FindAllCollections(core.CollectionTypeBase, core.CollectionTypeAuth)
	if err != nil {
		return nil, err
	}
	var out []*core.Record
	for _, c := range cols {
		if c.System || slices.Contains([]string{"audit_log", "consents"}, c.Name) {
			continue
		}
		for _, f := range c.Fields {
			rel, ok := f.(*core.RelationField)
			if !ok || rel.CollectionId != target.Id {
				continue
			}
			var recs []*core.Record
			if err := app.RecordQuery(c).AndWhere(dbx.In(rel.Name, toAny(ids)...)).All(&recs); err != nil {
				return nil, err
			}
			out = append(out, recs...)
		}
	}
	return out, nil
}

func containsRecord(list []*core.Record, r *core.Record) bool {
	return slices.ContainsFunc(list, func(x *core.Record) bool {
		return x.Id == r.Id && x.Collection().Id == r.Collection().Id
	})
}

// storedFiles are the storage keys of a record's files.
func storedFiles(r *core.Record) []string {
	var keys []string
	for _, f := range r.Collection().Fields {
		if f.Type() != core.FieldTypeFile {
			continue
		}
		for _, name := range r.GetStringSlice(f.GetName()) {
			keys = append(keys, r.BaseFilesPath()+"/"+name)
		}
	}
	return keys
}
