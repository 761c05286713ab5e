package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Reporting counts placements by the date a case was placed and entries and
// exits by month: a `placed` date on cases and indexes for those queries.
func init() {
	m.Register(func(app core.App) error {
		cases, err := app.FindCollectionByNameOrId("cases")
		if err != nil {
			return err
		}
		cases.Fields.Add(&core.DateField{Name: "placed"}) // when the outcome became work, training or internship
		cases.AddIndex("idx_cases_tenant_opened", false, "`tenant`, `opened`", "")
		cases.AddIndex("idx_cases_tenant_placed", false, "`tenant`, `placed`", "")
		cases.AddIndex("idx_cases_tenant_closed", false, "`tenant`, `closed`", "")
		return app.Save(cases)
	}, func(app core.App) error {
		cases, err := app.FindCollectionByNameOrId("cases")
		if err != nil {
			return err
		}
		cases.Fields.RemoveByName("placed")
		for _, idx := range []string{"idx_cases_tenant_opened", "idx_cases_tenant_placed", "idx_cases_tenant_closed"} {
			cases.RemoveIndex(idx)
		}
		return app.Save(cases)
	})
}
