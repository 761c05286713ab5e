package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/internal/textfold"
)

// bindNameSearch keeps participants.search, the folded name the inbox
// searches (SQLite's LIKE folds ASCII only), current on every save.
func bindNameSearch(app core.App) {
	set := func(e *core.RecordEvent) error {
		e.Record.Set("search", textfold.Fold(e.Record.GetString("first_name")+" "+e.Record.GetString("last_name")))
		return e.Next()
	}
	app.OnRecordCreate("participants").BindFunc(set)
	app.OnRecordUpdate("participants").BindFunc(set)
}
