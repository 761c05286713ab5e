package hooks

import (
	"github.com/pocketbase/pocketbase/core"
)

// authorFields names, per workspace collection, the field the server fills
// with the staff user who creates a record through the record API: whatever
// the body says, a note's author is who wrote it.
var authorFields = map[string]string{"case_notes": "author", "case_documents": "uploaded_by"}

// bindWorkspaceRecords binds the record hooks of the workspace: authors of
// notes and documents, and who completed a task when.
func bindWorkspaceRecords(app core.App, s *service) {
	for collection, field := range authorFields {
		app.OnRecordCreateRequest(collection).BindFunc(func(e *core.RecordRequestEvent) error {
			if c := callerOf(e.Auth); c.Kind == callerStaff {
				e.Record.Set(field, c.Record.Id)
			}
			return e.Next()
		})
	}

	// A task's done_at and done_by follow its done flag; staff set only done.
	app.OnRecordUpdateRequest("tasks").BindFunc(func(e *core.RecordRequestEvent) error {
		c := callerOf(e.Auth)
		done, was := e.Record.GetBool("done"), e.Record.Original().GetBool("done")
		switch {
		case c.Kind != callerStaff:
		case done && !was:
			e.Record.Set("done_at", s.now())
			e.Record.Set("done_by", c.Record.Id)
		case !done && was:
			e.Record.Set("done_at", "")
			e.Record.Set("done_by", "")
		}
		return e.Next()
	})
}
