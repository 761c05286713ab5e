package hooks

import (
	"github.com/pocketbase/pocketbase/core"
)

type callerKind int

const (
	callerAnonymous callerKind = iota
	callerStaff
	callerParticipant
	callerSuperuser
)

// caller is who sends a request, as custom routes must see it: Go code ignores
// the API rules, so every handler scopes its queries by caller.Tenant itself.
type caller struct {
	Kind        callerKind
	Record      *core.Record
	Tenant      string // empty for network admins, superusers and anonymous callers
	Role        string // staff role; empty otherwise
	Participant string // the participant id of a participant account
}

func callerOf(auth *core.Record) caller {
	if auth == nil {
		return caller{Kind: callerAnonymous}
	}
	switch auth.Collection().Name {
	case core.CollectionNameSuperusers:
		return caller{Kind: callerSuperuser, Record: auth}
	case "users":
		if auth.GetBool("disabled") {
			return caller{Kind: callerAnonymous}
		}
		return caller{Kind: callerStaff, Record: auth, Tenant: auth.GetString("tenant"), Role: auth.GetString("role")}
	case "participant_accounts":
		if auth.GetBool("disabled") {
			return caller{Kind: callerAnonymous}
		}
		return caller{Kind: callerParticipant, Record: auth, Tenant: auth.GetString("tenant"),
			Participant: auth.GetString("participant")}
	}
	return caller{Kind: callerAnonymous}
}

// isTenantStaff reports whether c works for a Träger (counsellor or tenant admin).
func (c caller) isTenantStaff() bool {
	return c.Kind == callerStaff && c.Tenant != "" && (c.Role == RoleCounsellor || c.Role == RoleTenantAdmin)
}
