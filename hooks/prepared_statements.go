package hooks

import (
	"database/sql"
	"sort"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Prepared INSERTs for the records of a registration: SQLite parsing an
// INSERT into a table with a dozen indexes costs more than running it, and
// dbx rebuilds and reparses every statement. One statement per collection
// shape is prepared on the writer connection and reused inside each
// transaction (database/sql keeps a statement prepared per connection, and
// PocketBase's writer pool has exactly one).

const preparedInsertsKey = "mp.preparedInserts"

// insertStatements maps "table\x00col,col,…" to its prepared INSERT, and
// the other statements of the writer (savepoints, the reference number) to
// themselves.
type insertStatements map[string]*sql.Stmt

// writerStatements are the other statements the registration writer runs
// for every registration.
var writerStatements = []string{savepointSQL, releaseSQL, rollbackToSQL, lastReferenceSQL}

// prepareInserts prepares the INSERTs of collections on app's writer
// connection. Call it outside a transaction: preparing needs the
// connection a transaction would hold. A statement exists once per shape, so
// a collection changed in the dashboard gets a new one and the old is unused.
func prepareInserts(app core.App, collections ...string) {
	db, ok := app.NonconcurrentDB().(*dbx.DB)
	if !ok || app.IsTransactional() {
		return
	}
	cached, _ := app.Store().Get(preparedInsertsKey).(insertStatements)
	var missing []string
	var queries []string
	for _, q := range writerStatements {
		if cached[q] == nil {
			missing, queries = append(missing, q), append(queries, q)
		}
	}
	for _, name := range collections {
		col, err := app.FindCachedCollectionByNameOrId(name)
		if err != nil {
			continue
		}
		key, query := insertQuery(col.Name, fieldNames(col))
		if cached[key] == nil {
			missing, queries = append(missing, key), append(queries, query)
		}
	}
	if len(missing) == 0 {
		return
	}
	next := insertStatements{}
	for k, v := range cached {
		next[k] = v
	}
	for i, key := range missing {
		stmt, err := db.DB().Prepare(queries[i])
		if err != nil {
			app.Logger().Warn("could not prepare an insert", "query", queries[i], "error", err)
			continue
		}
		next[key] = stmt
	}
	// Copy on write: readers inside transactions never lock.
	app.Store().Set(preparedInsertsKey, next)
}

// txStmt returns the prepared statement of key bound to txApp's
// transaction (nil: none prepared, or not in a transaction).
func txStmt(txApp core.App, key string) *sql.Stmt {
	cached, _ := txApp.Store().Get(preparedInsertsKey).(insertStatements)
	stmt := cached[key]
	if stmt == nil {
		return nil
	}
	sqlTx := sqlTxOf(txApp)
	if sqlTx == nil {
		return nil
	}
	return sqlTx.Stmt(stmt)
}

func sqlTxOf(txApp core.App) *sql.Tx {
	tx, isTx := txApp.DB().(*dbx.Tx)
	if !isTx {
		return nil
	}
	b, hasExecutor := tx.Builder.(interface{ Executor() dbx.Executor })
	if !hasExecutor {
		return nil
	}
	sqlTx, _ := b.Executor().(*sql.Tx)
	return sqlTx
}

// execPreparedInsert inserts data into table with its prepared statement
// inside txApp's transaction. ok is false when there is none (not prepared,
// or not in a transaction): the caller then inserts the usual way.
func execPreparedInsert(txApp core.App, table string, data map[string]any) (ok bool, err error) {
	cols := make([]string, 0, len(data))
	for c := range data {
		cols = append(cols, c)
	}
	sort.Strings(cols)
	key, _ := insertQuery(table, cols)
	stmt := txStmt(txApp, key)
	if stmt == nil {
		return false, nil
	}
	args := make([]any, len(cols))
	for i, c := range cols {
		args[i] = data[c]
	}
	_, err = stmt.Exec(args...)
	return true, err
}

func fieldNames(col *core.Collection) []string {
	names := col.Fields.FieldNames()
	sort.Strings(names)
	return names
}

// insertQuery is the INSERT of sorted columns into table, and its cache key.
func insertQuery(table string, sortedCols []string) (key, query string) {
	key = table + "\x00" + strings.Join(sortedCols, ",")
	quoted := make([]string, len(sortedCols))
	for i, c := range sortedCols {
		quoted[i] = "`" + c + "`"
	}
	query = "INSERT INTO `" + table + "` (" + strings.Join(quoted, ",") + ") VALUES (" +
		strings.TrimSuffix(strings.Repeat("?,", len(sortedCols)), ",") + ")"
	return key, query
}
