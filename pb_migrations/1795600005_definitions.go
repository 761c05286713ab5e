package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Published form and workflow definitions are immutable, numbered versions.
// An offer type points to its current versions and keeps the admin's drafts;
// a case and a submission point to the versions they were made with.
func init() {
	m.Register(func(app core.App) error {
		tenants, err := app.FindCollectionByNameOrId("tenants")
		if err != nil {
			return err
		}
		offers, err := app.FindCollectionByNameOrId("offer_types")
		if err != nil {
			return err
		}
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		versionIds := map[string]string{}
		for _, name := range []string{"form_versions", "workflow_versions"} {
			c := core.NewBaseCollection(name)
			c.Fields.Add(
				&core.RelationField{Name: "tenant", MaxSelect: 1, CollectionId: tenants.Id}, // empty: a network template
				&core.RelationField{Name: "offer_type", Required: true, MaxSelect: 1, CollectionId: offers.Id},
				&core.NumberField{Name: "version", Required: true, OnlyInt: true, Min: types.Pointer(1.0)},
				&core.JSONField{Name: "definition", Required: true, MaxSize: 1 << 20},
				&core.TextField{Name: "checksum", Max: 64}, // sha256 of the definition
				&core.RelationField{Name: "published_by", MaxSelect: 1, CollectionId: users.Id},
				&core.TextField{Name: "note", Max: 500},
				&core.AutodateField{Name: "created", OnCreate: true},
			)
			c.ListRule = types.Pointer(`(` + isStaffOfTenant + `) || (` + isStaff + ` && tenant = "")`)
			c.ViewRule = c.ListRule
			c.CreateRule, c.UpdateRule, c.DeleteRule = nil, nil, nil // published through /api/mp/, never changed
			c.AddIndex("idx_"+name+"_offer_version", true, "`offer_type`, `version`", "")
			c.AddIndex("idx_"+name+"_tenant", false, "`tenant`", "")
			if err := app.Save(c); err != nil {
				return err
			}
			versionIds[name] = c.Id
		}

		offers.Fields.Add(
			&core.JSONField{Name: "form_draft", MaxSize: 1 << 20},
			&core.JSONField{Name: "workflow_draft", MaxSize: 1 << 20},
			&core.RelationField{Name: "form_version", MaxSelect: 1, CollectionId: versionIds["form_versions"]},
			&core.RelationField{Name: "workflow_version", MaxSelect: 1, CollectionId: versionIds["workflow_versions"]},
		)
		// Only publishing moves the current versions.
		published := ` && @request.body.form_version:isset = false && @request.body.workflow_version:isset = false`
		offers.CreateRule = types.Pointer(`((` + isTenantAdmin + ` && @request.body.tenant = @request.auth.tenant)` +
			` || (` + isNetworkAdmin + ` && (@request.body.tenant:isset = false || @request.body.tenant = "")))` + published)
		offers.UpdateRule = types.Pointer(`((` + isTenantAdminOfTenant + `) || (` + isNetworkAdmin + ` && tenant = ""))` +
			` && ` + keepsTenant + published)
		if err := app.Save(offers); err != nil {
			return err
		}

		cases, err := app.FindCollectionByNameOrId("cases")
		if err != nil {
			return err
		}
		cases.Fields.Add(
			&core.RelationField{Name: "form_version", MaxSelect: 1, CollectionId: versionIds["form_versions"]},
			&core.RelationField{Name: "workflow_version", MaxSelect: 1, CollectionId: versionIds["workflow_versions"]},
		)
		if err := app.Save(cases); err != nil {
			return err
		}

		submissions, err := app.FindCollectionByNameOrId("submissions")
		if err != nil {
			return err
		}
		submissions.Fields.RemoveByName("form_version")
		submissions.Fields.Add(
			&core.RelationField{Name: "form_version", MaxSelect: 1, CollectionId: versionIds["form_versions"]},
			&core.TextField{Name: "request_hash", Max: 64, Hidden: true}, // same idempotency key, other body → 409
			&core.TextField{Name: "claim_hash", Max: 64, Hidden: true},   // one-time secret to create an account later
			&core.DateField{Name: "claim_expires", Hidden: true},
		)
		return app.Save(submissions)
	}, func(app core.App) error {
		submissions, err := app.FindCollectionByNameOrId("submissions")
		if err != nil {
			return err
		}
		for _, f := range []string{"form_version", "request_hash", "claim_hash", "claim_expires"} {
			submissions.Fields.RemoveByName(f)
		}
		submissions.Fields.Add(&core.NumberField{Name: "form_version", OnlyInt: true, Min: types.Pointer(0.0)})
		if err := app.Save(submissions); err != nil {
			return err
		}
		for name, fields := range map[string][]string{
			"cases":       {"form_version", "workflow_version"},
			"offer_types": {"form_draft", "workflow_draft", "form_version", "workflow_version"},
		} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			for _, f := range fields {
				c.Fields.RemoveByName(f)
			}
			if name == "offer_types" {
				c.CreateRule = types.Pointer(`(` + isTenantAdmin + ` && @request.body.tenant = @request.auth.tenant)` +
					` || (` + isNetworkAdmin + ` && (@request.body.tenant:isset = false || @request.body.tenant = ""))`)
				c.UpdateRule = types.Pointer(`((` + isTenantAdminOfTenant + `) || (` + isNetworkAdmin + ` && tenant = ""))` +
					` && ` + keepsTenant)
			}
			if err := app.Save(c); err != nil {
				return err
			}
		}
		for _, name := range []string{"form_versions", "workflow_versions"} {
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
