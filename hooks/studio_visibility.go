package hooks

import (
	"github.com/pocketbase/pocketbase/core"
)

// bindStudioVisibility narrows what the record API shows of two studio
// collections, beyond what API rules can say per field:
//
//   - offer_types: the drafts (form_draft, workflow_draft) are shown only to
//     those who administer the offer — tenant admins of its Träger, network
//     admins for network templates. A public offer is visible to everyone by
//     design; its unpublished drafts are not (another Träger's admin, a
//     counsellor, a participant or an anonymous visitor gets the record
//     without them).
//   - users: tenant admins see the e-mail addresses of their Träger's staff,
//     network admins those of all staff (PocketBase shows another account's
//     address only when its owner made it visible).
func bindStudioVisibility(app core.App) {
	app.OnRecordEnrich("offer_types").BindFunc(func(e *core.RecordEnrichEvent) error {
		if !administers(e.RequestInfo, e.Record) {
			e.Record.Hide("form_draft", "workflow_draft")
		}
		return e.Next()
	})
	app.OnRecordEnrich("users").BindFunc(func(e *core.RecordEnrichEvent) error {
		if e.RequestInfo != nil && e.RequestInfo.Auth != nil {
			c := callerOf(e.RequestInfo.Auth)
			if c.Role == RoleNetworkAdmin || (c.Role == RoleTenantAdmin && c.Tenant != "" && c.Tenant == e.Record.GetString("tenant")) {
				e.Record.IgnoreEmailVisibility(true)
			}
		}
		return e.Next()
	})
}

// administers reports whether the requester may work on the offer's drafts.
func administers(info *core.RequestInfo, offer *core.Record) bool {
	if info == nil || info.Auth == nil {
		return false
	}
	if info.Auth.IsSuperuser() {
		return true
	}
	c := callerOf(info.Auth)
	tenant := offer.GetString("tenant")
	return c.Role == RoleTenantAdmin && c.Tenant != "" && tenant == c.Tenant ||
		c.Role == RoleNetworkAdmin && tenant == ""
}
