package hooks

import (
	"database/sql"
	"regexp"
	"sync"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// preparedReads keeps the hot read queries of the workspace (the inbox's
// page, counts and flags) prepared on the read pool. dbx prepares every
// query anew: parsing and planning took a fifth of an inbox request's CPU,
// and its placeholder rewriting another twentieth. database/sql re-prepares
// a statement by itself on each new pooled connection.
type preparedReads struct {
	mu    sync.Mutex
	db    *sql.DB
	stmts map[string]*preparedRead
}

type preparedRead struct {
	stmt  *sql.Stmt
	names []string // the named parameters, in the order of their `?`
}

// maxPreparedReads bounds the cache: the inbox's filters combine into a
// few dozen query shapes; any beyond are run unprepared.
const maxPreparedReads = 64

var namedParam = regexp.MustCompile(`\{:(\w+)\}`)

// query runs query (dbx syntax: {:name} parameters, no {{ }} or [[ ]]
// quoting) with params on app's read pool.
func (p *preparedReads) query(app core.App, query string, params dbx.Params) (*sql.Rows, error) {
	if pr := p.prepared(app, query); pr != nil {
		args := make([]any, len(pr.names))
		for i, name := range pr.names {
			args[i] = params[name]
		}
		return pr.stmt.Query(args...)
	}
	rows, err := app.DB().NewQuery(query).Bind(params).Rows()
	if err != nil {
		return nil, err
	}
	return rows.Rows, nil
}

// prepared returns the prepared form of query, preparing it on first use;
// nil when app reads inside a transaction or the cache is full.
func (p *preparedReads) prepared(app core.App, query string) *preparedRead {
	db := sqlDB(app.ConcurrentDB()) // nil inside a transaction
	if db == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.db != db { // a new pool (the app was bootstrapped again): start over
		for _, pr := range p.stmts {
			_ = pr.stmt.Close()
		}
		p.db, p.stmts = db, map[string]*preparedRead{}
	}
	if pr := p.stmts[query]; pr != nil {
		return pr
	}
	if len(p.stmts) >= maxPreparedReads {
		return nil
	}
	var names []string
	positional := namedParam.ReplaceAllStringFunc(query, func(m string) string {
		names = append(names, namedParam.FindStringSubmatch(m)[1])
		return "?"
	})
	stmt, err := db.Prepare(positional)
	if err != nil {
		return nil // the unprepared path reports the error
	}
	pr := &preparedRead{stmt: stmt, names: names}
	p.stmts[query] = pr
	return pr
}
