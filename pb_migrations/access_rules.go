// Package pb_migrations holds the Go migrations of MultiPotenzial: collections,
// their API rules and indexes, settings, and the network's seed data (regions and
// the four Träger). Demo data never lives here; see package demo.
//
// Applied migrations are identified by their file name: never rename one, add a
// new file for every change.
package pb_migrations

// Rule fragments shared by the collection migrations. PocketBase evaluates
// unknown @request.auth fields as NULL, so a participant account never matches a
// staff clause and vice versa.
const (
	// isStaff matches an enabled staff account of any role.
	isStaff = `@request.auth.collectionName = "users" && @request.auth.disabled = false`

	// isStaffOfTenant matches counsellors and tenant admins of the record's Träger.
	// Network admins have no tenant, so they never match a tenant's records
	// (and a record with an empty tenant never matches anyone here).
	isStaffOfTenant = isStaff + ` && @request.auth.tenant != "" && tenant = @request.auth.tenant`

	// isTenantAdminOfTenant narrows isStaffOfTenant to tenant admins.
	isTenantAdminOfTenant = isStaffOfTenant + ` && @request.auth.role = "tenant_admin"`

	// isTenantAdmin matches a tenant admin regardless of the record (for create rules).
	isTenantAdmin = isStaff + ` && @request.auth.tenant != "" && @request.auth.role = "tenant_admin"`

	// isNetworkAdmin matches the network coordination, who see aggregates only.
	isNetworkAdmin = isStaff + ` && @request.auth.role = "network_admin"`

	// isParticipant matches a logged-in participant account.
	isParticipant = `@request.auth.collectionName = "participant_accounts" && @request.auth.disabled = false`

	// keepsTenant forbids moving a record to another Träger on update.
	keepsTenant = `(@request.body.tenant:isset = false || @request.body.tenant = tenant)`
)
