package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Data protection: a hash-chained audit log, consent as data, restriction of
// processing, and the retention periods that drive anonymisation.
func init() {
	m.Register(func(app core.App) error {
		cols := map[string]*core.Collection{}
		for _, name := range []string{"tenants", "participants", "offer_types", "users", "submissions"} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			cols[name] = c
		}

		// audit_log holds who changed what and when — record ids and field
		// names, never the values, so an erasure leaves it intact. Each entry
		// carries the hash of the one before it (hooks/audit_chain.go).
		audit := core.NewBaseCollection("audit_log")
		audit.Fields.Add(
			&core.NumberField{Name: "seq", Required: true, OnlyInt: true, Min: types.Pointer(1.0)},
			&core.RelationField{Name: "tenant", MaxSelect: 1, CollectionId: cols["tenants"].Id},
			&core.TextField{Name: "collection", Max: 60},
			&core.TextField{Name: "record", Max: 40},
			&core.TextField{Name: "action", Required: true, Max: 30},
			&core.TextField{Name: "actor", Max: 40},
			&core.TextField{Name: "actor_kind", Max: 20},
			&core.JSONField{Name: "fields", MaxSize: 16 << 10},
			&core.TextField{Name: "at", Required: true, Max: 40}, // RFC 3339 in UTC, part of the hash
			&core.TextField{Name: "prev_hash", Max: 64},
			&core.TextField{Name: "hash", Required: true, Max: 64},
		)
		audit.ListRule = types.Pointer(isTenantAdminOfTenant)
		audit.ViewRule = audit.ListRule
		audit.CreateRule, audit.UpdateRule, audit.DeleteRule = nil, nil, nil
		audit.AddIndex("idx_audit_log_seq", true, "`seq`", "")
		audit.AddIndex("idx_audit_log_tenant", false, "`tenant`", "")
		audit.AddIndex("idx_audit_log_record", false, "`record`", "")
		if err := app.Save(audit); err != nil {
			return err
		}

		consents := core.NewBaseCollection("consents")
		consents.Fields.Add(
			&core.RelationField{Name: "tenant", Required: true, MaxSelect: 1, CollectionId: cols["tenants"].Id},
			&core.RelationField{Name: "participant", Required: true, MaxSelect: 1, CollectionId: cols["participants"].Id, CascadeDelete: true},
			&core.RelationField{Name: "submission", MaxSelect: 1, CollectionId: cols["submissions"].Id},
			&core.TextField{Name: "field", Max: 60}, // the consent field of the form
			&core.TextField{Name: "purpose", Required: true, Max: 100},
			&core.TextField{Name: "text_version", Max: 40},
			&core.TextField{Name: "language", Max: 8},
			&core.TextField{Name: "text_sha256", Max: 64},
			&core.BoolField{Name: "given"},
			&core.BoolField{Name: "required"}, // registration needs it: withdrawing restricts processing
			&core.DateField{Name: "at", Required: true},
			&core.SelectField{Name: "channel", MaxSelect: 1, Values: []string{"online", "in_person"}},
			&core.RelationField{Name: "recorded_by", MaxSelect: 1, CollectionId: cols["users"].Id},
			&core.DateField{Name: "withdrawn_at"},
			&core.SelectField{Name: "withdrawal_channel", MaxSelect: 1, Values: []string{"online", "in_person"}},
			&core.RelationField{Name: "withdrawal_recorded_by", MaxSelect: 1, CollectionId: cols["users"].Id},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		consents.ListRule = types.Pointer(`(` + isStaffOfTenant + `) || (` + isParticipant + ` && participant = @request.auth.participant)`)
		consents.ViewRule = consents.ListRule
		consents.CreateRule, consents.UpdateRule, consents.DeleteRule = nil, nil, nil // given with a registration, withdrawn through /api/mp/
		consents.AddIndex("idx_consents_participant", false, "`participant`", "")
		consents.AddIndex("idx_consents_tenant", false, "`tenant`", "")
		if err := app.Save(consents); err != nil {
			return err
		}

		participants := cols["participants"]
		if f, ok := participants.Fields.GetByName("status").(*core.SelectField); ok {
			// restricted: a required consent was withdrawn (GDPR Art. 18); the
			// data is kept but no longer processed.
			f.Values = []string{"registered", "active", "restricted", "anonymised"}
		}
		if err := app.Save(participants); err != nil {
			return err
		}

		offers := cols["offer_types"]
		// Days after a case closes until its personal data is anonymised (0: the network default).
		offers.Fields.Add(&core.NumberField{Name: "retention_days", OnlyInt: true, Min: types.Pointer(0.0), Max: types.Pointer(3650.0)})
		if err := app.Save(offers); err != nil {
			return err
		}

		tenants := cols["tenants"]
		// Days after which a self-registration that nobody took up is removed (0: the network default).
		tenants.Fields.Add(&core.NumberField{Name: "unclaimed_registration_days", OnlyInt: true, Min: types.Pointer(0.0), Max: types.Pointer(3650.0)})
		return app.Save(tenants)
	}, func(app core.App) error {
		for _, name := range []string{"consents", "audit_log"} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			if err := app.Delete(c); err != nil {
				return err
			}
		}
		for name, field := range map[string]string{"offer_types": "retention_days", "tenants": "unclaimed_registration_days"} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			c.Fields.RemoveByName(field)
			if err := app.Save(c); err != nil {
				return err
			}
		}
		return nil
	})
}
