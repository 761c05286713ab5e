package hooks

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"

	"github.com/multipotenzial/multipotenzial/internal/textfold"
)

// inboxQuery is what GET /api/mp/inbox asks for.
type inboxQuery struct {
	Mine          bool   // scope=mine: cases assigned to the caller
	State, Offer  string // exact keys; an empty state means "open cases"
	Overdue, SLA  bool   // cases with an overdue open task; SLA run out
	Terms         []string
	Page, PerPage int
	// manyOverdue is set when the scope has inboxFlagCap or more cases with
	// an overdue task: the page then probes the cases in order (it soon has
	// its rows) instead of first listing every overdue task (cheap when few).
	manyOverdue bool
}

const (
	inboxDefaultPerPage = 25
	inboxMaxPerPage     = 100
	inboxMaxPage        = 10000
	inboxMaxTerms       = 4
)

// parseInboxQuery reads the query string; bad numbers fall back to defaults.
func parseInboxQuery(v url.Values) inboxQuery {
	q := inboxQuery{Mine: v.Get("scope") != "all", State: v.Get("state"), Offer: v.Get("offer"),
		Overdue: v.Get("overdue") == "1", SLA: v.Get("sla") == "1",
		Page: clampInt(v.Get("page"), 1, 1, inboxMaxPage), PerPage: clampInt(v.Get("per_page"), inboxDefaultPerPage, 1, inboxMaxPerPage)}
	for _, term := range strings.Fields(v.Get("q")) {
		if len(q.Terms) == inboxMaxTerms {
			break
		}
		if len(term) > 60 {
			term = term[:60]
		}
		q.Terms = append(q.Terms, term)
	}
	return q
}

func clampInt(s string, def, low, high int) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return max(low, min(high, n))
}

// filtered reports whether the list is narrowed beyond scope, offer and
// state, so that the state counts no longer give its total.
func (q inboxQuery) filtered() bool { return q.Overdue || q.SLA || len(q.Terms) > 0 }

// overdueCases selects the ids of the Träger's cases with an open task past
// its due date: one pass over the tasks index, not a probe per case.
const overdueCases = "SELECT t.`case` FROM tasks t WHERE t.tenant = {:tenant} AND t.done = FALSE AND t.due > '' AND t.due < {:now}"

// scopeWhere is the part of the filter the state counts share: the Träger
// (always, from the caller, never from the request), the scope and the offer.
func (q inboxQuery) scopeWhere(tenant, me string, now time.Time) ([]string, dbx.Params) {
	where := []string{"c.tenant = {:tenant}"}
	params := dbx.Params{"tenant": tenant, "now": dbTime(now)}
	if q.Mine {
		where = append(where, "c.assignee = {:me}")
		params["me"] = me
	}
	if q.Offer != "" {
		where = append(where, "c.offer_type = {:offer}")
		params["offer"] = q.Offer
	}
	return where, params
}

// listSQL is the page query. The page's ids are found first, by the cases
// indexes alone (an OFFSET skips bare index entries, not joined rows); only
// those rows get the participant, the assignee and their task figures. It
// asks for per_page+1 rows, so the caller knows whether another page follows
// without a COUNT over the whole list.
func (q inboxQuery) listSQL(tenant, me string, now time.Time) (string, dbx.Params) {
	where, params := q.scopeWhere(tenant, me, now)
	if q.State != "" {
		where = append(where, "c.state = {:state}")
		params["state"] = q.State
	} else {
		where = append(where, "c.closed = ''")
	}
	if q.Overdue {
		if q.manyOverdue {
			where = append(where, "EXISTS (SELECT 1 FROM tasks t WHERE t.`case` = c.id AND t.done = FALSE AND t.due > '' AND t.due < {:now})")
		} else {
			where = append(where, "c.id IN ("+overdueCases+")")
		}
	}
	if q.SLA {
		where = append(where, "c.sla_due > '' AND c.sla_due < {:now} AND c.closed = ''")
	}
	from := "cases c"
	if q.Mine && !q.SLA {
		// A counsellor's own cases are few among the Träger's. Left to
		// itself, SQLite walked the (tenant, updated) or (tenant, closed)
		// index and read the Träger's cases until enough were the caller's:
		// all 2,500 of a Träger with 10,000 cases in the network. In one
		// state: that state's own cases, sorted; else the caller's cases
		// newest first, stopping after the page.
		from = "cases c INDEXED BY idx_cases_tenant_assignee_updated"
		if q.State != "" {
			from = "cases c INDEXED BY idx_cases_tenant_assignee_state"
		}
	}
	for i, term := range q.Terms {
		name := "q" + strconv.Itoa(i)
		params[name] = "%" + escapeLike(term) + "%"
		params[name+"f"] = "%" + escapeLike(textfold.Fold(term)) + "%"
		where = append(where, "(c.reference LIKE {:"+name+"} ESCAPE '\\' OR p.search LIKE {:"+name+"f} ESCAPE '\\')")
		if i == 0 {
			from += " JOIN participants p ON p.id = c.participant"
		}
	}
	// Most recently changed first; rowid breaks ties in index order (the
	// (tenant, updated) index ends in it), so no sort step is needed. Past
	// their SLA: the longest overdue first, in (tenant, sla_due) index order.
	order := "c.updated DESC, c.rowid DESC"
	if q.SLA {
		order = "c.sla_due ASC, c.rowid ASC"
	}
	params["limit"] = q.PerPage + 1
	params["offset"] = (q.Page - 1) * q.PerPage
	sql := "SELECT c.id, c.reference, c.state, c.offer_type, c.assignee, c.opened, c.updated, c.sla_due, c.closed," +
		" c.workflow_version, c.participant, p.first_name, p.last_name, COALESCE(u.name, '') AS assignee_name," +
		" (SELECT COUNT(*) FROM tasks t WHERE t.`case` = c.id AND t.done = FALSE AND t.due > '' AND t.due < {:now}) AS overdue_tasks," +
		" COALESCE((SELECT MIN(t.due) FROM tasks t WHERE t.`case` = c.id AND t.done = FALSE AND t.due > ''), '') AS next_due" +
		" FROM (SELECT c.id, c.rowid AS pos FROM " + from + " WHERE " + strings.Join(where, " AND ") +
		" ORDER BY " + order + " LIMIT {:limit} OFFSET {:offset}) page" +
		" JOIN cases c ON c.id = page.id JOIN participants p ON p.id = c.participant LEFT JOIN users u ON u.id = c.assignee" +
		" ORDER BY " + strings.ReplaceAll(order, "c.rowid", "page.pos")
	return sql, params
}

// countSQL gives the cases per state in scope from case_counts, which
// triggers keep per (tenant, assignee, offer type, state)
// (pb_migrations/1795600013_case_counts.go): a few dozen rows, where a GROUP
// BY over the cases index read every case of the Träger.
func (q inboxQuery) countSQL(tenant, me string, now time.Time) (string, dbx.Params) {
	where, params := q.scopeWhere(tenant, me, now)
	return "SELECT c.state AS state, SUM(c.n) AS n FROM case_counts c WHERE " + strings.Join(where, " AND ") +
		" GROUP BY c.state HAVING SUM(c.n) > 0", params
}

// inboxFlagCap caps the overdue and SLA counts: they mark work to do, and
// counting thousands of overdue tasks exactly would cost more than the page.
const inboxFlagCap = 100

// flagsSQL counts, up to inboxFlagCap, the open cases in scope with an
// overdue task (from the overdue tasks up, by the tasks (tenant, done, due,
// case) index) and those past their SLA (a range of the (tenant, sla_due)
// index).
func (q inboxQuery) flagsSQL(tenant, me string, now time.Time) (string, dbx.Params) {
	where, params := q.scopeWhere(tenant, me, now)
	scope := strings.Join(where, " AND ")
	params["cap"] = inboxFlagCap
	return "SELECT (SELECT COUNT(*) FROM (SELECT DISTINCT c.id FROM tasks t CROSS JOIN cases c ON c.id = t.`case`" +
		" WHERE t.tenant = {:tenant} AND t.done = FALSE AND t.due > '' AND t.due < {:now} AND " + scope +
		" AND c.closed = '' LIMIT {:cap})) AS overdue," +
		" (SELECT COUNT(*) FROM (SELECT 1 FROM cases c WHERE " + scope +
		" AND c.sla_due > '' AND c.sla_due < {:now} AND c.closed = '' LIMIT {:cap})) AS sla", params
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

func escapeLike(s string) string { return likeEscaper.Replace(s) }
