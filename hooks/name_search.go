package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/internal/textfold"
)

// bindNameSearch keeps participants.search, the folded name the inbox
// searches (SQLite's LIKE folds ASCII only), current on every save.
func bindNameSearch(app core.App) {
	set := func(e *core.RecordEvent) error {
		setNameSearch(e.Record)
		return e.Next()
	}
	app.OnRecordCreate("participants").BindFunc(set)
	app.OnRecordUpdate("participants").BindFunc(set)
}

func setNameSearch(p *core.Record) {
	p.Set("search", textfold.Fold(p.GetString("first_name")+" "+p.GetString("last_name")))
}
