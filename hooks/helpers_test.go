package hooks_test

import "github.com/pocketbase/dbx"

func dbxHash(col string, v any) dbx.Expression { return dbx.HashExp{col: v} }
