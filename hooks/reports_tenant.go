package hooks

import (
	"cmp"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// tenantReport is the report of one Träger for its own staff: exact
// figures, nothing suppressed (they see every case of their Träger anyway).
func (s *service) tenantReport(app core.App, db dbx.Builder, tenant reportTenant, p reportPeriod) (*report, error) {
	f, offers, regions, err := loadReport(app, db, []reportTenant{tenant}, p)
	if err != nil {
		return nil, err
	}
	labels := newStateLabels(s, app, offers)
	rep := &report{Scope: "tenant", Tenant: &tenant, Period: periodOut(p), Generated: pbNow(s)}
	rep.Tables = append(rep.Tables,
		tenantStockByState(f, tenant, labels),
		tenantStockByOffer(f, tenant, offers),
		tenantStockByDistrict(f, tenant, offers, regions),
		tenantFlows(f, tenant, p),
		tenantExits(f, tenant, p),
		tenantPlacements(f, tenant, p),
		placementTimeTable(f, tenant.ID),
		tenantCapacity(f, tenant, p),
	)
	return rep, nil
}

// oneCount is a table of one count column with a total row.
func oneCount(key, title, stub, note string, rows []gridRow, n map[string]int) *reportTable {
	t := &reportTable{Key: key, Title: title, Stub: stub, Note: note,
		Columns: []reportColumn{{Key: "cases", Label: labelCases, Unit: unitCount}}, Chart: &reportChart{Series: []int{0}}}
	for _, r := range rows {
		t.Rows = append(t.Rows, reportRow{Key: r.key, Label: r.label, Cells: []reportCell{countCell(n[r.id])}})
	}
	if len(t.Rows) == 0 {
		t.Rows = append(t.Rows, reportRow{Key: "total", Label: labelTotal, Total: true, Cells: []reportCell{countCell(0)}})
		return t
	}
	t.Rows = append(t.Rows, sumRow(t.Rows))
	return t
}

func tenantStockByState(f *reportFacts, tenant reportTenant, labels *stateLabels) *reportTable {
	n := stockBy(f.stock, tenant.ID, func(g stockGroup) string { return labels.of(g.WorkflowVersion, g.OfferType, g.State) })
	rows := make([]gridRow, len(labels.order))
	for i, l := range labels.order {
		rows[i] = gridRow{key: l, label: l, id: l}
	}
	t := oneCount("stock_state", "Bestand nach Status", "Status", noteStock, rows, n)
	t.Sheet = "Bestand Status"
	return t
}

func tenantStockByOffer(f *reportFacts, tenant reportTenant, offers []reportOffer) *reportTable {
	n := stockBy(f.stock, tenant.ID, func(g stockGroup) string { return g.OfferType })
	t := &reportTable{Key: "stock_offer", Title: "Bestand und Plätze nach Angebot", Stub: "Angebot", Sheet: "Bestand Angebot",
		Note: noteStock + " Plätze: vereinbarte Plätze des Angebots, in der Summe die des Trägers.",
		Columns: []reportColumn{{Key: "cases", Label: labelCases, Unit: unitCount},
			{Key: "places", Label: labelPlaces, Unit: unitPlaces}, {Key: "rate", Label: labelRate, Unit: unitPercent}},
		Chart: &reportChart{Series: []int{0}}}
	sorted := slices.Clone(offers)
	slices.SortStableFunc(sorted, func(a, b reportOffer) int { return cmp.Compare(a.Title, b.Title) })
	total := 0
	for _, o := range sorted {
		if o.Status == "draft" && n[o.ID] == 0 {
			continue
		}
		places := reportCell{}
		if o.Capacity > 0 {
			places = countCell(o.Capacity)
		}
		t.Rows = append(t.Rows, reportRow{Key: o.Slug, Label: o.Title,
			Cells: []reportCell{countCell(n[o.ID]), places, ratioCell(n[o.ID], o.Capacity)}})
		total += n[o.ID]
	}
	places := reportCell{}
	if tenant.Capacity > 0 {
		places = countCell(tenant.Capacity)
	}
	t.Rows = append(t.Rows, reportRow{Key: "total", Label: labelTotal, Total: true,
		Cells: []reportCell{countCell(total), places, ratioCell(total, tenant.Capacity)}})
	return t
}

func tenantStockByDistrict(f *reportFacts, tenant reportTenant, offers []reportOffer, regions []reportRegion) *reportTable {
	district := map[string]string{}
	used := map[string]bool{}
	for _, id := range tenant.regions {
		used[id] = true
	}
	for _, o := range offers {
		district[o.ID] = o.District
	}
	n := stockBy(f.stock, tenant.ID, func(g stockGroup) string { return district[g.OfferType] })
	for id, c := range n {
		used[id] = used[id] || c > 0
	}
	t := oneCount("stock_district", "Bestand nach Landkreis (Ort des Angebots)", "Landkreis", noteDistrict,
		districtRows(regions, used), n)
	t.Sheet = "Bestand Landkreis"
	return t
}

func tenantFlows(f *reportFacts, tenant reportTenant, p reportPeriod) *reportTable {
	t := &reportTable{Key: "flows", Title: "Zugänge, Abgänge und Vermittlungen je Monat", Stub: labelMonth, Sheet: "Zu- und Abgänge",
		Note: "Zugang: Fall im Monat eröffnet (Anmeldung). Abgang: Fall im Monat abgeschlossen. " +
			"Vermittlung: im Monat in Arbeit, Ausbildung oder Praktikum vermittelt.",
		Columns: []reportColumn{{Key: "entries", Label: "Zugänge", Unit: unitCount},
			{Key: "exits", Label: "Abgänge", Unit: unitCount}, {Key: "placements", Label: labelPlacementsN, Unit: unitCount}},
		Chart: &reportChart{Series: []int{0, 1, 2}}}
	for _, r := range monthRows(p) {
		exits, placed := 0, 0
		for _, n := range f.exits[tenant.ID][r.id] {
			exits += n
		}
		for _, n := range f.placements[tenant.ID][r.id] {
			placed += n
		}
		t.Rows = append(t.Rows, reportRow{Key: r.key, Label: r.label,
			Cells: []reportCell{countCell(f.entries[tenant.ID][r.id]), countCell(exits), countCell(placed)}})
	}
	t.Rows = append(t.Rows, sumRow(t.Rows))
	return t
}

// byMonthAndOutcome is a months × outcomes table with row and column totals.
func byMonthAndOutcome(key, title, sheet, note string, outcomes []string, by map[string]map[string]int, p reportPeriod) *reportTable {
	t := &reportTable{Key: key, Title: title, Stub: labelMonth, Sheet: sheet, Note: note,
		Columns: append(countColumns(outcomes, outcomeLabels), reportColumn{Key: "total", Label: labelTotal, Unit: unitCount})}
	for _, r := range monthRows(p) {
		row := reportRow{Key: r.key, Label: r.label}
		sum := 0
		for _, o := range outcomes {
			row.Cells = append(row.Cells, countCell(by[r.id][o]))
			sum += by[r.id][o]
		}
		row.Cells = append(row.Cells, countCell(sum))
		t.Rows = append(t.Rows, row)
	}
	t.Rows = append(t.Rows, sumRow(t.Rows))
	return t
}

func tenantExits(f *reportFacts, tenant reportTenant, p reportPeriod) *reportTable {
	return byMonthAndOutcome("exits_outcome", "Abgänge nach Verbleib je Monat", "Abgänge Verbleib",
		"Verbleib: das Ergebnis, mit dem der Fall abgeschlossen wurde.", exitOutcomes, f.exits[tenant.ID], p)
}

func tenantPlacements(f *reportFacts, tenant reportTenant, p reportPeriod) *reportTable {
	t := byMonthAndOutcome("placements_type", "Vermittlungen nach Art je Monat", "Vermittlungen Art", notePlacement,
		placements, f.placements[tenant.ID], p)
	t.Chart = &reportChart{Series: []int{0, 1, 2}}
	return t
}

// placementTimeTable is the time to placement by kind of placement for one
// Träger (tenant id) or all in scope ("").
func placementTimeTable(f *reportFacts, tenant string) *reportTable {
	t := &reportTable{Key: "placement_time", Title: "Zeit von der Anmeldung bis zur Vermittlung", Stub: labelPlacementArt,
		Sheet: "Zeit bis Vermittlung", Note: noteTime, Columns: timeColumns()}
	for _, o := range append(slices.Clone(placements), "") {
		row := reportRow{Key: o, Label: outcomeLabels[o], Cells: timeCells(f.times[[2]string{tenant, o}])}
		if o == "" {
			row.Key, row.Label, row.Total = "total", labelTotal, true
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func timeColumns() []reportColumn {
	return []reportColumn{{Key: "placements", Label: labelPlacementsN, Unit: unitCount},
		{Key: "median_days", Label: labelMedianDays, Unit: unitDays}, {Key: "mean_days", Label: labelMeanDays, Unit: unitDays}}
}

func timeCells(pt placementTime) []reportCell {
	if pt.N == 0 {
		return []reportCell{countCell(0), {}, {}}
	}
	return []reportCell{countCell(pt.N), numCell(round1(pt.Median)), numCell(round1(pt.Mean))}
}

func tenantCapacity(f *reportFacts, tenant reportTenant, p reportPeriod) *reportTable {
	t := &reportTable{Key: "capacity_month", Title: "Belegung der Plätze am Monatsende", Stub: labelMonthEnd, Sheet: "Belegung",
		Note: noteInUse, Columns: []reportColumn{{Key: "in_use", Label: labelPlacedInUse, Unit: unitCount},
			{Key: "places", Label: labelPlaces, Unit: unitPlaces}, {Key: "rate", Label: labelRate, Unit: unitPercent}},
		Chart: &reportChart{Series: []int{0}}}
	places := reportCell{}
	if tenant.Capacity > 0 {
		places = countCell(tenant.Capacity)
	}
	for _, r := range monthRows(p) {
		n := f.inUse[tenant.ID][r.id]
		t.Rows = append(t.Rows, reportRow{Key: r.key, Label: r.label, Cells: []reportCell{countCell(n), places, ratioCell(n, tenant.Capacity)}})
	}
	return t
}

// Notes under the tables: the definitions in short (docs/REPORTING.md).
const (
	noteStock     = "Bestand: Fälle, die am Stichtag eröffnet und nicht abgeschlossen waren; Status am Stichtag."
	noteDistrict  = noteStock + " Landkreis: der des Angebots (bzw. des Trägers, wenn das Angebot keinen nennt)."
	notePlacement = "Vermittlung: Datum, an dem der Fall in Arbeit, Ausbildung oder Praktikum vermittelt wurde; " +
		"eine später zurückgenommene Vermittlung zählt nicht."
	noteTime = "Tage vom Eröffnen des Falls (Anmeldung) bis zur Vermittlung, für die im Zeitraum vermittelten Fälle; " +
		"eine Nachkommastelle."
	noteInUse = "Belegt: Fälle, die am Monatsende eröffnet und nicht abgeschlossen waren (laufender Monat: heute). " +
		"Plätze: die mit dem Fördergeber vereinbarten Plätze des Trägers."
)
