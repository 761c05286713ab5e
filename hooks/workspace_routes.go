package hooks

import (
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
)

// bindWorkspaceRoutes binds what the counsellors' workspace (/workspace/)
// needs beyond the record API: the inbox, a case's overview with its labels,
// assignment with an audit event, step-form evaluation, in-person
// registration; and the record hooks of its own collections (case notes and
// documents) and of tasks.
func bindWorkspaceRoutes(app core.App, s *service) {
	bindWorkspaceRecords(app, s)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		ws := se.Router.Group("/api/mp").Bind(apis.RequireAuth("users"))
		ws.GET("/inbox", s.handleInbox)
		ws.GET("/cases/{id}/overview", s.handleCaseOverview)
		ws.POST("/cases/{id}/assign", s.handleAssignCase).Bind(apis.BodyLimit(16 << 10))
		ws.POST("/cases/{id}/transitions/{key}/evaluate", s.handleEvaluateStep).Bind(apis.BodyLimit(256 << 10))
		ws.GET("/offers/{offer}/registrations/form", s.handleInPersonForm)
		ws.POST("/offers/{offer}/registrations/evaluate", s.handleInPersonEvaluate).Bind(apis.BodyLimit(256 << 10))
		ws.POST("/offers/{offer}/registrations", s.handleInPersonRegistration).Bind(apis.BodyLimit(maxSubmissionBody))
		return se.Next()
	})
}

// tenantStaff returns the caller when it is a counsellor or tenant admin of a
// Träger, else writes 403.
func tenantStaff(e *core.RequestEvent) (caller, error) {
	c := callerOf(e.Auth)
	if !c.isTenantStaff() {
		return c, e.ForbiddenError("Only counsellors and tenant admins of a Träger may do this.", nil)
	}
	return c, nil
}
