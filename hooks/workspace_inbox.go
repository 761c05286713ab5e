package hooks

import (
	dbsql "database/sql"
	"encoding/json"
	"net/http"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/workflows"
)

// inboxItem is one case of the inbox list.
type inboxItem struct {
	ID           string `db:"id" json:"id"`
	Reference    string `db:"reference" json:"reference"`
	State        string `db:"state" json:"state"`
	StateLabel   string `db:"-" json:"state_label"`
	Offer        string `db:"offer_type" json:"offer"`
	OfferTitle   string `db:"-" json:"offer_title"`
	Participant  string `db:"participant" json:"participant"`
	FirstName    string `db:"first_name" json:"first_name"`
	LastName     string `db:"last_name" json:"last_name"`
	Assignee     string `db:"assignee" json:"assignee"`
	AssigneeName string `db:"assignee_name" json:"assignee_name"`
	Opened       string `db:"opened" json:"opened"`
	Updated      string `db:"updated" json:"updated"`
	SLADue       string `db:"sla_due" json:"sla_due"`
	SLABreached  bool   `db:"-" json:"sla_breached"`
	Closed       string `db:"closed" json:"closed"`
	OverdueTasks int    `db:"overdue_tasks" json:"overdue_tasks"`
	NextDue      string `db:"next_due" json:"next_due"`
	Workflow     string `db:"workflow_version" json:"-"`
}

// stateCount is a row of the counts per state.
type stateCount struct {
	State string
	N     int
}

// scanRows runs a hot read query prepared (preparedReads) and calls scan for
// each row; the scans name the columns in the order the query selects them.
func (s *service) scanRows(app core.App, query string, params dbx.Params, scan func(*dbsql.Rows) error) error {
	rows, err := s.reads.query(app, query, params)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// inboxState is a state with its count, for the filter.
type inboxState struct {
	workflows.StateInfo
	Count int `json:"count"`
}

type inboxOffer struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

type inboxResponse struct {
	Items   []inboxItem `json:"items"`
	Page    int         `json:"page"`
	PerPage int         `json:"per_page"`
	HasMore bool        `json:"has_more"`
	// Total is the length of the whole list when the counts give it for
	// free (no search, overdue or SLA filter); else null.
	Total  *int         `json:"total"`
	States []inboxState `json:"states"`
	Open   int          `json:"open"` // open cases in scope (and offer)
	// Of those, with an overdue task and past their SLA; at most
	// inboxFlagCap (the cap means "so many or more").
	Overdue int          `json:"overdue"`
	SLA     int          `json:"sla"`
	FlagCap int          `json:"flag_cap"`
	Offers  []inboxOffer `json:"offers"`
}

// handleInbox: GET /api/mp/inbox?scope=mine|all&state=&offer=&overdue=1&sla=1&q=&page=&per_page=&lang=
// — the caller's cases or all cases of their Träger, filtered, one page, with
// the counts per state. Always scoped by the caller's Träger.
func (s *service) handleInbox(e *core.RequestEvent) error {
	c, err := tenantStaff(e)
	if err != nil {
		return err
	}
	query := e.Request.URL.Query()
	q, lang, now := parseInboxQuery(query), query.Get("lang"), s.now()
	out := inboxResponse{Items: []inboxItem{}, Page: q.Page, PerPage: q.PerPage}

	sql, params := q.flagsSQL(c.Tenant, c.Record.Id, now)
	err = s.scanRows(e.App, sql, params, func(rows *dbsql.Rows) error { return rows.Scan(&out.Overdue, &out.SLA) })
	if err != nil {
		return e.InternalServerError("The inbox could not be counted.", err)
	}
	out.FlagCap = inboxFlagCap
	q.manyOverdue = out.Overdue >= inboxFlagCap

	sql, params = q.listSQL(c.Tenant, c.Record.Id, now)
	err = s.scanRows(e.App, sql, params, func(rows *dbsql.Rows) error {
		var it inboxItem
		err := rows.Scan(&it.ID, &it.Reference, &it.State, &it.Offer, &it.Assignee, &it.Opened, &it.Updated,
			&it.SLADue, &it.Closed, &it.Workflow, &it.Participant, &it.FirstName, &it.LastName, &it.AssigneeName,
			&it.OverdueTasks, &it.NextDue)
		out.Items = append(out.Items, it)
		return err
	})
	if err != nil {
		return e.InternalServerError("The inbox could not be read.", err)
	}
	if len(out.Items) > q.PerPage {
		out.Items, out.HasMore = out.Items[:q.PerPage], true
	}
	var counts []stateCount
	sql, params = q.countSQL(c.Tenant, c.Record.Id, now)
	err = s.scanRows(e.App, sql, params, func(rows *dbsql.Rows) error {
		var sc stateCount
		err := rows.Scan(&sc.State, &sc.N)
		counts = append(counts, sc)
		return err
	})
	if err != nil {
		return e.InternalServerError("The inbox could not be counted.", err)
	}

	offers, states, err := s.inboxMeta(e.App, c.Tenant, q.Offer, lang)
	if err != nil {
		return e.InternalServerError("The offers could not be read.", err)
	}
	out.Offers = offers
	out.States, out.Open = countStates(states, counts)
	if !q.filtered() {
		total := out.Open
		if q.State != "" {
			total = 0
			for _, st := range out.States {
				if st.Key == q.State {
					total = st.Count
				}
			}
		}
		out.Total = &total
	}
	s.labelItems(e.App, out.Items, offers, lang, dbTime(now))
	return e.JSON(http.StatusOK, out)
}

// inboxMetaData is what inboxMeta returns, cached (shared: read only).
type inboxMetaData struct {
	offers []inboxOffer
	states []workflows.StateInfo
}

// inboxMeta returns the Träger's offers (titled) and the states of their
// current workflows, in workflow order without repeats; with an offer, only
// that offer's states. Cached until a definition changes: every inbox page
// asks for it.
func (s *service) inboxMeta(app core.App, tenant, offer, lang string) ([]inboxOffer, []workflows.StateInfo, error) {
	if len(lang) > 8 { // a language tag, not a way to fill the cache
		lang = ""
	}
	get := func(offer string) (inboxMetaData, error) {
		return s.inboxMetas.get(tenant+"\x00"+offer+"\x00"+lang, s.now(), func() (inboxMetaData, error) {
			offers, states, err := s.loadInboxMeta(app, tenant, offer, lang)
			return inboxMetaData{offers: offers, states: states}, err
		})
	}
	meta, err := get("")
	if err != nil || offer == "" {
		return meta.offers, meta.states, err
	}
	// Only the Träger's own offers become keys: the filter comes from the URL.
	if !slices.ContainsFunc(meta.offers, func(o inboxOffer) bool { return o.ID == offer }) {
		return meta.offers, nil, nil
	}
	meta, err = get(offer)
	return meta.offers, meta.states, err
}

func (s *service) loadInboxMeta(app core.App, tenant, offer, lang string) ([]inboxOffer, []workflows.StateInfo, error) {
	var rows []struct {
		ID       string `db:"id"`
		Title    string `db:"title"`
		Workflow string `db:"workflow_version"`
	}
	err := app.DB().Select("id", "title", "workflow_version").From("offer_types").
		Where(dbx.HashExp{"tenant": tenant}).AndWhere(dbx.Not(dbx.HashExp{"status": "draft"})).
		OrderBy("slug").All(&rows)
	if err != nil {
		return nil, nil, err
	}
	offers := make([]inboxOffer, 0, len(rows))
	var states []workflows.StateInfo
	seen := map[string]bool{}
	for _, r := range rows {
		var title forms.Text
		_ = json.Unmarshal([]byte(r.Title), &title)
		offers = append(offers, inboxOffer{ID: r.ID, Title: title.Get(lang)})
		if r.Workflow == "" || (offer != "" && offer != r.ID) {
			continue
		}
		wf, _, err := s.workflowVersion(app, r.Workflow)
		if err != nil {
			return nil, nil, err
		}
		for _, st := range wf.States(lang) {
			if !seen[st.Key] {
				seen[st.Key] = true
				states = append(states, st)
			}
		}
	}
	return offers, states, nil
}

// countStates puts the counts on the known states (states of older workflow
// versions are appended with their key as label) and sums the open ones.
func countStates(known []workflows.StateInfo, counts []stateCount) ([]inboxState, int) {
	out := make([]inboxState, 0, len(known))
	index := map[string]int{}
	for _, st := range known {
		index[st.Key] = len(out)
		out = append(out, inboxState{StateInfo: st})
	}
	open := 0
	for _, c := range counts {
		i, ok := index[c.State]
		if !ok {
			i = len(out)
			index[c.State] = i
			out = append(out, inboxState{StateInfo: workflows.StateInfo{Key: c.State, Label: c.State}})
		}
		out[i].Count = c.N
		if !out[i].Terminal {
			open += c.N
		}
	}
	return out, open
}

// labelItems adds the state label of each case's own workflow version, the
// offer title and whether the SLA has run out.
func (s *service) labelItems(app core.App, items []inboxItem, offers []inboxOffer, lang, now string) {
	titles := map[string]string{}
	for _, o := range offers {
		titles[o.ID] = o.Title
	}
	for i := range items {
		it := &items[i]
		it.StateLabel, it.OfferTitle = it.State, titles[it.Offer]
		it.SLABreached = it.Closed == "" && it.SLADue != "" && it.SLADue < now
		if it.Workflow == "" {
			continue
		}
		if wf, _, err := s.workflowVersion(app, it.Workflow); err == nil {
			if st, ok := wf.State(it.State, lang); ok {
				it.StateLabel = st.Label
			}
		}
	}
}
