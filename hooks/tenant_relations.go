package hooks

import (
	"slices"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// bindTenantRelations makes every relation stay inside one Träger: a record
// with a `tenant` may only point to records of the same tenant. PocketBase
// checks relation ids for existence only, so without this a counsellor could
// attach another Träger's participant to a case, and Go code could too.
func bindTenantRelations(app core.App) {
	app.OnRecordValidate().BindFunc(func(e *core.RecordEvent) error {
		if err := checkTenantRelations(e.App, e.Record); err != nil {
			return err
		}
		return e.Next()
	})
}

func checkTenantRelations(app core.App, rec *core.Record) error {
	if rec.Collection().Fields.GetByName("tenant") == nil {
		return nil
	}
	tenant := rec.GetString("tenant")
	errs := validation.Errors{}
	for _, f := range rec.Collection().Fields {
		rel, ok := f.(*core.RelationField)
		if !ok || rel.Name == "tenant" {
			continue
		}
		ids := rec.GetStringSlice(rel.Name)
		if len(ids) == 0 || (!rec.IsNew() && slices.Equal(ids, rec.Original().GetStringSlice(rel.Name))) {
			continue
		}
		target, err := app.FindCachedCollectionByNameOrId(rel.CollectionId)
		if err != nil || target.Fields.GetByName("tenant") == nil {
			continue
		}
		// Only the tenant column: loading whole records would parse their
		// JSON (a case's answers) on every save.
		var foreign int
		err = app.DB().Select("COUNT(*)").From(target.Name).
			Where(dbx.In("id", toAny(ids)...)).
			AndWhere(dbx.Not(dbx.HashExp{"tenant": tenant})).Row(&foreign)
		if err != nil {
			return err
		}
		if foreign > 0 {
			errs[rel.Name] = validation.NewError("validation_cross_tenant_relation",
				"The related record belongs to another Träger.")
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

func toAny(ids []string) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
