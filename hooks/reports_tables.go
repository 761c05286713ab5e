package hooks

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// A report is a list of tables, the same for JSON, CSV, XLSX and the page.
// Titles and labels are German: the report is for the funder.

// report is the body of GET /api/mp/reports/{tenant,network}.
type report struct {
	Scope       string             `json:"scope"` // tenant or network
	Tenant      *reportTenant      `json:"tenant,omitempty"`
	Tenants     []reportTenant     `json:"tenants,omitempty"`
	Period      reportPeriodOut    `json:"period"`
	Generated   string             `json:"generated"`
	Suppression *reportSuppression `json:"suppression,omitempty"`
	Tables      []*reportTable     `json:"tables"`
}

type reportPeriodOut struct {
	From   string   `json:"from"`
	To     string   `json:"to"`
	Months []string `json:"months"`
	Cutoff string   `json:"cutoff"` // RFC 3339: when the stock is counted
}

// reportSuppression describes the network report's disclosure control.
type reportSuppression struct {
	Threshold int `json:"threshold"` // counts below it (but not 0) are "<5"
	Primary   int `json:"primary"`   // cells shown as "<5"
	Secondary int `json:"secondary"` // cells shown as "x"
}

type reportTable struct {
	Key     string         `json:"key"`
	Title   string         `json:"title"`
	Stub    string         `json:"stub"` // the heading of the row labels
	Note    string         `json:"note,omitempty"`
	Columns []reportColumn `json:"columns"`
	Rows    []reportRow    `json:"rows"`
	Chart   *reportChart   `json:"chart,omitempty"`
	Sheet   string         `json:"-"` // XLSX sheet name (≤ 31 characters)
}

// Column units.
const (
	unitCount   = "count"
	unitDays    = "days"
	unitPercent = "percent"
	unitPlaces  = "places"
)

type reportColumn struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Unit  string `json:"unit"`
}

type reportRow struct {
	Key   string       `json:"key"`
	Label string       `json:"label"`
	Total bool         `json:"total,omitzero"`
	Cells []reportCell `json:"cells"`
}

// reportChart asks the page for a bar chart of the non-total rows, one bar
// series per listed column.
type reportChart struct {
	Series []int `json:"series"`
}

// Markers of suppressed cells (JSON, CSV, XLSX and the page alike).
const (
	markPrimary   = "<5"
	markSecondary = "x"
)

// reportCell is a number, no value (null), or a suppressed count.
type reportCell struct {
	value   float64
	has     bool
	key     string // network counts: the figure in the suppression run
	derived string // network values computed from a count (hidden with it)
	state   string // "", suppressedPrimary, suppressedSecondary
}

func numCell(v float64) reportCell { return reportCell{value: v, has: true} }

func countCell(n int) reportCell { return numCell(float64(n)) }

// ratio is n of places in percent (one decimal), none without places.
func ratioCell(n, places int) reportCell {
	if places <= 0 {
		return reportCell{}
	}
	return numCell(round1(100 * float64(n) / float64(places)))
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// mark is the cell's marker when suppressed, else "".
func (c reportCell) mark() string {
	switch c.state {
	case suppressedPrimary:
		return markPrimary
	case suppressedSecondary:
		return markSecondary
	}
	return ""
}

func (c reportCell) MarshalJSON() ([]byte, error) {
	if m := c.mark(); m != "" {
		return json.Marshal(m)
	}
	if !c.has {
		return []byte("null"), nil
	}
	return json.Marshal(c.value)
}

// text is the cell as German spreadsheets read it: a decimal comma, the
// marker of a suppressed cell, empty for no value.
func (c reportCell) text() string {
	if m := c.mark(); m != "" {
		return m
	}
	if !c.has {
		return ""
	}
	return strings.Replace(strconv.FormatFloat(c.value, 'f', -1, 64), ".", ",", 1)
}

// German labels.
var (
	outcomeLabels = map[string]string{"work": "Arbeit", "training": "Ausbildung", "internship": "Praktikum",
		"dropped_out": "Abgebrochen", "moved_away": "Verzogen", "other": "Sonstiges", "": "ohne Angabe"}
	exitOutcomes      = []string{"work", "training", "internship", "dropped_out", "moved_away", "other", ""}
	categoryLabels    = map[string]string{"professional": "Berufliche Integration", "social": "Soziale Integration", "stabilisation": "Persönliche Stabilisierung"}
	categories        = []string{"professional", "social", "stabilisation"}
	germanMonths      = []string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"}
	labelTotal        = "Gesamt"
	labelNoDistrict   = "nicht eindeutig zugeordnet"
	labelPlaces       = "Plätze"
	labelRate         = "Auslastung in %"
	labelCases        = "Fälle"
	labelPlacementsN  = "Vermittlungen"
	labelMedianDays   = "Median in Tagen"
	labelMeanDays     = "Mittelwert in Tagen"
	labelPlacedInUse  = "belegte Plätze"
	labelMonth        = "Monat"
	labelMonthEnd     = "Monatsende"
	labelPlacementArt = "Art der Vermittlung"
)

// monthLabel is "März 2026" for 2026-03.
func monthLabel(key string) string {
	t, err := time.Parse("2006-01", key)
	if err != nil {
		return key
	}
	return germanMonths[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// stateLabels turns workflow state keys into the German labels of the
// case's workflow version, in the order the Träger's current workflows list
// their (non-terminal) states.
type stateLabels struct {
	s     *service
	app   core.App
	order []string
	seen  map[string]bool
	byWV  map[string]string // offer id → its current workflow version
}

func newStateLabels(s *service, app core.App, offers []reportOffer) *stateLabels {
	l := &stateLabels{s: s, app: app, seen: map[string]bool{}, byWV: map[string]string{}}
	for _, o := range offers {
		l.byWV[o.ID] = o.WorkflowVersion
		if o.WorkflowVersion == "" {
			continue
		}
		if wf, _, err := s.workflowVersion(app, o.WorkflowVersion); err == nil {
			for _, st := range wf.States("de") {
				if !st.Terminal {
					l.add(st.Label)
				}
			}
		}
	}
	return l
}

func (l *stateLabels) add(label string) {
	if !l.seen[label] {
		l.seen[label] = true
		l.order = append(l.order, label)
	}
}

// of is the label of state key in workflow version wv (else in the offer's
// current version, else the key itself), added to the order.
func (l *stateLabels) of(wv, offer, key string) string {
	label := key
	for _, v := range []string{wv, l.byWV[offer]} {
		if v == "" {
			continue
		}
		if wf, _, err := l.s.workflowVersion(l.app, v); err == nil {
			if st, ok := wf.State(key, "de"); ok {
				label = st.Label
				break
			}
		}
	}
	l.add(label)
	return label
}

// stockBy sums the stock groups of tenant by a dimension.
func stockBy(stock []stockGroup, tenant string, dim func(stockGroup) string) map[string]int {
	out := map[string]int{}
	for _, g := range stock {
		if g.Tenant == tenant {
			out[dim(g)] += g.N
		}
	}
	return out
}

// districtRows are the report's districts: every region, then "not one
// district" when anything is counted there.
func districtRows(regions []reportRegion, used map[string]bool) []gridRow {
	var rows []gridRow
	for _, r := range regions {
		if used[r.ID] {
			rows = append(rows, gridRow{key: r.Code, label: r.Name, id: r.ID})
		}
	}
	if used[""] {
		rows = append(rows, gridRow{key: "none", label: labelNoDistrict})
	}
	return rows
}

// gridRow is a row of a table: its key, label and the id it stands for.
type gridRow struct{ key, label, id string }

func monthRows(p reportPeriod) []gridRow {
	rows := make([]gridRow, len(p.Months))
	for i, m := range p.Months {
		rows[i] = gridRow{key: m.Key, label: monthLabel(m.Key), id: m.Key}
	}
	return rows
}

func countColumns(keys []string, labels map[string]string) []reportColumn {
	cols := make([]reportColumn, len(keys))
	for i, k := range keys {
		key := k
		if key == "" {
			key = "none"
		}
		cols[i] = reportColumn{Key: key, Label: labels[k], Unit: unitCount}
	}
	return cols
}

// sumRow is the total row of the count columns of rows.
func sumRow(rows []reportRow) reportRow {
	total := reportRow{Key: "total", Label: labelTotal, Total: true, Cells: make([]reportCell, len(rows[0].Cells))}
	for _, r := range rows {
		for i, c := range r.Cells {
			total.Cells[i] = numCell(total.Cells[i].value + c.value)
		}
	}
	return total
}
