package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// What the counsellors' workspace keeps besides the workflow: internal case
// notes and case documents. Both are for the Träger's staff only — no rule
// ever names a participant — and are written by staff, never changed
// afterwards (a correction is a new note; a wrong document is deleted).
func init() {
	m.Register(func(app core.App) error {
		cols := map[string]*core.Collection{}
		for _, name := range []string{"tenants", "cases", "users", "tasks"} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			cols[name] = c
		}
		// The author and uploader are set by the server to the caller
		// (hooks/workspace_records.go), so the create rules need not trust the body.
		createByStaff := types.Pointer(isStaff + ` && @request.auth.tenant != "" && @request.body.tenant = @request.auth.tenant`)

		notes := core.NewBaseCollection("case_notes")
		notes.Fields.Add(
			&core.RelationField{Name: "tenant", Required: true, MaxSelect: 1, CollectionId: cols["tenants"].Id},
			&core.RelationField{Name: "case", Required: true, MaxSelect: 1, CollectionId: cols["cases"].Id},
			&core.RelationField{Name: "author", MaxSelect: 1, CollectionId: cols["users"].Id},
			&core.TextField{Name: "body", Required: true, Max: 5000},
			&core.AutodateField{Name: "created", OnCreate: true},
		)
		notes.ListRule = types.Pointer(isStaffOfTenant)
		notes.ViewRule = notes.ListRule
		notes.CreateRule = createByStaff
		notes.UpdateRule, notes.DeleteRule = nil, nil
		notes.AddIndex("idx_case_notes_case_created", false, "`case`, `created`", "")
		notes.AddIndex("idx_case_notes_tenant", false, "`tenant`", "")
		if err := app.Save(notes); err != nil {
			return err
		}

		docs := core.NewBaseCollection("case_documents")
		docs.Fields.Add(
			&core.RelationField{Name: "tenant", Required: true, MaxSelect: 1, CollectionId: cols["tenants"].Id},
			&core.RelationField{Name: "case", Required: true, MaxSelect: 1, CollectionId: cols["cases"].Id},
			&core.TextField{Name: "title", Required: true, Max: 200},
			// Optional: an entry may also record a paper document kept elsewhere.
			&core.FileField{Name: "file", MaxSelect: 1, MaxSize: 20 << 20, Protected: true, MimeTypes: []string{
				"application/pdf", "image/jpeg", "image/png", "image/heic", "image/webp", "text/plain",
				"application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
				"application/vnd.oasis.opendocument.text"}},
			&core.RelationField{Name: "uploaded_by", MaxSelect: 1, CollectionId: cols["users"].Id},
			&core.AutodateField{Name: "created", OnCreate: true},
		)
		// Protected files are served only with a file token to whoever passes
		// the view rule: the Träger's staff.
		docs.ListRule = types.Pointer(isStaffOfTenant)
		docs.ViewRule = docs.ListRule
		docs.CreateRule = createByStaff
		docs.UpdateRule = nil
		docs.DeleteRule = types.Pointer(`(` + isTenantAdminOfTenant + `) || (` + isStaffOfTenant + ` && uploaded_by = @request.auth.id)`)
		docs.AddIndex("idx_case_documents_case_created", false, "`case`, `created`", "")
		docs.AddIndex("idx_case_documents_tenant_uploader", false, "`tenant`, `uploaded_by`", "")
		if err := app.Save(docs); err != nil {
			return err
		}

		// The inbox (hooks/workspace_inbox_query.go): a counsellor's cases per
		// state from one covering index, and the overdue tasks of a Träger as
		// one range, without reading a task row.
		cols["cases"].AddIndex("idx_cases_tenant_assignee_state", false, "`tenant`, `assignee`, `state`", "")
		if err := app.Save(cols["cases"]); err != nil {
			return err
		}
		cols["tasks"].AddIndex("idx_tasks_tenant_done_due", false, "`tenant`, `done`, `due`, `case`", "")
		return app.Save(cols["tasks"])
	}, func(app core.App) error {
		for name, idx := range map[string]string{"cases": "idx_cases_tenant_assignee_state", "tasks": "idx_tasks_tenant_done_due"} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			c.RemoveIndex(idx)
			if err := app.Save(c); err != nil {
				return err
			}
		}
		for _, name := range []string{"case_documents", "case_notes"} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			if err := app.Delete(c); err != nil {
				return err
			}
		}
		return nil
	})
}
