package hooks

import (
	"fmt"
	"html/template"
	"io"
	"maps"
	"slices"
)

// exportPage is the printable export: German headings (the Träger's
// language of record) with every value as stored.
var exportPage = template.Must(template.New("export").Funcs(template.FuncMap{
	"keys":        sortedKeys,
	"show":        func(v any) string { return fmt.Sprint(v) },
	"collections": func(m map[string][]map[string]any) []string { return slices.Sorted(maps.Keys(m)) },
}).Parse(`<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Auskunft über gespeicherte Daten</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse;margin:0 0 1.5rem;width:100%}
th,td{border:1px solid #999;padding:.3rem .5rem;text-align:start;vertical-align:top}th{background:#eee;width:14rem}
@media print{body{margin:0}}</style></head><body>
<h1>Auskunft über gespeicherte Daten</h1>
<p>Nach Art. 15 und 20 DSGVO: alle zu Ihrer Person gespeicherten Angaben, erstellt am {{.Generated}}.
Angaben über Mitarbeitende sind als „staff“ ersetzt.</p>
<h2>Person</h2>{{template "rec" .Participant}}
<h2>Einwilligungen</h2>{{range .Consents}}{{template "rec" .}}{{else}}<p>Keine.</p>{{end}}
{{range $name := collections .Records}}<h2>{{$name}}</h2>{{range index $.Records $name}}{{template "rec" .}}{{end}}{{end}}
<h2>Dateien</h2>{{range .Files}}<p>{{.Collection}} / {{.Record}}: {{.Name}}</p>{{else}}<p>Keine.</p>{{end}}
{{if .LeftOut}}<h2>Nicht enthalten</h2>{{range .LeftOut}}<p>{{.Collection}}{{if .Field}} ({{.Field}}){{end}}: {{.Count}} – {{.Reason}}</p>{{end}}{{end}}
</body></html>
{{define "rec"}}<table>{{range $k := keys .}}<tr><th scope="row">{{$k}}</th><td>{{show (index $ $k)}}</td></tr>{{end}}</table>{{end}}`))

func renderExportHTML(w io.Writer, ex *PersonExport) error { return exportPage.Execute(w, ex) }
