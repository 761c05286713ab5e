package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

func init() {
	m.Register(func(app core.App) error {
		regions := core.NewBaseCollection("regions")
		regions.Fields.Add(
			&core.TextField{Name: "name", Required: true, Max: 100, Presentable: true},
			&core.TextField{Name: "code", Required: true, Max: 20, Pattern: `^[A-Z0-9_-]+$`},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		// District names are public: the offer catalogue shows them to anyone.
		regions.ListRule = types.Pointer("")
		regions.ViewRule = types.Pointer("")
		regions.CreateRule = types.Pointer(isNetworkAdmin)
		regions.UpdateRule = types.Pointer(isNetworkAdmin)
		regions.DeleteRule = types.Pointer(isNetworkAdmin)
		regions.AddIndex("idx_regions_code", true, "`code`", "")
		if err := app.Save(regions); err != nil {
			return err
		}

		tenants := core.NewBaseCollection("tenants")
		tenants.Fields.Add(
			&core.TextField{Name: "name", Required: true, Max: 200, Presentable: true},
			&core.TextField{Name: "short_name", Max: 60},
			&core.TextField{Name: "slug", Required: true, Max: 40, Pattern: `^[a-z][a-z0-9-]*$`},
			&core.RelationField{Name: "regions", CollectionId: regions.Id, MaxSelect: 10},
			&core.TextField{Name: "address", Max: 300},
			&core.EmailField{Name: "email"},
			&core.TextField{Name: "phone", Max: 40},
			&core.URLField{Name: "website"},
			&core.NumberField{Name: "capacity", OnlyInt: true, Min: types.Pointer(0.0), Max: types.Pointer(100000.0)},
			&core.BoolField{Name: "active"},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		// A Träger's name, address and contact are public information.
		tenants.ListRule = types.Pointer("")
		tenants.ViewRule = types.Pointer("")
		tenants.CreateRule = types.Pointer(isNetworkAdmin)
		// Tenant admins keep their own contact data current; slug and capacity
		// (places agreed with the funder) are the network's.
		tenants.UpdateRule = types.Pointer(isNetworkAdmin + ` || (` + isStaff +
			` && @request.auth.role = "tenant_admin" && id = @request.auth.tenant` +
			` && @request.body.slug:isset = false && @request.body.capacity:isset = false && @request.body.active:isset = false)`)
		tenants.DeleteRule = nil
		tenants.AddIndex("idx_tenants_slug", true, "`slug`", "")
		if err := app.Save(tenants); err != nil {
			return err
		}

		// users is PocketBase's own auth collection (created by the system
		// migration); it is extended, not recreated.
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		users.Fields.Add(
			&core.RelationField{Name: "tenant", CollectionId: tenants.Id, MaxSelect: 1},
			&core.SelectField{Name: "role", Required: true, MaxSelect: 1,
				Values: []string{"network_admin", "tenant_admin", "counsellor"}},
			&core.BoolField{Name: "disabled"},
			&core.TextField{Name: "phone", Max: 40},
		)
		sameTenant := isStaff + ` && @request.auth.tenant != "" && tenant = @request.auth.tenant`
		users.ListRule = types.Pointer(`id = @request.auth.id || (` + sameTenant + `) || (` + isNetworkAdmin + `)`)
		users.ViewRule = users.ListRule
		// No open sign-up: tenant admins invite staff into their own Träger,
		// network admins create tenant admins and other network admins.
		users.CreateRule = types.Pointer(`(` + isTenantAdmin +
			` && @request.body.tenant = @request.auth.tenant && (@request.body.role = "counsellor" || @request.body.role = "tenant_admin"))` +
			` || (` + isNetworkAdmin + ` && (@request.body.role = "tenant_admin" || @request.body.role = "network_admin"))`)
		users.UpdateRule = types.Pointer(
			`(id = @request.auth.id && @request.body.role:isset = false && @request.body.tenant:isset = false && @request.body.disabled:isset = false)` +
				` || (` + isTenantAdmin + ` && tenant = @request.auth.tenant && ` + keepsTenant +
				` && (@request.body.role:isset = false || @request.body.role = "counsellor" || @request.body.role = "tenant_admin"))` +
				` || (` + isNetworkAdmin + ` && ` + keepsTenant + `)`)
		users.DeleteRule = nil // accounts are disabled, never deleted, so the audit trail keeps its actors
		users.AuthRule = types.Pointer("disabled = false")
		users.AuthToken.Duration = 8 * 60 * 60 // a working day
		users.OAuth2.Enabled = false
		users.AddIndex("idx_users_tenant_role", false, "`tenant`, `role`", "")
		return app.Save(users)
	}, func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		// PocketBase's own rules of the system migration, before the fields go.
		owner := "id = @request.auth.id"
		users.ListRule, users.ViewRule, users.UpdateRule, users.DeleteRule = &owner, &owner, &owner, &owner
		users.CreateRule = types.Pointer("")
		users.AuthRule = types.Pointer("")
		users.Fields.RemoveByName("tenant")
		users.Fields.RemoveByName("role")
		users.Fields.RemoveByName("disabled")
		users.Fields.RemoveByName("phone")
		users.RemoveIndex("idx_users_tenant_role")
		if err := app.Save(users); err != nil {
			return err
		}
		for _, name := range []string{"tenants", "regions"} {
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
