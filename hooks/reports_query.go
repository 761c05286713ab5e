package hooks

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// The report's figures come from SQL aggregates over cases (and, for the
// state at the cut-off, their events), always restricted to the Träger in
// scope by the query itself: `c.tenant IN (…)`. No case record is loaded.
// Definitions: docs/REPORTING.md.

// reportMonth is one calendar month in Europe/Berlin, as UTC instants in
// PocketBase's date format.
type reportMonth struct {
	Key    string // 2026-01
	Lo, Hi string // the month's first instant and the next month's
}

// reportPeriod is the months from From to To; the stock is counted at the
// end of To (the first instant after it, or now for the running month: no
// case can have opened after now).
type reportPeriod struct {
	From, To string
	Months   []reportMonth
	Cutoff   time.Time // when the stock is counted: the end of To or now
}

func (p reportPeriod) end() string { return p.Months[len(p.Months)-1].Hi }

// pbDate formats t as PocketBase stores dates.
func pbDate(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.000Z") }

// newReportPeriod builds the months from..to (YYYY-MM, validated).
func newReportPeriod(from, to time.Time, now time.Time) reportPeriod {
	p := reportPeriod{From: from.Format("2006-01"), To: to.Format("2006-01")}
	for m := from; !m.After(to); m = m.AddDate(0, 1, 0) {
		p.Months = append(p.Months, reportMonth{Key: m.Format("2006-01"), Lo: pbDate(m), Hi: pbDate(m.AddDate(0, 1, 0))})
	}
	p.Cutoff = to.AddDate(0, 1, 0)
	if now.Before(p.Cutoff) {
		p.Cutoff = now
	}
	return p
}

// reportTenant is a Träger in a report (public data: name, places).
type reportTenant struct {
	ID        string `json:"-"`
	Slug      string `json:"slug"`
	Name      string `json:"name"`
	ShortName string `json:"short_name"`
	Capacity  int    `json:"capacity"` // places agreed with the funder; 0: none recorded
	regions   []string
}

// reportOffer is an offer type of a Träger in scope.
type reportOffer struct {
	ID, Tenant, Slug, Title, Category, Status, WorkflowVersion string
	Capacity                                                   int
	District                                                   string // region id; "" when not one district
}

// reportFacts are the aggregates of one report, keyed by Träger id.
type reportFacts struct {
	entries    map[string]map[string]int            // tenant → month → cases opened
	exits      map[string]map[string]map[string]int // tenant → month → outcome ("" none) → cases closed
	placements map[string]map[string]map[string]int // tenant → month → outcome → cases placed
	inUse      map[string]map[string]int            // tenant → month → cases open at the month's end
	stock      []stockGroup                         // cases open at the cut-off
	times      map[[2]string]placementTime          // (tenant or "", outcome or "") → time to placement
}

type stockGroup struct {
	Tenant          string `db:"tenant"`
	OfferType       string `db:"offer_type"`
	WorkflowVersion string `db:"workflow_version"`
	State           string `db:"state"`
	N               int    `db:"n"`
}

type placementTime struct {
	N            int
	Median, Mean float64 // days
}

// tenantIn is `c.tenant IN ({:t0}, …)` with its parameters.
func tenantIn(tenants []reportTenant, params dbx.Params) string {
	ph := make([]string, len(tenants))
	for i, t := range tenants {
		name := fmt.Sprintf("t%d", i)
		params[name] = t.ID
		ph[i] = "{:" + name + "}"
	}
	return "c.tenant IN (" + strings.Join(ph, ", ") + ")"
}

// monthsCTE is `WITH m(month, lo, hi) AS (VALUES …)` with its parameters.
func monthsCTE(p reportPeriod, params dbx.Params) string {
	rows := make([]string, len(p.Months))
	for i, m := range p.Months {
		params[fmt.Sprintf("m%d", i)] = m.Key
		params[fmt.Sprintf("lo%d", i)] = m.Lo
		params[fmt.Sprintf("hi%d", i)] = m.Hi
		rows[i] = fmt.Sprintf("({:m%d}, {:lo%d}, {:hi%d})", i, i, i)
	}
	return "WITH m(month, lo, hi) AS (VALUES " + strings.Join(rows, ", ") + ")"
}

type monthCount struct {
	Tenant  string `db:"tenant"`
	Month   string `db:"month"`
	Outcome string `db:"outcome"`
	N       int    `db:"n"`
}

// monthlySQL counts cases per Träger and month whose date column falls in
// the month; with byOutcome also per outcome. where narrows further.
func monthlySQL(tenants []reportTenant, p reportPeriod, column, where string, byOutcome bool) sqlQuery {
	params := dbx.Params{}
	outcome := "''"
	if byOutcome {
		outcome = "c.outcome"
	}
	return sqlQuery{monthsCTE(p, params) + `
		SELECT c.tenant AS tenant, m.month AS month, ` + outcome + ` AS outcome, COUNT(*) AS n
		FROM m JOIN cases c ON ` + tenantIn(tenants, params) + ` AND c.` + column + ` >= m.lo AND c.` + column + ` < m.hi` + where + `
		GROUP BY 1, 2, 3`, params}
}

// openSQL counts per Träger and month the cases opened before the month's
// end and not closed by then.
func openSQL(tenants []reportTenant, p reportPeriod) sqlQuery {
	params := dbx.Params{}
	return sqlQuery{monthsCTE(p, params) + `
		SELECT c.tenant AS tenant, m.month AS month, '' AS outcome, COUNT(*) AS n
		FROM m JOIN cases c ON ` + tenantIn(tenants, params) + ` AND c.opened < m.hi AND (c.closed = '' OR c.closed >= m.hi)
		GROUP BY 1, 2`, params}
}

// stockSQL counts the cases open at the end of the period by Träger, offer
// type, workflow version and the state they were in then: the target of
// their last state event before the cut-off (the current state when the
// events do not reach back that far).
func stockSQL(tenants []reportTenant, p reportPeriod) sqlQuery {
	params := dbx.Params{"cut": p.end()}
	return sqlQuery{`
		SELECT c.tenant AS tenant, c.offer_type AS offer_type, c.workflow_version AS workflow_version,
			COALESCE((SELECT e."to" FROM case_events e
				WHERE e."case" = c.id AND e.type IN ('created', 'transition', 'migrated') AND e."to" != '' AND e.created < {:cut}
				ORDER BY e.created DESC, e.rowid DESC LIMIT 1), c.state) AS state,
			COUNT(*) AS n
		FROM cases c
		WHERE ` + tenantIn(tenants, params) + ` AND c.opened < {:cut} AND (c.closed = '' OR c.closed >= {:cut})
		GROUP BY 1, 2, 3, 4`, params}
}

// timesSQL computes count, median and mean days from opening to placement
// of the cases placed in the period, per Träger and outcome, per Träger,
// and over all Träger in scope (tenant and outcome "").
func timesSQL(tenants []reportTenant, p reportPeriod) sqlQuery {
	params := dbx.Params{"lo": p.Months[0].Lo, "hi": p.end()}
	return sqlQuery{`
		WITH d AS (
			SELECT c.tenant AS t, c.outcome AS o, MAX(0, julianday(c.placed) - julianday(c.opened)) AS days
			FROM cases c
			WHERE ` + tenantIn(tenants, params) + ` AND c.placed >= {:lo} AND c.placed < {:hi}
				AND c.outcome IN ('work', 'training', 'internship')
		), g AS (
			SELECT t, o, days FROM d
			UNION ALL SELECT t, '', days FROM d
			UNION ALL SELECT '', '', days FROM d
		), r AS (
			SELECT t, o, days, ROW_NUMBER() OVER (PARTITION BY t, o ORDER BY days) AS rn,
				COUNT(*) OVER (PARTITION BY t, o) AS n
			FROM g
		)
		SELECT t, o, MAX(n) AS n, AVG(days) AS mean,
			AVG(CASE WHEN rn IN ((n + 1) / 2, (n + 2) / 2) THEN days END) AS median
		FROM r GROUP BY t, o`, params}
}

// placedOnly narrows a monthly count to placements.
const placedOnly = ` AND c.outcome IN ('work', 'training', 'internship')`

// sqlQuery is an aggregate's SQL with its parameters.
type sqlQuery struct {
	sql    string
	params dbx.Params
}

func (q sqlQuery) all(db dbx.Builder, rows any) error {
	return db.NewQuery(q.sql).Bind(q.params).All(rows)
}

func queryCounts(db dbx.Builder, q sqlQuery) ([]monthCount, error) {
	var rows []monthCount
	err := q.all(db, &rows)
	return rows, err
}

// loadFacts runs every aggregate of a report over tenants; give it a
// transaction, so that all of them see the same data (the network report's
// tables share totals, docs/REPORTING.md).
func loadFacts(db dbx.Builder, tenants []reportTenant, p reportPeriod) (*reportFacts, error) {
	f := &reportFacts{entries: map[string]map[string]int{}, exits: map[string]map[string]map[string]int{},
		placements: map[string]map[string]map[string]int{}, inUse: map[string]map[string]int{}}
	entries, err := queryCounts(db, monthlySQL(tenants, p, "opened", "", false))
	if err != nil {
		return nil, fmt.Errorf("reports: entries: %w", err)
	}
	for _, r := range entries {
		nested(f.entries, r.Tenant)[r.Month] = r.N
	}
	exits, err := queryCounts(db, monthlySQL(tenants, p, "closed", "", true))
	if err != nil {
		return nil, fmt.Errorf("reports: exits: %w", err)
	}
	for _, r := range exits {
		nested(nested(f.exits, r.Tenant), r.Month)[r.Outcome] = r.N
	}
	placed, err := queryCounts(db, monthlySQL(tenants, p, "placed", placedOnly, true))
	if err != nil {
		return nil, fmt.Errorf("reports: placements: %w", err)
	}
	for _, r := range placed {
		nested(nested(f.placements, r.Tenant), r.Month)[r.Outcome] = r.N
	}
	open, err := queryCounts(db, openSQL(tenants, p))
	if err != nil {
		return nil, fmt.Errorf("reports: places in use: %w", err)
	}
	for _, r := range open {
		nested(f.inUse, r.Tenant)[r.Month] = r.N
	}
	if err := stockSQL(tenants, p).all(db, &f.stock); err != nil {
		return nil, fmt.Errorf("reports: stock: %w", err)
	}
	var times []struct {
		T      string  `db:"t"`
		O      string  `db:"o"`
		N      int     `db:"n"`
		Mean   float64 `db:"mean"`
		Median float64 `db:"median"`
	}
	if err := timesSQL(tenants, p).all(db, &times); err != nil {
		return nil, fmt.Errorf("reports: time to placement: %w", err)
	}
	f.times = map[[2]string]placementTime{}
	for _, r := range times {
		f.times[[2]string{r.T, r.O}] = placementTime{N: r.N, Median: r.Median, Mean: r.Mean}
	}
	return f, nil
}

// loadReport loads what a report of tenants is built from: the aggregates
// (in db, the report's transaction), the offers and the districts.
func loadReport(app core.App, db dbx.Builder, tenants []reportTenant, p reportPeriod) (*reportFacts, []reportOffer, []reportRegion, error) {
	f, err := loadFacts(db, tenants, p)
	if err != nil {
		return nil, nil, nil, err
	}
	offers, err := loadOffers(app, tenants)
	if err != nil {
		return nil, nil, nil, err
	}
	regions, err := loadRegions(app)
	return f, offers, regions, err
}

// nested returns m[k], creating it.
func nested[V any](m map[string]map[string]V, k string) map[string]V {
	if m[k] == nil {
		m[k] = map[string]V{}
	}
	return m[k]
}

// loadTenants returns the Träger with the given ids (all Träger when ids is
// nil), by short name.
func loadTenants(app core.App, ids []string) ([]reportTenant, error) {
	q := app.DB().Select("id", "slug", "name", "short_name", "capacity", "regions").From("tenants").
		OrderBy("COALESCE(NULLIF(short_name, ''), name)", "id")
	if ids != nil {
		q = q.Where(dbx.In("id", toAny(ids)...))
	}
	var rows []struct {
		ID        string  `db:"id"`
		Slug      string  `db:"slug"`
		Name      string  `db:"name"`
		ShortName string  `db:"short_name"`
		Capacity  float64 `db:"capacity"`
		Regions   string  `db:"regions"`
	}
	if err := q.All(&rows); err != nil {
		return nil, err
	}
	out := make([]reportTenant, len(rows))
	for i, r := range rows {
		short := r.ShortName
		if short == "" {
			short = r.Name
		}
		out[i] = reportTenant{ID: r.ID, Slug: r.Slug, Name: r.Name, ShortName: short, Capacity: int(r.Capacity),
			regions: jsonIDs(r.Regions)}
	}
	return out, nil
}

// loadOffers returns the offer types of the Träger, by title, each with its
// district: the offer's region when it names exactly one, else the Träger's
// when the offer names none and the Träger has one, else "".
func loadOffers(app core.App, tenants []reportTenant) ([]reportOffer, error) {
	byID := map[string]reportTenant{}
	ids := make([]any, len(tenants))
	for i, t := range tenants {
		byID[t.ID] = t
		ids[i] = t.ID
	}
	var rows []struct {
		ID              string  `db:"id"`
		Tenant          string  `db:"tenant"`
		Slug            string  `db:"slug"`
		Title           string  `db:"title"`
		Category        string  `db:"category"`
		Status          string  `db:"status"`
		Capacity        float64 `db:"capacity"`
		Regions         string  `db:"regions"`
		WorkflowVersion string  `db:"workflow_version"`
	}
	err := app.DB().Select("id", "tenant", "slug", "title", "category", "status", "capacity", "regions", "workflow_version").
		From("offer_types").Where(dbx.In("tenant", ids...)).OrderBy("slug").All(&rows)
	if err != nil {
		return nil, err
	}
	out := make([]reportOffer, len(rows))
	for i, r := range rows {
		o := reportOffer{ID: r.ID, Tenant: r.Tenant, Slug: r.Slug, Title: germanText(r.Title, r.Slug),
			Category: r.Category, Status: r.Status, Capacity: int(r.Capacity), WorkflowVersion: r.WorkflowVersion}
		switch regions, own := jsonIDs(r.Regions), byID[r.Tenant].regions; {
		case len(regions) == 1:
			o.District = regions[0]
		case len(regions) == 0 && len(own) == 1:
			o.District = own[0]
		}
		out[i] = o
	}
	return out, nil
}

type reportRegion struct{ ID, Code, Name string }

func loadRegions(app core.App) ([]reportRegion, error) {
	var rows []struct {
		ID   string `db:"id"`
		Code string `db:"code"`
		Name string `db:"name"`
	}
	if err := app.DB().Select("id", "code", "name").From("regions").OrderBy("name").All(&rows); err != nil {
		return nil, err
	}
	out := make([]reportRegion, len(rows))
	for i, r := range rows {
		out[i] = reportRegion{r.ID, r.Code, r.Name}
	}
	return out, nil
}

// jsonIDs reads a multiple relation column (a JSON array of ids).
func jsonIDs(raw string) []string {
	var ids []string
	if json.Unmarshal([]byte(raw), &ids) != nil {
		return nil
	}
	return ids
}

// germanText is the German text of a {"de": …} JSON column, else fallback.
func germanText(raw, fallback string) string {
	var m map[string]string
	if json.Unmarshal([]byte(raw), &m) == nil && strings.TrimSpace(m["de"]) != "" {
		return m["de"]
	}
	return fallback
}
