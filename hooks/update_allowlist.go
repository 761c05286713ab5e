package hooks

import (
	"slices"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// updateAllowlists names, per collection and kind of caller, the only fields a
// record API update may carry. API rules can forbid fields one by one; an
// allowlist also covers fields added later. A collection listed without
// fields for a kind of caller cannot be updated by it through the record API
// at all, not even with an empty body. Superusers are not limited.
var updateAllowlists = map[string]map[callerKind][]string{
	"participants": {
		callerParticipant: {"email", "phone", "messenger", "preferred_language", "municipality", "address"},
		callerStaff: {"first_name", "last_name", "birth_date", "gender", "nationality", "preferred_language",
			"email", "phone", "messenger", "municipality", "address"},
	},
	// No field of a case: the state, answers and dates move only through
	// workflow transitions, the assignee only through
	// POST /api/mp/cases/{id}/assign (an enabled colleague of the same
	// Träger, with an "assigned" case event).
	"cases":       {},
	"submissions": {callerStaff: {"status"}},
}

func bindUpdateAllowlists(app core.App) {
	for name, byKind := range updateAllowlists {
		app.OnRecordUpdateRequest(name).BindFunc(func(e *core.RecordRequestEvent) error {
			if e.HasSuperuserAuth() {
				return e.Next()
			}
			info, err := e.RequestInfo()
			if err != nil {
				return err
			}
			allowed := byKind[callerOf(e.Auth).Kind]
			if len(allowed) == 0 && len(info.Body) == 0 {
				// An empty update would still save (and bump "updated").
				return e.BadRequestError("This record cannot be changed through the record API.", nil)
			}
			errs := validation.Errors{}
			for key := range info.Body {
				field := strings.TrimRight(strings.TrimLeft(key, "+"), "+-")
				if !slices.Contains(allowed, field) {
					errs[field] = validation.NewError("validation_field_not_editable",
						"This field cannot be changed here.")
				}
			}
			if len(errs) > 0 {
				return e.BadRequestError("Failed to update record.", errs)
			}
			return e.Next()
		})
	}
}
