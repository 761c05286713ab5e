package hooks

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// The report as files for the funder, with the same figures as the JSON:
// CSV for German Excel (UTF-8 with BOM, ";" between fields, decimal comma,
// CRLF) and XLSX (an overview sheet, then one sheet per table).

// reportMeta is the report's heading: what, which Träger, when.
func reportMeta(rep *report) [][2]string {
	meta := [][2]string{{"Bericht", "MultiPotenzial – Zahlen für den Fördergeber (Arbeit für Thüringen)"}}
	if rep.Tenant != nil {
		meta = append(meta, [2]string{"Träger", rep.Tenant.Name})
	} else {
		meta = append(meta, [2]string{"Bereich", "Netzwerk: alle Träger, nur zusammengefasste Zahlen"})
	}
	meta = append(meta,
		[2]string{"Zeitraum", monthLabel(rep.Period.From) + " bis " + monthLabel(rep.Period.To)},
		[2]string{"Stichtag des Bestands", germanDay(rep.Period.Cutoff)},
		[2]string{"Erstellt", germanTime(rep.Generated)})
	if rep.Suppression != nil {
		meta = append(meta, [2]string{"Geheimhaltung", markPrimary + " = 1 bis 4 Fälle; " + markSecondary +
			" = gesperrt, damit kein Wert unter 5 aus Summen oder anderen Tabellen zurückgerechnet werden kann; 0 = kein Fall"})
	}
	return append(meta, [2]string{"Definitionen", "unter jeder Tabelle; ausführlich in der Dokumentation (REPORTING.md)"})
}

var berlinZone = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err) // tzdata is embedded (package rules)
	}
	return loc
}()

// germanDay is the day of an RFC 3339 instant in Berlin; the first instant
// of a day (the end of the previous one) counts as that previous day.
func germanDay(rfc string) string {
	t, err := time.Parse(time.RFC3339, rfc)
	if err != nil {
		return rfc
	}
	return t.In(berlinZone).Add(-time.Nanosecond).Format("02.01.2006")
}

func germanTime(rfc string) string {
	t, err := time.Parse(time.RFC3339, rfc)
	if err != nil {
		return rfc
	}
	return t.In(berlinZone).Format("02.01.2006 15:04")
}

// safeText keeps a spreadsheet from reading text as a formula (labels come
// from definitions an admin wrote).
func safeText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// reportCSV writes the report as CSV: the heading, then each table with
// its title, column headings, rows and note, a blank line between.
func reportCSV(rep *report) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\ufeff") // Excel reads UTF-8 only with a BOM
	w := csv.NewWriter(&buf)
	w.Comma = ';' // German Excel's list separator
	w.UseCRLF = true
	for _, m := range reportMeta(rep) {
		_ = w.Write([]string{m[0], m[1]})
	}
	for _, t := range rep.Tables {
		_ = w.Write(nil)
		_ = w.Write([]string{safeText(t.Title)})
		head := []string{safeText(t.Stub)}
		for _, c := range t.Columns {
			head = append(head, safeText(c.Label))
		}
		_ = w.Write(head)
		for _, r := range t.Rows {
			line := []string{safeText(r.Label)}
			for _, c := range r.Cells {
				line = append(line, c.text())
			}
			_ = w.Write(line)
		}
		if t.Note != "" {
			_ = w.Write([]string{safeText(t.Note)})
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// xlsxStyles are the cell styles of the workbook.
type xlsxStyles struct {
	title, head, label, total, note, integer, decimal, integerTotal, decimalTotal, marker int
}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	oneDecimal := "0.0"
	var st xlsxStyles
	var err error
	for _, s := range []struct {
		dst   *int
		style *excelize.Style
	}{
		{&st.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}}},
		{&st.head, &excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E5E7EB"}}}},
		{&st.label, &excelize.Style{Alignment: &excelize.Alignment{WrapText: true}}},
		{&st.total, &excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&st.note, &excelize.Style{Font: &excelize.Font{Italic: true}}},
		{&st.integer, &excelize.Style{NumFmt: 1}},
		{&st.decimal, &excelize.Style{CustomNumFmt: &oneDecimal}},
		{&st.integerTotal, &excelize.Style{NumFmt: 1, Font: &excelize.Font{Bold: true}}},
		{&st.decimalTotal, &excelize.Style{CustomNumFmt: &oneDecimal, Font: &excelize.Font{Bold: true}}},
		{&st.marker, &excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right"}}},
	} {
		if *s.dst, err = f.NewStyle(s.style); err != nil {
			return st, err
		}
	}
	return st, nil
}

// reportXLSX writes the report as a workbook: "Übersicht" with the heading
// and the list of tables, then one sheet per table. Numbers are numbers
// (suppressed cells the text markers), so the funder can compute with them.
func reportXLSX(rep *report) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newXLSXStyles(f)
	if err != nil {
		return nil, err
	}
	const overview = "Übersicht"
	if err := f.SetSheetName("Sheet1", overview); err != nil {
		return nil, err
	}
	row := 1
	put := func(sheet string, col, row int, v any, style int) {
		cell, _ := excelize.CoordinatesToCellName(col, row)
		if s, ok := v.(string); ok {
			_ = f.SetCellStr(sheet, cell, s)
		} else {
			_ = f.SetCellValue(sheet, cell, v)
		}
		if style != 0 {
			_ = f.SetCellStyle(sheet, cell, cell, style)
		}
	}
	for _, m := range reportMeta(rep) {
		put(overview, 1, row, m[0], st.total)
		put(overview, 2, row, m[1], 0)
		row++
	}
	row++
	put(overview, 1, row, "Tabelle", st.head)
	put(overview, 2, row, "Blatt", st.head)
	_ = f.SetColWidth(overview, "A", "A", 44)
	_ = f.SetColWidth(overview, "B", "B", 90)
	used := map[string]bool{overview: true}
	for i, t := range rep.Tables {
		sheet := sheetName(t, i, used)
		row++
		put(overview, 1, row, t.Title, 0)
		put(overview, 2, row, sheet, 0)
		if err := writeTableSheet(f, sheet, t, st, put); err != nil {
			return nil, err
		}
	}
	_ = f.SetDocProps(&excelize.DocProperties{Title: "MultiPotenzial – Bericht " + rep.Period.From + " bis " + rep.Period.To,
		Creator: "MultiPotenzial", Language: "de-DE"})
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// sheetName is the table's sheet: its short name, unique, at most 31
// characters and none Excel forbids.
func sheetName(t *reportTable, i int, used map[string]bool) string {
	name := t.Sheet
	if name == "" {
		name = fmt.Sprintf("Tabelle %d", i+1)
	}
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, name)
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	for base, n := name, 2; used[name]; n++ {
		name = fmt.Sprintf("%s %d", string([]rune(base)[:min(len([]rune(base)), 28)]), n)
	}
	used[name] = true
	return name
}

func writeTableSheet(f *excelize.File, sheet string, t *reportTable, st xlsxStyles, put func(string, int, int, any, int)) error {
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	put(sheet, 1, 1, t.Title, st.title)
	put(sheet, 1, 3, t.Stub, st.head)
	for j, c := range t.Columns {
		put(sheet, j+2, 3, c.Label, st.head)
	}
	row := 4
	for _, r := range t.Rows {
		labelStyle := st.label
		if r.Total {
			labelStyle = st.total
		}
		put(sheet, 1, row, r.Label, labelStyle)
		for j, c := range r.Cells {
			switch {
			case c.mark() != "":
				put(sheet, j+2, row, c.mark(), st.marker)
			case c.has:
				style := st.integer
				if u := t.Columns[j].Unit; u == unitDays || u == unitPercent {
					style = st.decimal
				}
				if r.Total {
					style = map[int]int{st.integer: st.integerTotal, st.decimal: st.decimalTotal}[style]
				}
				put(sheet, j+2, row, c.value, style)
			}
		}
		row++
	}
	if t.Note != "" {
		put(sheet, 1, row+1, t.Note, st.note)
	}
	_ = f.SetColWidth(sheet, "A", "A", 34)
	last, _ := excelize.ColumnNumberToName(len(t.Columns) + 1)
	return f.SetColWidth(sheet, "B", last, 15)
}
