package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// What running workflows need: the case's state entry, workflow fields and
// SLA; tasks; timers that fire exactly once; an outbox for emails.
func init() {
	m.Register(func(app core.App) error {
		cols := map[string]*core.Collection{}
		for _, name := range []string{"tenants", "cases", "users", "workflow_versions", "form_versions"} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			cols[name] = c
		}
		cases := cols["cases"]
		cases.Fields.Add(
			&core.NumberField{Name: "entry", OnlyInt: true, Min: types.Pointer(0.0)}, // state entries so far
			&core.JSONField{Name: "fields", MaxSize: 128 << 10},                      // the workflow's case fields
			&core.DateField{Name: "sla_due"},                                         // when the current state's SLA runs out
		)
		cases.AddIndex("idx_cases_tenant_sla", false, "`tenant`, `sla_due`", "")
		if err := app.Save(cases); err != nil {
			return err
		}

		wv := cols["workflow_versions"]
		// The intake form version the workflow was checked against (types its guards).
		wv.Fields.Add(&core.RelationField{Name: "form_version", MaxSelect: 1, CollectionId: cols["form_versions"].Id})
		if err := app.Save(wv); err != nil {
			return err
		}

		tasks := core.NewBaseCollection("tasks")
		tasks.Fields.Add(
			&core.RelationField{Name: "tenant", Required: true, MaxSelect: 1, CollectionId: cols["tenants"].Id},
			&core.RelationField{Name: "case", Required: true, MaxSelect: 1, CollectionId: cases.Id},
			&core.TextField{Name: "title", Required: true, Max: 300},
			&core.JSONField{Name: "title_i18n", MaxSize: 8 << 10},
			&core.DateField{Name: "due"},
			&core.RelationField{Name: "assignee", MaxSelect: 1, CollectionId: cols["users"].Id},
			&core.BoolField{Name: "done"},
			&core.DateField{Name: "done_at"},
			&core.RelationField{Name: "done_by", MaxSelect: 1, CollectionId: cols["users"].Id},
			&core.TextField{Name: "source", Max: 200}, // the workflow action, timer or "manual"
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		tasks.ListRule = types.Pointer(isStaffOfTenant)
		tasks.ViewRule = tasks.ListRule
		tasks.CreateRule = types.Pointer(isStaff + ` && @request.auth.tenant != "" && @request.body.tenant = @request.auth.tenant`)
		tasks.UpdateRule = types.Pointer(isStaffOfTenant + ` && ` + keepsTenant + ` && @request.body.case:isset = false`)
		tasks.DeleteRule = types.Pointer(isTenantAdminOfTenant)
		tasks.AddIndex("idx_tasks_tenant_assignee", false, "`tenant`, `assignee`, `done`, `due`", "")
		tasks.AddIndex("idx_tasks_case", false, "`case`", "")
		if err := app.Save(tasks); err != nil {
			return err
		}

		timers := core.NewBaseCollection("timers")
		timers.Fields.Add(
			&core.RelationField{Name: "tenant", Required: true, MaxSelect: 1, CollectionId: cols["tenants"].Id},
			&core.RelationField{Name: "case", Required: true, MaxSelect: 1, CollectionId: cases.Id},
			&core.TextField{Name: "timer_id", Required: true, Max: 64},
			&core.TextField{Name: "kind", Max: 20},
			&core.TextField{Name: "key", Max: 100},
			&core.DateField{Name: "due", Required: true},
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: []string{"pending", "fired", "void", "skipped"}},
			&core.JSONField{Name: "spec", MaxSize: 16 << 10},   // the engine's timer
			&core.JSONField{Name: "result", MaxSize: 16 << 10}, // what firing did (or why not)
			&core.DateField{Name: "fired_at"},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		timers.ListRule = types.Pointer(isStaffOfTenant)
		timers.ViewRule = timers.ListRule
		timers.CreateRule, timers.UpdateRule, timers.DeleteRule = nil, nil, nil
		timers.AddIndex("idx_timers_timer_id", true, "`timer_id`", "")
		timers.AddIndex("idx_timers_status_due", false, "`status`, `due`", "")
		timers.AddIndex("idx_timers_case", false, "`case`", "")
		timers.AddIndex("idx_timers_tenant", false, "`tenant`", "")
		if err := app.Save(timers); err != nil {
			return err
		}

		// The outbox: emails are queued in the transaction that causes them and
		// sent after it commits, so a rolled-back transition sends nothing.
		outbox := core.NewBaseCollection("notifications")
		outbox.Fields.Add(
			&core.RelationField{Name: "tenant", Required: true, MaxSelect: 1, CollectionId: cols["tenants"].Id},
			&core.RelationField{Name: "case", MaxSelect: 1, CollectionId: cases.Id},
			&core.TextField{Name: "to_kind", Max: 20}, // assignee or participant
			&core.TextField{Name: "recipient", Max: 300},
			&core.TextField{Name: "language", Max: 8},
			&core.TextField{Name: "subject", Max: 500},
			&core.TextField{Name: "body", Max: 20000},
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1,
				Values: []string{"pending", "sending", "sent", "failed", "skipped", "unknown"}},
			&core.NumberField{Name: "attempts", OnlyInt: true},
			&core.TextField{Name: "last_error", Max: 1000},
			&core.DateField{Name: "sent_at"},
			&core.TextField{Name: "source", Max: 200},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		outbox.ListRule, outbox.ViewRule, outbox.CreateRule, outbox.UpdateRule, outbox.DeleteRule = nil, nil, nil, nil, nil
		outbox.AddIndex("idx_notifications_status", false, "`status`, `created`", "")
		outbox.AddIndex("idx_notifications_case", false, "`case`", "")
		return app.Save(outbox)
	}, func(app core.App) error {
		for _, name := range []string{"notifications", "timers", "tasks"} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			if err := app.Delete(c); err != nil {
				return err
			}
		}
		for name, fields := range map[string][]string{"cases": {"entry", "fields", "sla_due"}, "workflow_versions": {"form_version"}} {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			for _, f := range fields {
				c.Fields.RemoveByName(f)
			}
			c.RemoveIndex("idx_cases_tenant_sla")
			if err := app.Save(c); err != nil {
				return err
			}
		}
		return nil
	})
}
