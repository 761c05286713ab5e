package hooks

import (
	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// authorFields names, per workspace collection, the field the server fills
// with the staff user who creates a record through the record API: whatever
// the body says, a note's author is who wrote it.
var authorFields = map[string]string{"case_notes": "author", "case_documents": "uploaded_by"}

// bindWorkspaceRecords binds the record hooks of the workspace: authors of
// notes and documents, who completed a task when, and to whom a task may be
// given.
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

	// Through the record API a task is given only to an enabled counsellor or
	// tenant admin of its Träger, as a case is by its assign route. The
	// assignee is checked when it changes (a task of a colleague disabled
	// since can still be completed); the workflow's own tasks follow the case.
	taskAssignee := func(failed string) func(e *core.RecordRequestEvent) error {
		return func(e *core.RecordRequestEvent) error {
			if e.HasSuperuserAuth() {
				return e.Next()
			}
			a := e.Record.GetString("assignee")
			if a == "" || (!e.Record.IsNew() && a == e.Record.Original().GetString("assignee")) {
				return e.Next()
			}
			ok, err := isColleague(e.App, e.Record.GetString("tenant"), a)
			if err != nil {
				return e.InternalServerError("The assignee could not be checked.", err)
			}
			if !ok {
				return e.BadRequestError(failed, validation.Errors{"assignee": validation.NewError(
					"validation_assignee_invalid", "Tasks can only be given to enabled colleagues of the same Träger.")})
			}
			return e.Next()
		}
	}
	app.OnRecordCreateRequest("tasks").BindFunc(taskAssignee("Failed to create record."))
	app.OnRecordUpdateRequest("tasks").BindFunc(taskAssignee("Failed to update record."))
}

// isColleague reports whether user is one of tenant's colleagues
// (colleagueOf), whom a case or task may be given to.
func isColleague(app core.App, tenant, user string) (bool, error) {
	if tenant == "" {
		return false, nil
	}
	var n int
	err := app.DB().Select("COUNT(*)").From("users").Where(colleagueOf(tenant)).
		AndWhere(dbx.HashExp{"id": user}).Row(&n)
	return n > 0, err
}
