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
		regions, err := app.FindCollectionByNameOrId("regions")
		if err != nil {
			return err
		}
		participants, err := app.FindCollectionByNameOrId("participants")
		if err != nil {
			return err
		}

		offers := core.NewBaseCollection("offer_types")
		offers.Fields.Add(
			// empty tenant = a network-wide template that Träger clone
			&core.RelationField{Name: "tenant", MaxSelect: 1, CollectionId: tenants.Id},
			&core.TextField{Name: "slug", Required: true, Max: 60, Pattern: `^[a-z][a-z0-9-]*$`},
			&core.JSONField{Name: "title", Required: true, MaxSize: 8 << 10}, // {"de": "...", "en": "..."}
			&core.JSONField{Name: "description", MaxSize: 64 << 10},          // same shape
			&core.SelectField{Name: "category", Required: true, MaxSelect: 1, Values: []string{"social", "stabilisation", "professional"}},
			&core.NumberField{Name: "capacity", OnlyInt: true, Min: types.Pointer(0.0), Max: types.Pointer(100000.0)},
			&core.BoolField{Name: "public"},
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: []string{"draft", "active", "archived"}},
			&core.RelationField{Name: "regions", MaxSelect: 10, CollectionId: regions.Id},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		offers.ListRule = types.Pointer(`(public = true && status = "active" && tenant != "")` +
			` || (` + isStaffOfTenant + `) || (` + isStaff + ` && tenant = "")` +
			` || (` + isNetworkAdmin + `)`)
		offers.ViewRule = offers.ListRule
		offers.CreateRule = types.Pointer(`(` + isTenantAdmin + ` && @request.body.tenant = @request.auth.tenant)` +
			` || (` + isNetworkAdmin + ` && (@request.body.tenant:isset = false || @request.body.tenant = ""))`)
		offers.UpdateRule = types.Pointer(`((` + isTenantAdminOfTenant + `) || (` + isNetworkAdmin + ` && tenant = ""))` +
			` && ` + keepsTenant)
		offers.DeleteRule = types.Pointer(`(` + isTenantAdminOfTenant + `) || (` + isNetworkAdmin + ` && tenant = "")`)
		offers.AddIndex("idx_offer_types_tenant_slug", true, "`tenant`, `slug`", "")
		offers.AddIndex("idx_offer_types_public_status", false, "`public`, `status`", "")
		if err := app.Save(offers); err != nil {
			return err
		}

		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}

		cases := core.NewBaseCollection("cases")
		cases.Fields.Add(
			&core.RelationField{Name: "tenant", Required: true, MaxSelect: 1, CollectionId: tenants.Id},
			&core.RelationField{Name: "participant", Required: true, MaxSelect: 1, CollectionId: participants.Id},
			&core.RelationField{Name: "offer_type", Required: true, MaxSelect: 1, CollectionId: offers.Id},
			&core.TextField{Name: "reference", Required: true, Max: 40, Presentable: true},
			&core.TextField{Name: "state", Required: true, Max: 60},
			&core.RelationField{Name: "assignee", MaxSelect: 1, CollectionId: users.Id},
			&core.JSONField{Name: "data", MaxSize: 512 << 10}, // the answers, keyed by field
			&core.DateField{Name: "opened", Required: true},
			&core.DateField{Name: "state_entered"},
			&core.DateField{Name: "closed"},
			&core.SelectField{Name: "outcome", MaxSelect: 1, Values: []string{"work", "training", "internship", "dropped_out", "moved_away", "other"}},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		cases.ListRule = types.Pointer(`(` + isStaffOfTenant + `) || (` + isParticipant + ` && participant = @request.auth.participant)`)
		cases.ViewRule = cases.ListRule
		cases.CreateRule = nil // a case starts with a submission or an in-person registration
		// The state moves only through workflow transitions and the assignee
		// only through POST /api/mp/cases/{id}/assign: hooks/update_allowlist.go
		// refuses every field of a case to the record API. The rule stays so
		// that the Träger's staff get that field error, everyone else a 404.
		cases.UpdateRule = types.Pointer(`(` + isStaffOfTenant + `) && ` + keepsTenant +
			` && (@request.body.assignee:isset = false || @request.body.assignee = "" || @request.body.assignee.tenant = @request.auth.tenant)`)
		cases.DeleteRule = nil
		cases.AddIndex("idx_cases_reference", true, "`reference`", "")
		cases.AddIndex("idx_cases_tenant_state", false, "`tenant`, `state`", "")
		cases.AddIndex("idx_cases_tenant_assignee", false, "`tenant`, `assignee`", "")
		cases.AddIndex("idx_cases_tenant_updated", false, "`tenant`, `updated`", "")
		cases.AddIndex("idx_cases_participant", false, "`participant`", "")
		cases.AddIndex("idx_cases_offer_type", false, "`offer_type`", "")
		if err := app.Save(cases); err != nil {
			return err
		}

		// case_events is the audit trail of a case: created by Go code only,
		// never updated or deleted (hooks/append_only.go guards even superusers).
		events := core.NewBaseCollection("case_events")
		events.Fields.Add(
			&core.RelationField{Name: "tenant", Required: true, MaxSelect: 1, CollectionId: tenants.Id},
			&core.RelationField{Name: "case", Required: true, MaxSelect: 1, CollectionId: cases.Id},
			&core.TextField{Name: "type", Required: true, Max: 40},
			&core.TextField{Name: "from", Max: 60},
			&core.TextField{Name: "to", Max: 60},
			&core.RelationField{Name: "actor", MaxSelect: 1, CollectionId: users.Id},
			&core.TextField{Name: "actor_kind", Max: 20}, // staff, participant, system
			&core.JSONField{Name: "data", MaxSize: 256 << 10},
			&core.AutodateField{Name: "created", OnCreate: true},
		)
		events.ListRule = types.Pointer(isStaffOfTenant)
		events.ViewRule = events.ListRule
		events.CreateRule, events.UpdateRule, events.DeleteRule = nil, nil, nil
		events.AddIndex("idx_case_events_case_created", false, "`case`, `created`", "")
		events.AddIndex("idx_case_events_tenant", false, "`tenant`", "")
		if err := app.Save(events); err != nil {
			return err
		}

		submissions := core.NewBaseCollection("submissions")
		submissions.Fields.Add(
			&core.RelationField{Name: "tenant", Required: true, MaxSelect: 1, CollectionId: tenants.Id},
			&core.RelationField{Name: "offer_type", Required: true, MaxSelect: 1, CollectionId: offers.Id},
			&core.NumberField{Name: "form_version", OnlyInt: true, Min: types.Pointer(0.0)},
			&core.JSONField{Name: "answers", MaxSize: 512 << 10},
			&core.TextField{Name: "language", Max: 8},
			&core.JSONField{Name: "consent", MaxSize: 64 << 10}, // what was agreed: purpose, text version, language, when, how
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: []string{"received", "accepted", "rejected"}},
			&core.SelectField{Name: "channel", MaxSelect: 1, Values: []string{"online", "in_person"}},
			&core.RelationField{Name: "participant", MaxSelect: 1, CollectionId: participants.Id},
			&core.RelationField{Name: "case", MaxSelect: 1, CollectionId: cases.Id},
			&core.TextField{Name: "reference", Max: 40},
			&core.TextField{Name: "idempotency_key", Max: 100, Hidden: true},
			&core.FileField{Name: "documents", MaxSelect: 20, MaxSize: 10 << 20, Protected: true,
				MimeTypes: []string{"application/pdf", "image/jpeg", "image/png", "image/heic", "image/webp"}},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		submissions.ListRule = types.Pointer(isStaffOfTenant)
		submissions.ViewRule = submissions.ListRule
		submissions.CreateRule = nil // /api/mp/public/offers/{tenant}/{offer}/submissions
		submissions.UpdateRule = types.Pointer(isStaffOfTenant + ` && ` + keepsTenant)
		submissions.DeleteRule = nil
		submissions.AddIndex("idx_submissions_idempotency", true, "`tenant`, `idempotency_key`", "`idempotency_key` != ''")
		submissions.AddIndex("idx_submissions_tenant_created", false, "`tenant`, `created`", "")
		submissions.AddIndex("idx_submissions_participant", false, "`participant`", "")
		submissions.AddIndex("idx_submissions_case", false, "`case`", "")
		return app.Save(submissions)
	}, func(app core.App) error {
		for _, name := range []string{"submissions", "case_events", "cases", "offer_types"} {
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
