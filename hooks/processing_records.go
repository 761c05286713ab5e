package hooks

import (
	"html/template"
	"net/http"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/forms"
)

// DefaultRetentionDays is how long after a case closes its personal data is
// kept when the offer type sets no period.
const DefaultRetentionDays = 3 * 365

// ProcessingActivity is one entry of the record of processing activities
// (GDPR Art. 30(1)), generated from an offer type's published form.
type ProcessingActivity struct {
	Controller    string   `json:"controller"`
	Offer         string   `json:"offer"`
	Purpose       string   `json:"purpose"`
	FormVersion   int      `json:"form_version"`
	DataSubjects  string   `json:"data_subjects"`
	Data          []string `json:"data"`             // field labels, German
	Sensitive     []string `json:"sensitive"`        // labels of sensitive fields
	Special       []string `json:"special_category"` // GDPR Art. 9
	Consents      []string `json:"consents"`         // purpose (text version)
	LegalBasis    []string `json:"legal_basis"`
	Recipients    string   `json:"recipients"`
	RetentionDays int      `json:"retention_days"`
	Measures      string   `json:"technical_measures"`
}

const technicalMeasures = "Zugriff nur für Mitarbeitende des Trägers (rollenbasiert, je Träger getrennt); " +
	"besondere Kategorien nur für zuständige Fachkraft und Träger-Admin, jeder Zugriff protokolliert; " +
	"Änderungsprotokoll mit Hash-Verkettung; Sitzungen höchstens 8 Stunden; tägliche Sicherungen; " +
	"Löschung und Anonymisierung nach Frist (siehe README, Betrieb)."

// handleProcessingRecords: GET /api/mp/processing-records?format=json|html —
// tenant admins get their Träger's register, network admins every Träger's.
func (s *service) handleProcessingRecords(e *core.RequestEvent) error {
	c := callerOf(e.Auth)
	var filter dbx.Expression
	switch {
	case c.Role == RoleTenantAdmin && c.Tenant != "":
		filter = dbx.HashExp{"tenant": c.Tenant}
	case c.Role == RoleNetworkAdmin:
		filter = dbx.Not(dbx.HashExp{"tenant": ""})
	default:
		return e.ForbiddenError("Only admins read the record of processing activities.", nil)
	}
	offers, err := e.App.FindAllRecords("offer_types", filter, dbx.Not(dbx.HashExp{"form_version": ""}))
	if err != nil {
		return err
	}
	var out []ProcessingActivity
	for _, o := range offers {
		a, err := s.activityOf(e.App, o)
		if err != nil {
			return e.InternalServerError("The register could not be generated.", err)
		}
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b ProcessingActivity) int { return strings.Compare(a.Controller+a.Offer, b.Controller+b.Offer) })
	if e.Request.URL.Query().Get("format") == "html" {
		e.Response.Header().Set("Content-Type", "text/html; charset=utf-8")
		return registerPage.Execute(e.Response, out)
	}
	return e.JSON(http.StatusOK, map[string]any{"activities": out})
}

func (s *service) activityOf(app core.App, o *core.Record) (ProcessingActivity, error) {
	f, ref, err := s.formVersion(app, o.GetString("form_version"))
	if err != nil {
		return ProcessingActivity{}, err
	}
	tenant, _ := app.FindRecordById("tenants", o.GetString("tenant"))
	a := ProcessingActivity{Offer: localizedJSON(o, "title", "de"), Purpose: localizedJSON(o, "description", "de"),
		FormVersion: ref.Number, DataSubjects: "Teilnehmende (Asylberechtigte und anerkannte Geflüchtete)",
		RetentionDays: o.GetInt("retention_days"), Measures: technicalMeasures,
		LegalBasis: []string{"Einwilligung, Art. 6 Abs. 1 lit. a DSGVO"},
		Recipients: "Keine Übermittlung an Dritte, außer mit gesonderter Einwilligung (siehe Einwilligungen)."}
	if tenant != nil {
		a.Controller = tenant.GetString("name")
	}
	if a.RetentionDays == 0 {
		a.RetentionDays = DefaultRetentionDays
	}
	for _, info := range f.Fields() {
		if info.Type == forms.TypeInfo {
			continue
		}
		label := info.Label.Get("de")
		switch info.Sensitivity {
		case forms.Special:
			a.Special = append(a.Special, label)
		case forms.Sensitive:
			a.Sensitive = append(a.Sensitive, label)
		default:
			a.Data = append(a.Data, label)
		}
	}
	for _, c := range f.Consents() {
		a.Consents = append(a.Consents, c.Purpose+" ("+c.Version+")")
	}
	if len(a.Special) > 0 {
		a.LegalBasis = append(a.LegalBasis, "ausdrückliche Einwilligung, Art. 9 Abs. 2 lit. a DSGVO")
	}
	return a, nil
}

var registerPage = template.Must(template.New("art30").Parse(`<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Verzeichnis von Verarbeitungstätigkeiten</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse;width:100%;margin-bottom:2rem}
th,td{border:1px solid #999;padding:.3rem .5rem;text-align:start;vertical-align:top}th{width:14rem;background:#eee}</style></head><body>
<h1>Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO)</h1>
{{range .}}<h2>{{.Controller}}: {{.Offer}}</h2><table>
<tr><th scope="row">Zweck</th><td>{{.Purpose}}</td></tr>
<tr><th scope="row">Betroffene</th><td>{{.DataSubjects}}</td></tr>
<tr><th scope="row">Daten</th><td>{{range $i, $d := .Data}}{{if $i}}, {{end}}{{$d}}{{end}}</td></tr>
<tr><th scope="row">Sensible Daten</th><td>{{range $i, $d := .Sensitive}}{{if $i}}, {{end}}{{$d}}{{end}}</td></tr>
<tr><th scope="row">Besondere Kategorien (Art. 9)</th><td>{{range $i, $d := .Special}}{{if $i}}, {{end}}{{$d}}{{end}}</td></tr>
<tr><th scope="row">Einwilligungen</th><td>{{range $i, $d := .Consents}}{{if $i}}, {{end}}{{$d}}{{end}}</td></tr>
<tr><th scope="row">Rechtsgrundlage</th><td>{{range $i, $d := .LegalBasis}}{{if $i}}; {{end}}{{$d}}{{end}}</td></tr>
<tr><th scope="row">Empfänger</th><td>{{.Recipients}}</td></tr>
<tr><th scope="row">Löschfrist</th><td>{{.RetentionDays}} Tage nach Abschluss des Falls</td></tr>
<tr><th scope="row">Formularversion</th><td>{{.FormVersion}}</td></tr>
<tr><th scope="row">Technische und organisatorische Maßnahmen</th><td>{{.Measures}}</td></tr>
</table>{{else}}<p>Keine veröffentlichten Angebote.</p>{{end}}</body></html>`))
