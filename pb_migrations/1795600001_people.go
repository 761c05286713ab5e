package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

func init() {
	m.Register(func(app core.App) error {
		tenants, err := app.FindCollectionByNameOrId("tenants")
		if err != nil {
			return err
		}

		// participants is a base collection on purpose: registering must not
		// hash a password (bcrypt allows only a few dozen per second here).
		participants := core.NewBaseCollection("participants")
		participants.Fields.Add(
			&core.RelationField{Name: "tenant", Required: true, MaxSelect: 1, CollectionId: tenants.Id},
			&core.TextField{Name: "first_name", Required: true, Max: 100},
			&core.TextField{Name: "last_name", Required: true, Max: 100, Presentable: true},
			&core.DateField{Name: "birth_date"},
			&core.SelectField{Name: "gender", MaxSelect: 1, Values: []string{"female", "male", "diverse", "unspecified"}},
			&core.TextField{Name: "nationality", Max: 100},
			&core.TextField{Name: "preferred_language", Max: 8, Pattern: `^[a-z]{2,3}$`},
			&core.EmailField{Name: "email"},
			&core.TextField{Name: "phone", Max: 40},
			&core.TextField{Name: "messenger", Max: 100},
			&core.TextField{Name: "municipality", Max: 100},
			&core.TextField{Name: "address", Max: 300},
			// registered: self-registered, not yet taken up; active: in counselling;
			// anonymised: identifying data removed (erasure or retention).
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: []string{"registered", "active", "anonymised"}},
			&core.SelectField{Name: "channel", MaxSelect: 1, Values: []string{"online", "in_person"}},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		participants.ListRule = types.Pointer(`(` + isStaffOfTenant + `) || (` + isParticipant + ` && id = @request.auth.participant)`)
		participants.ViewRule = participants.ListRule
		participants.CreateRule = nil // only through the intake form (/api/mp/...)
		// Participants may keep their own contact data current; which fields is
		// narrowed further by hooks/update_allowlist.go.
		participants.UpdateRule = types.Pointer(`((` + isStaffOfTenant + `) || (` + isParticipant + ` && id = @request.auth.participant))` +
			` && ` + keepsTenant + ` && @request.body.status:isset = false`)
		participants.DeleteRule = nil // erasure is its own audited route
		participants.AddIndex("idx_participants_tenant_name", false, "`tenant`, `last_name`", "")
		participants.AddIndex("idx_participants_tenant_status", false, "`tenant`, `status`", "")
		if err := app.Save(participants); err != nil {
			return err
		}

		accounts := core.NewAuthCollection("participant_accounts")
		accounts.Fields.Add(
			&core.RelationField{Name: "participant", Required: true, MaxSelect: 1, CollectionId: participants.Id, CascadeDelete: true},
			&core.RelationField{Name: "tenant", Required: true, MaxSelect: 1, CollectionId: tenants.Id},
			&core.BoolField{Name: "disabled"},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		accounts.ListRule = types.Pointer(`id = @request.auth.id || (` + isStaffOfTenant + `)`)
		accounts.ViewRule = accounts.ListRule
		accounts.CreateRule = nil // created on request through /api/mp/public/accounts
		accounts.UpdateRule = types.Pointer(`id = @request.auth.id && @request.body.participant:isset = false` +
			` && @request.body.tenant:isset = false && @request.body.disabled:isset = false`)
		accounts.DeleteRule = types.Pointer(`id = @request.auth.id || (` + isTenantAdminOfTenant + `)`)
		accounts.AuthRule = types.Pointer("disabled = false")
		accounts.AuthToken.Duration = 12 * 60 * 60
		accounts.OAuth2.Enabled = false
		accounts.AddIndex("idx_participant_accounts_participant", true, "`participant`", "")
		accounts.AddIndex("idx_participant_accounts_tenant", false, "`tenant`", "")
		return app.Save(accounts)
	}, func(app core.App) error {
		for _, name := range []string{"participant_accounts", "participants"} {
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
