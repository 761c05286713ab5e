package hooks

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// networkReport is the report across all Träger for network admins: every
// Träger's figures and the network's, aggregated, with small counts
// suppressed (reports_suppress.go). Tables that show the same figure give
// its cells the same key, so a count hidden in one is hidden in all.
func (s *service) networkReport(app core.App, db dbx.Builder, p reportPeriod) (*report, error) {
	tenants, err := loadTenants(app, nil)
	if err != nil {
		return nil, err
	}
	f, offers, regions, err := loadReport(app, db, tenants, p)
	if err != nil {
		return nil, err
	}
	b := &networkBuilder{tenants: tenants, sdc: newSDC(), facts: f, period: p}
	labels := newStateLabels(s, app, offers)
	byState := map[string]map[string]int{}
	category, district := map[string]string{}, map[string]string{}
	for _, o := range offers {
		category[o.ID], district[o.ID] = o.Category, o.District
	}
	byCategory, byDistrict := map[string]map[string]int{}, map[string]map[string]int{}
	for _, t := range tenants {
		byState[t.ID] = stockBy(f.stock, t.ID, func(g stockGroup) string { return labels.of(g.WorkflowVersion, g.OfferType, g.State) })
		byCategory[t.ID] = stockBy(f.stock, t.ID, func(g stockGroup) string { return category[g.OfferType] })
		byDistrict[t.ID] = stockBy(f.stock, t.ID, func(g stockGroup) string { return district[g.OfferType] })
	}
	stateRows := make([]gridRow, len(labels.order))
	for i, l := range labels.order {
		stateRows[i] = gridRow{key: l, label: l, id: l}
	}
	catRows := make([]gridRow, len(categories))
	for i, c := range categories {
		catRows[i] = gridRow{key: c, label: categoryLabels[c], id: c}
	}
	allRegions := map[string]bool{}
	for _, r := range regions {
		allRegions[r.ID] = true
	}
	for _, t := range tenants {
		allRegions[""] = allRegions[""] || byDistrict[t.ID][""] > 0
	}
	months := monthRows(p)
	exitRows := make([]gridRow, len(exitOutcomes))
	for i, o := range exitOutcomes {
		exitRows[i] = gridRow{key: cmpKey(o), label: outcomeLabels[o], id: o}
	}
	placeRows := make([]gridRow, len(placements))
	for i, o := range placements {
		placeRows[i] = gridRow{key: o, label: outcomeLabels[o], id: o}
	}
	sumOver := func(by map[string]map[string]map[string]int, tenant, month string) int {
		n := 0
		for _, v := range by[tenant][month] {
			n += v
		}
		return n
	}
	overMonths := func(by map[string]map[string]map[string]int, tenant, outcome string) int {
		n := 0
		for _, m := range p.Months {
			n += by[tenant][m.Key][outcome]
		}
		return n
	}
	rep := &report{Scope: "network", Tenants: tenants, Period: periodOut(p), Generated: pbNow(s)}
	rep.Tables = []*reportTable{
		b.grid(gridSpec{key: "stock_state", title: "Bestand nach Status", stub: "Status", sheet: "Bestand Status",
			note: noteStock, name: "stock_state", total: "stock", rows: stateRows,
			value: func(r gridRow, t string) int { return byState[t][r.id] }}),
		b.grid(gridSpec{key: "stock_category", title: "Bestand nach Angebotsbereich", stub: "Angebotsbereich",
			sheet: "Bestand Bereich", note: noteStock, name: "stock_category", total: "stock", rows: catRows,
			value: func(r gridRow, t string) int { return byCategory[t][r.id] }}),
		b.grid(gridSpec{key: "stock_district", title: "Bestand nach Landkreis (Ort des Angebots)", stub: "Landkreis",
			sheet: "Bestand Landkreis", note: noteDistrict, name: "stock_district", total: "stock",
			rows: districtRows(regions, allRegions), value: func(r gridRow, t string) int { return byDistrict[t][r.id] }}),
		b.grid(gridSpec{key: "entries", title: "Zugänge je Monat", stub: labelMonth, sheet: "Zugänge",
			note: "Zugang: Fall im Monat eröffnet (Anmeldung).", name: "entries", total: "entries", rows: months,
			value: func(r gridRow, t string) int { return f.entries[t][r.id] }}),
		b.grid(gridSpec{key: "exits", title: "Abgänge je Monat", stub: labelMonth, sheet: "Abgänge",
			note: "Abgang: Fall im Monat abgeschlossen.", name: "exits", total: "exits", rows: months,
			value: func(r gridRow, t string) int { return sumOver(f.exits, t, r.id) }}),
		b.grid(gridSpec{key: "exits_outcome", title: "Abgänge im Zeitraum nach Verbleib", stub: "Verbleib",
			sheet: "Abgänge Verbleib", note: "Verbleib: das Ergebnis, mit dem der Fall abgeschlossen wurde.",
			name: "exits_outcome", total: "exits", rows: exitRows,
			value: func(r gridRow, t string) int { return overMonths(f.exits, t, r.id) }}),
		b.grid(gridSpec{key: "placements", title: "Vermittlungen je Monat", stub: labelMonth, sheet: "Vermittlungen",
			note: notePlacement, name: "placements", total: "placements", rows: months,
			value: func(r gridRow, t string) int { return sumOver(f.placements, t, r.id) }}),
		b.grid(gridSpec{key: "placements_type", title: "Vermittlungen im Zeitraum nach Art", stub: labelPlacementArt,
			sheet: "Vermittlungen Art", note: notePlacement, name: "placements_type", total: "placements", rows: placeRows,
			value: func(r gridRow, t string) int { return overMonths(f.placements, t, r.id) }}),
		b.placementTime(),
		b.grid(gridSpec{key: "capacity_month", title: "Belegte Plätze am Monatsende", stub: labelMonthEnd, sheet: "Belegung",
			note: noteInUse, name: "in_use", rows: months, value: func(r gridRow, t string) int { return f.inUse[t][r.id] },
			cellKey: b.inUseKey}),
		b.capacity(),
	}
	b.flowLines()
	if b.sdc.err != nil {
		return nil, b.sdc.err
	}
	rep.Suppression = b.suppress(rep.Tables)
	return rep, nil
}

// cmpKey is a row key for an outcome ("" is "none").
func cmpKey(outcome string) string {
	if outcome == "" {
		return "none"
	}
	return outcome
}

type networkBuilder struct {
	tenants []reportTenant
	sdc     *sdc
	facts   *reportFacts
	period  reportPeriod
}

// columns of the network report: one colKey per Träger (its slug) and
// "*" for the network.
const networkCol = "*"

func (b *networkBuilder) cols() []string {
	out := make([]string, 0, len(b.tenants)+1)
	for _, t := range b.tenants {
		out = append(out, t.Slug)
	}
	return append(out, networkCol)
}

func (b *networkBuilder) columns(unit string) []reportColumn {
	out := make([]reportColumn, 0, len(b.tenants)+1)
	for _, t := range b.tenants {
		out = append(out, reportColumn{Key: t.Slug, Label: t.ShortName, Unit: unit})
	}
	return append(out, reportColumn{Key: "network", Label: "Netzwerk", Unit: unit})
}

// gridSpec is a table of counts: rows × Träger, the network as the last
// column, and with total the total row (cells keyed total||col, shared by
// the tables with the same total).
type gridSpec struct {
	key, title, stub, note, sheet string
	name, total                   string
	rows                          []gridRow
	value                         func(r gridRow, tenantID string) int
	cellKey                       func(name string, r gridRow, col string) string // nil: name|row|col
}

func (b *networkBuilder) grid(g gridSpec) *reportTable {
	t := &reportTable{Key: g.key, Title: g.title, Stub: g.stub, Note: g.note, Sheet: g.sheet,
		Columns: b.columns(unitCount), Chart: &reportChart{Series: []int{len(b.tenants)}}}
	key := g.cellKey
	if key == nil {
		key = func(name string, r gridRow, col string) string { return name + "|" + r.key + "|" + col }
	}
	cols := b.cols()
	colSums := make([]int, len(cols))
	colKeys := make([][]string, len(cols))
	for _, r := range g.rows {
		row := reportRow{Key: r.key, Label: r.label}
		sum := 0
		var keys []string
		for i, tn := range b.tenants {
			n := g.value(r, tn.ID)
			k := key(g.name, r, tn.Slug)
			row.Cells = append(row.Cells, b.count(k, n))
			keys = append(keys, k)
			colKeys[i] = append(colKeys[i], k)
			colSums[i] += n
			sum += n
		}
		nk := key(g.name, r, networkCol)
		row.Cells = append(row.Cells, b.count(nk, sum))
		colKeys[len(b.tenants)] = append(colKeys[len(b.tenants)], nk)
		colSums[len(b.tenants)] += sum
		b.sdc.sum(nk, keys...)
		t.Rows = append(t.Rows, row)
	}
	if g.total == "" {
		return t
	}
	row := reportRow{Key: "total", Label: labelTotal, Total: true}
	var keys []string
	for i, c := range cols {
		k := g.total + "||" + c
		row.Cells = append(row.Cells, b.count(k, colSums[i]))
		b.sdc.sum(k, colKeys[i]...)
		if c != networkCol {
			keys = append(keys, k)
		}
	}
	b.sdc.sum(g.total+"||"+networkCol, keys...)
	t.Rows = append(t.Rows, row)
	return t
}

// count is a count cell registered for suppression under key.
func (b *networkBuilder) count(key string, n int) reportCell {
	b.sdc.add(key, n)
	c := countCell(n)
	c.key = key
	return c
}

// inUseKey keys the places in use at each month's end; the last month's are
// the stock at the cut-off (the same figure as the stock tables' totals).
func (b *networkBuilder) inUseKey(name string, r gridRow, col string) string {
	if r.id == b.period.Months[len(b.period.Months)-1].Key {
		return "stock||" + col
	}
	return name + "|" + r.key + "|" + col
}

// flowLines add what a reader knows from month to month: the places in use
// at a month's end are those of the month before plus the entries minus the
// exits of the month.
func (b *networkBuilder) flowLines() {
	months := b.period.Months
	for _, c := range b.cols() {
		for i := 1; i < len(months); i++ {
			prev, cur := gridRow{key: months[i-1].Key, id: months[i-1].Key}, gridRow{key: months[i].Key, id: months[i].Key}
			b.sdc.line(sdcLine{{b.inUseKey("in_use", prev, c), 1}, {"entries|" + cur.key + "|" + c, 1},
				{b.inUseKey("in_use", cur, c), -1}, {"exits|" + cur.key + "|" + c, -1}})
		}
	}
}

// placementTime: per Träger and for the network, the number of placements
// (the placement tables' totals) and the median and mean days, hidden with
// their number.
func (b *networkBuilder) placementTime() *reportTable {
	t := &reportTable{Key: "placement_time", Title: "Zeit von der Anmeldung bis zur Vermittlung", Stub: "Träger",
		Sheet: "Zeit bis Vermittlung", Note: noteTime + " Median und Mittelwert entfallen, wo die Zahl der Vermittlungen gesperrt ist.",
		Columns: timeColumns()}
	for _, c := range b.cols() {
		id, label := "", "Netzwerk"
		for _, tn := range b.tenants {
			if tn.Slug == c {
				id, label = tn.ID, tn.ShortName
			}
		}
		k := "placements||" + c
		cells := timeCells(b.facts.times[[2]string{id, ""}])
		cells[0] = b.count(k, b.facts.times[[2]string{id, ""}].N)
		cells[1].derived, cells[2].derived = k, k
		row := reportRow{Key: c, Label: label, Cells: cells}
		if c == networkCol {
			row.Key, row.Total = "network", true
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// capacity: per Träger and for the network, the places, the places in use
// at the cut-off (the stock) and the rate, hidden with the places in use.
func (b *networkBuilder) capacity() *reportTable {
	t := &reportTable{Key: "capacity", Title: "Plätze und Auslastung am Stichtag", Stub: "Träger", Sheet: "Auslastung",
		Note: noteInUse + " Netzwerk: nur wenn alle Träger Plätze vereinbart haben.",
		Columns: []reportColumn{{Key: "places", Label: labelPlaces, Unit: unitPlaces},
			{Key: "in_use", Label: labelPlacedInUse, Unit: unitCount}, {Key: "rate", Label: labelRate, Unit: unitPercent}}}
	allPlaces, places := true, 0
	for _, tn := range b.tenants {
		allPlaces = allPlaces && tn.Capacity > 0
		places += tn.Capacity
	}
	if !allPlaces {
		places = 0
	}
	for _, c := range b.cols() {
		label, capacity := "Netzwerk", places
		for _, tn := range b.tenants {
			if tn.Slug == c {
				label, capacity = tn.ShortName, tn.Capacity
			}
		}
		k := "stock||" + c
		inUse := b.sdc.value[k]
		placesCell := reportCell{}
		if capacity > 0 {
			placesCell = countCell(capacity)
		}
		rate := ratioCell(inUse, capacity)
		rate.derived = k
		row := reportRow{Key: c, Label: label, Cells: []reportCell{placesCell, b.count(k, inUse), rate}}
		if c == networkCol {
			row.Key, row.Total = "network", true
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// suppress runs the suppression over every count of the report and marks
// the cells: a count by its key, a derived value with its count.
func (b *networkBuilder) suppress(tables []*reportTable) *reportSuppression {
	state := b.sdc.run()
	sum := &reportSuppression{Threshold: suppressBelow}
	for _, st := range state {
		switch st {
		case suppressedPrimary:
			sum.Primary++
		case suppressedSecondary:
			sum.Secondary++
		}
	}
	for _, t := range tables {
		for _, r := range t.Rows {
			for i := range r.Cells {
				c := &r.Cells[i]
				switch {
				case c.key != "":
					c.state = state[c.key]
				case c.derived != "" && state[c.derived] != "":
					c.state = suppressedSecondary
				}
			}
		}
	}
	return sum
}
