package hooks

import (
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// Staff roles, as stored in users.role.
const (
	RoleNetworkAdmin = "network_admin"
	RoleTenantAdmin  = "tenant_admin"
	RoleCounsellor   = "counsellor"
)

// bindUserRules keeps staff accounts consistent: network admins belong to no
// Träger, everyone else to exactly one; disabling an account ends its sessions.
func bindUserRules(app core.App) {
	app.OnRecordValidate("users").BindFunc(func(e *core.RecordEvent) error {
		role, tenant := e.Record.GetString("role"), e.Record.GetString("tenant")
		switch {
		case role == RoleNetworkAdmin && tenant != "":
			return validation.Errors{"tenant": validation.NewError("validation_network_admin_without_tenant",
				"Network admins belong to no Träger.")}
		case role != RoleNetworkAdmin && tenant == "":
			return validation.Errors{"tenant": validation.NewError("validation_required",
				"Staff of a Träger need their Träger.")}
		}
		return e.Next()
	})

	// A new token key invalidates every token issued before: PocketBase checks
	// the auth rule only at login, so this is what ends running sessions.
	endSessionsOnDisable := func(e *core.RecordEvent) error {
		if e.Record.GetBool("disabled") && !e.Record.Original().GetBool("disabled") {
			e.Record.RefreshTokenKey()
		}
		return e.Next()
	}
	app.OnRecordUpdate("users").BindFunc(endSessionsOnDisable)
	app.OnRecordUpdate("participant_accounts").BindFunc(endSessionsOnDisable)
}
