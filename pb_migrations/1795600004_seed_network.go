package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The network as the project description gives it. Where the description names
// no contact data, the fields stay empty rather than invented.
func init() {
	m.Register(func(app core.App) error {
		regionsCol, err := app.FindCollectionByNameOrId("regions")
		if err != nil {
			return err
		}
		regionIds := map[string]string{}
		for _, r := range []struct{ code, name string }{
			{"NDH", "Landkreis Nordhausen"},
			{"UH", "Unstrut-Hainich-Kreis"},
			{"EIC", "Landkreis Eichsfeld"},
			{"KYF", "Kyffhäuserkreis"},
		} {
			rec := core.NewRecord(regionsCol)
			rec.Set("code", r.code)
			rec.Set("name", r.name)
			if err := app.Save(rec); err != nil {
				return err
			}
			regionIds[r.code] = rec.Id
		}

		tenantsCol, err := app.FindCollectionByNameOrId("tenants")
		if err != nil {
			return err
		}
		for _, t := range []struct {
			slug, name, short, region, address, email, phone string
			capacity                                         int
		}{
			{slug: "lift", name: "LIFT gGmbH", short: "LIFT", region: "NDH", address: "Nordhausen"},
			{slug: "fau", name: "FAU Gemeinnützige Förderungsgesellschaft Arbeit und Umwelt mbH", short: "FAU",
				region: "KYF", address: "Sondershausen"},
			{slug: "vhs", name: "VHS-Bildungswerk GmbH, Zweigniederlassung Thüringen, Aus- und Weiterbildungszentrum Roßleben / Außenstelle Leinefelde",
				short: "VHS-Bildungswerk", region: "EIC", address: "Roßleben / Leinefelde"},
			{slug: "bwtw", name: "Bildungswerk der Thüringer Wirtschaft e.V.", short: "BWTW", region: "UH",
				address: "Bahnhofstraße 1, 99974 Mühlhausen", email: "multipotenzial@bwtw.de", phone: "03601 4030770", capacity: 60},
		} {
			rec := core.NewRecord(tenantsCol)
			rec.Set("slug", t.slug)
			rec.Set("name", t.name)
			rec.Set("short_name", t.short)
			rec.Set("regions", []string{regionIds[t.region]})
			rec.Set("address", t.address)
			rec.Set("email", t.email)
			rec.Set("phone", t.phone)
			rec.Set("capacity", t.capacity)
			rec.Set("active", true)
			if err := app.Save(rec); err != nil {
				return err
			}
		}
		return nil
	}, func(app core.App) error {
		for _, name := range []string{"tenants", "regions"} {
			if _, err := app.DB().NewQuery("DELETE FROM {{" + name + "}}").Execute(); err != nil {
				return err
			}
		}
		return nil
	})
}
