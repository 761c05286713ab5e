package pb_migrations

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	"github.com/multipotenzial/multipotenzial/internal/textfold"
)

// participants.search holds the name folded for search (lower case, no
// diacritics), so "muller" finds "Müller" and "ozturk" finds "Öztürk";
// SQLite's LIKE folds ASCII only. hooks/name_search.go keeps it current;
// existing rows are filled here.
func init() {
	m.Register(func(app core.App) error {
		participants, err := app.FindCollectionByNameOrId("participants")
		if err != nil {
			return err
		}
		participants.Fields.Add(&core.TextField{Name: "search", Max: 300, Hidden: true})
		if err := app.Save(participants); err != nil {
			return err
		}
		var rows []struct {
			ID    string `db:"id"`
			First string `db:"first_name"`
			Last  string `db:"last_name"`
		}
		if err := app.DB().Select("id", "first_name", "last_name").From("participants").All(&rows); err != nil {
			return err
		}
		for _, r := range rows {
			_, err := app.DB().Update("participants", dbx.Params{"search": textfold.Fold(r.First + " " + r.Last)},
				dbx.HashExp{"id": r.ID}).Execute()
			if err != nil {
				return err
			}
		}
		return nil
	}, func(app core.App) error {
		participants, err := app.FindCollectionByNameOrId("participants")
		if err != nil {
			return err
		}
		participants.Fields.RemoveByName("search")
		return app.Save(participants)
	})
}
