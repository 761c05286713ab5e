package hooks

import (
	"net/http"
	"regexp"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
)

// Funder reporting: figures without names (docs/REPORTING.md).
//
//	GET /api/mp/reports/tenant?from=YYYY-MM&to=YYYY-MM&format=json|csv|xlsx
//	    tenant admins and counsellors: their own Träger, exact figures
//	GET /api/mp/reports/network?from=…&to=…&format=…
//	    network admins: every Träger and the network, small counts suppressed
func bindReportRoutes(app core.App, s *service) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		g := se.Router.Group("/api/mp/reports").Bind(apis.RequireAuth("users"))
		g.GET("/tenant", s.handleTenantReport)
		g.GET("/network", s.handleNetworkReport)
		return se.Next()
	})
}

// maxReportMonths bounds a report's period (two years, for comparisons).
const maxReportMonths = 24

func (s *service) handleTenantReport(e *core.RequestEvent) error {
	c := callerOf(e.Auth)
	if !c.isTenantStaff() {
		return reportForbidden(e, "Only the staff of a Träger see its report.")
	}
	p, format, ok := s.reportQuery(e)
	if !ok {
		return nil
	}
	tenants, err := loadTenants(e.App, []string{c.Tenant})
	if err != nil || len(tenants) != 1 {
		return e.InternalServerError("", err)
	}
	var rep *report
	err = readSnapshot(e.App, func(db dbx.Builder) error {
		rep, err = s.tenantReport(e.App, db, tenants[0], p)
		return err
	})
	if err != nil {
		return e.InternalServerError("", err)
	}
	return writeReport(e, rep, format, tenants[0].Slug)
}

func (s *service) handleNetworkReport(e *core.RequestEvent) error {
	c := callerOf(e.Auth)
	if c.Kind != callerStaff || c.Role != RoleNetworkAdmin || c.Tenant != "" {
		return reportForbidden(e, "Only network admins see the network report.")
	}
	p, format, ok := s.reportQuery(e)
	if !ok {
		return nil
	}
	var rep *report
	err := readSnapshot(e.App, func(db dbx.Builder) error {
		var err error
		rep, err = s.networkReport(e.App, db, p)
		return err
	})
	if err != nil {
		return e.InternalServerError("", err)
	}
	return writeReport(e, rep, format, "netzwerk")
}

func reportForbidden(e *core.RequestEvent, message string) error {
	return writeError(e, http.StatusForbidden, message,
		map[string]any{"_form": map[string]string{"code": "report_not_allowed", "message": message}})
}

var reportMonthPattern = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])$`)

// reportQuery reads from, to (default: January of this year to this month,
// in Europe/Berlin) and format (default json); on a bad value it answers
// 400 with the field's error and returns ok false.
func (s *service) reportQuery(e *core.RequestEvent) (p reportPeriod, format string, ok bool) {
	now := s.now().In(berlinZone)
	current := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, berlinZone)
	month := func(field string, def time.Time) (time.Time, bool) {
		v := e.Request.URL.Query().Get(field)
		if v == "" {
			return def, true
		}
		if !reportMonthPattern.MatchString(v) {
			return time.Time{}, false
		}
		t, err := time.ParseInLocation("2006-01", v, berlinZone)
		return t, err == nil && t.Year() >= 2000
	}
	to, good := month("to", current)
	if !good {
		return p, "", reportFail(e, "to", "report_month_invalid", "Use a month as YYYY-MM.")
	}
	from, good := month("from", time.Date(to.Year(), 1, 1, 0, 0, 0, 0, berlinZone))
	switch {
	case !good:
		return p, "", reportFail(e, "from", "report_month_invalid", "Use a month as YYYY-MM.")
	case to.After(current):
		return p, "", reportFail(e, "to", "report_period_future", "The period cannot end after this month.")
	case from.After(to):
		return p, "", reportFail(e, "from", "report_period_reversed", "The period starts after it ends.")
	case monthsBetween(from, to) > maxReportMonths:
		return p, "", reportFail(e, "from", "report_period_too_long", "A report covers at most 24 months.")
	}
	format = e.Request.URL.Query().Get("format")
	switch format {
	case "":
		format = "json"
	case "json", "csv", "xlsx":
	default:
		return p, "", reportFail(e, "format", "report_format_invalid", "Use json, csv or xlsx.")
	}
	return newReportPeriod(from, to, s.now()), format, true
}

// reportFail answers 400 with one field error; it returns false for reportQuery.
func reportFail(e *core.RequestEvent, field, code, message string) bool {
	_ = writeFieldError(e, field, code, message)
	return false
}

func monthsBetween(from, to time.Time) int {
	return (to.Year()-from.Year())*12 + int(to.Month()-from.Month()) + 1
}

// readSnapshot runs fn in one read transaction, so that every aggregate of
// a report sees the same data (the network report's tables share totals).
func readSnapshot(app core.App, fn func(dbx.Builder) error) error {
	db, ok := app.ConcurrentDB().(*dbx.DB)
	if !ok {
		return fn(app.ConcurrentDB())
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}

func periodOut(p reportPeriod) reportPeriodOut {
	months := make([]string, len(p.Months))
	for i, m := range p.Months {
		months[i] = m.Key
	}
	return reportPeriodOut{From: p.From, To: p.To, Months: months, Cutoff: p.Cutoff.UTC().Format(time.RFC3339)}
}

func pbNow(s *service) string { return s.now().UTC().Format(time.RFC3339) }

// writeReport answers the report as JSON, CSV or XLSX (a download named
// after the Träger and the period). Nobody caches it.
func writeReport(e *core.RequestEvent, rep *report, format, name string) error {
	e.Response.Header().Set("Cache-Control", "no-store")
	if format == "json" {
		return e.JSON(http.StatusOK, rep)
	}
	var body []byte
	var err error
	contentType := "text/csv; charset=utf-8"
	if format == "csv" {
		body, err = reportCSV(rep)
	} else {
		body, err = reportXLSX(rep)
		contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	if err != nil {
		return e.InternalServerError("", err)
	}
	file := "multipotenzial-bericht-" + name + "-" + rep.Period.From + "-bis-" + rep.Period.To + "." + format
	e.Response.Header().Set("Content-Disposition", `attachment; filename="`+file+`"`)
	return e.Blob(http.StatusOK, contentType, body)
}
