package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/demo/content"
	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// setDate sets a date input as a pick in the browser's date picker does
// (the DevTools protocol cannot open the picker).
func (s *studio) setDate(css, iso string) {
	s.t.Helper()
	s.until("the date input "+css, `document.querySelector(`+jsString(css)+`)`)
	Run(s.t, s.ctx, chromedp.Focus(chromedp.CSS(css)))
	got := s.js(`(e => { e.value = ` + jsString(iso) + `; e.dispatchEvent(new Event('input', {bubbles: true}));
		e.dispatchEvent(new Event('change', {bubbles: true})); return e.value })(document.querySelector(` + jsString(css) + `))`)
	if got != iso {
		s.t.Fatalf("date %s: set %q, shows %q", css, iso, got)
	}
}

// stored counts what a case leaves in the database.
func stored(t *testing.T, app core.App) string {
	t.Helper()
	var out []string
	for _, c := range []string{"cases", "case_events", "tasks", "timers", "notifications", "participants", "workflow_versions"} {
		n, err := app.CountRecords(c)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s=%d", c, n))
	}
	return strings.Join(out, " ")
}

// LIFT's admin tries the demo workflow "Integrationsbegleitung" on a sample
// case in the studio: the participant reported a work permit at the intake;
// 20 days pass (the SLA of "angemeldet" fires), a meeting is arranged and
// held, the profiling ends with the permit only applied for, and the
// placement is refused by its guard, with the admin's reason. The path shows
// on the diagram; nothing is stored. Built and run with the keyboard where a
// person would; axe on the empty and the filled view.
func TestStudioSimulate(t *testing.T) {
	site := Start(t)
	offer := testapp.First(t, site.App, "offer_types", "lift")
	before := stored(t, site.App)
	s := newStudio(t, site, 1400, 1000)
	s.login(testapp.LiftAdmin)
	s.open("#/offers/" + offer.Id + "/workflow")
	s.until("the workflow editor", `document.querySelector('[data-testid="wf-view-simulate"]')`)
	s.click(`[data-testid="wf-view-simulate"]`)
	s.until("the simulation", `document.querySelector('[data-testid="simulation"] [data-testid="sim-run"]')`)
	s.until("the focus on the heading", `document.activeElement?.matches('.tab-panel h2') && document.activeElement.textContent === 'Ablauf simulieren'`)
	if got := s.js(`document.querySelector('[data-testid="wf-view-simulate"]').getAttribute('aria-current')`); got != "page" {
		t.Fatalf("the simulate view is not marked current: %q", got)
	}
	Axe(t, s.ctx, "simulation, empty")

	// The sample case: the work permit as reported at the intake, 34 years old.
	s.choose(`[data-testid="sim-add-field"]`, "work_permit")
	s.click(`[data-testid="sim-add-answer"]`)
	s.until("the focus on the new answer", `document.activeElement?.id === 'sim-answer-work_permit'`)
	s.choose(`[data-testid="sim-answer-work_permit"]`, "yes")
	s.typeInto(`[data-testid="sim-age"]`, "34")
	if got := s.js(`document.querySelector('[data-testid="sim-answers-json"]').value.replace(/\s+/g, '')`); got != `{"work_permit":"yes"}` {
		t.Fatalf("the answers as JSON: %s", got)
	}

	// The steps: 20 days, then four transitions.
	s.click(`[data-testid="sim-add-wait"]`)
	s.typeInto(`[data-testid="sim-step-0-days"]`, "20")
	take := func(i int, transition string) {
		t.Helper()
		s.click(`[data-testid="sim-add-take"]`)
		s.until(fmt.Sprintf("step %d focused", i+1), fmt.Sprintf(`document.activeElement?.id === 'sim-step-%d-take'`, i))
		s.choose(fmt.Sprintf(`[data-testid="sim-step-%d-take"]`, i), transition)
	}
	take(1, "termin_vereinbaren")
	s.setDate(`[data-testid="sim-step-1-f-meeting_date"]`, "2026-01-27")
	take(2, "erstgespraech_gefuehrt")
	take(3, "profiling_abgeschlossen")
	s.choose(`[data-testid="sim-step-3-f-work_permit"]`, "applied")
	take(4, "vermitteln")
	if n := s.count(`[data-testid="sim-step-4"] [data-testid^="sim-step-4-f-"]`); n != 3 {
		t.Fatalf("the placement's step form has %d fields shown, want 3", n)
	}

	// Run it with the keyboard; the focus lands on the result.
	Run(t, s.ctx, chromedp.Focus(chromedp.CSS(`[data-testid="sim-run"]`)), chromedp.KeyEvent("\r"))
	s.until("the trace", `document.querySelectorAll('[data-testid="sim-trace"] [data-testid="trace-step"]').length === 6`)
	s.until("the focus on the result", `document.activeElement?.id === 'sim-result-h'`)
	steps := s.js(`[...document.querySelectorAll('[data-testid="trace-step"]')].map(e => e.dataset.kind + ':' + e.dataset.from + '>' + e.dataset.to + ':' + e.dataset.result).join(' ')`)
	if want := "start:>angemeldet:ok wait:angemeldet>angemeldet:ok take:angemeldet>erstgespraech:ok take:erstgespraech>profiling:ok take:profiling>foerderplan:ok take:foerderplan>foerderplan:refused"; steps != want {
		t.Fatalf("trace steps\n got %s\nwant %s", steps, want)
	}
	step := func(i int) string { return fmt.Sprintf(`[data-testid="trace-step"]:nth-child(%d)`, i+1) }

	// The wait fired the SLA of "angemeldet" (due after 14 days) with its task and email.
	fired := step(1) + ` [data-testid="sim-fired"] > li`
	if s.count(fired) != 1 || s.js(`document.querySelector('`+fired+`').dataset.kind + '/' + document.querySelector('`+fired+`').dataset.result`) != "sla/fired" {
		t.Fatalf("the wait fired: %s", s.text(step(1)))
	}
	if got := s.text(fired); !strings.Contains(got, "Frist im Status „Angemeldet“ – ausgelöst, fällig 19.01.2026") ||
		!strings.Contains(got, "Erstkontakt überfällig: Fall SIM-1 zuweisen oder übernehmen") {
		t.Fatalf("the SLA as shown: %q", got)
	}
	// The start set the case field from the intake answer; the meeting's date went into a case field.
	if got := s.text(step(0)); !strings.Contains(got, "Arbeitserlaubnis = laut Anmeldung vorhanden (nicht geprüft)") {
		t.Fatalf("the start: %q", got)
	}
	if got := s.text(step(2)); !strings.Contains(got, "Angemeldet → Erstgespräch") || !strings.Contains(got, "Termin Erstgespräch = 27.01.2026") ||
		!strings.Contains(got, "Tag 20") {
		t.Fatalf("the meeting arranged: %q", got)
	}
	// The placement: refused by the guard, with the admin's reason, also among the options.
	refusal := step(5) + ` [data-testid="sim-error"]`
	if code := s.js(`document.querySelector('` + refusal + `')?.dataset.code || ''`); code != "guard_false" {
		t.Fatalf("the placement's refusal code %q (%s)", code, s.text(step(5)))
	}
	reason := "Eine Vermittlung ist erst möglich, wenn eine gültige Arbeitserlaubnis geprüft und erfasst ist"
	if got := s.text(refusal); !strings.HasPrefix(got, "Abgelehnt: Die Bedingung ist nicht erfüllt: „"+reason) {
		t.Fatalf("the refusal as shown: %q", got)
	}
	option := step(5) + ` [data-option="vermitteln"]`
	if s.js(`document.querySelector('`+option+`').dataset.allowed`) != "false" || !strings.Contains(s.text(option), "nicht erlaubt") || !strings.Contains(s.text(option), reason) {
		t.Fatalf("the placement among the options: %q", s.text(option))
	}
	if got := s.text(`[data-testid="sim-summary"]`); got != "Der Fall steht am Ende im Status „Förderplan“ (nach 20 Tagen). Abgelehnte Schritte: 1." {
		t.Fatalf("summary %q", got)
	}

	// The path on the diagram.
	visited := s.js(`[...document.querySelectorAll('[data-testid="diagram"] [data-visited="true"]')].map(e => e.dataset.testid.slice(13)).join(' ')`)
	if visited != "angemeldet erstgespraech profiling foerderplan" {
		t.Fatalf("states visited on the diagram: %q", visited)
	}
	taken := s.js(`[...document.querySelectorAll('[data-testid="diagram"] .edge.taken')].map(e => e.dataset.testid.slice(13) + '@' + e.dataset.from).join(' ')`)
	if taken != "termin_vereinbaren@angemeldet erstgespraech_gefuehrt@erstgespraech profiling_abgeschlossen@profiling" {
		t.Fatalf("edges taken on the diagram: %q", taken)
	}
	if got := s.js(`[...document.querySelectorAll('[data-testid="diagram"] .edge.refused')].map(e => e.dataset.testid.slice(13) + '@' + e.dataset.from).join(' ')`); got != "vermitteln@foerderplan" {
		t.Fatalf("edge refused on the diagram: %q", got)
	}
	if !strings.Contains(s.js(`document.getElementById('diagram-desc').textContent`), "Weg der Simulation: Angemeldet → Erstgespräch → Profiling → Förderplan") {
		t.Fatal("the diagram's description does not name the path")
	}
	Axe(t, s.ctx, "simulation with its trace")
	s.shot("trace")

	// A changed sample case makes the result stale until it runs again.
	s.typeInto(`[data-testid="sim-age"]`, "35")
	s.until("the result marked stale", `document.querySelector('[data-testid="sim-stale"]')`)

	// The scenario stays while the admin looks elsewhere in the editor.
	s.tab("publish")
	s.tab("workflow")
	s.click(`[data-testid="wf-view-simulate"]`)
	s.until("the scenario kept", `document.querySelectorAll('[data-testid^="sim-step-"][data-kind]').length === 5 && document.querySelector('[data-testid="sim-trace"]')`)

	// Nothing was stored or sent.
	if after := stored(t, site.App); after != before {
		t.Fatalf("the simulation stored something:\n%s\n%s", before, after)
	}
	if n := site.App.TestMailer.TotalSend(); n != 0 {
		t.Fatalf("%d mails sent", n)
	}
}

// A second version of LIFT's workflow is published (the state "erstgespraech"
// renamed); the open cases stay on version 1 until LIFT's admin moves them in
// the studio: the history shows their number, the dry run the open cases per
// state and that the renamed state needs a target; mapped and confirmed, the
// cases move — each on version 2 with a "migrated" event.
func TestStudioMigrateCases(t *testing.T) {
	site := Start(t)
	offer := testapp.First(t, site.App, "offer_types", "lift")
	v1 := offer.GetString("workflow_version")
	var open []*core.Record
	if err := site.App.RecordQuery("cases").AndWhere(dbx.HashExp{"workflow_version": v1, "closed": ""}).All(&open); err != nil || len(open) != 4 {
		t.Fatalf("LIFT's open cases on version 1: %d %v", len(open), err)
	}
	before := map[string]string{}
	for _, c := range open {
		before[c.Id] = c.GetString("state")
	}

	def := strings.ReplaceAll(string(content.IntakeWorkflow), `"erstgespraech"`, `"erstgespraech_geplant"`)
	status, body := api(t, site, testapp.LiftAdmin, "POST", "/api/mp/offers/"+offer.Id+"/workflow/publish", `{"definition": `+def+`, "note": "Erstgespräch umbenannt"}`)
	if status != 201 || !strings.Contains(body, `"version":2`) {
		t.Fatalf("publishing version 2: %d %.300s", status, body)
	}
	v2 := func() string {
		o, _ := site.App.FindRecordById("offer_types", offer.Id)
		return o.GetString("workflow_version")
	}()

	s := newStudio(t, site, 1280, 1000)
	s.login(testapp.LiftAdmin)
	s.open("#/offers/" + offer.Id + "/publish")
	row := `[data-testid="version-workflow-1"]`
	s.until("the open cases of version 1", `document.querySelector('`+row+` [data-testid="open-cases"]')?.textContent.trim() === '4'`)
	if got := s.text(`[data-testid="version-workflow-2"] [data-testid="open-cases"]`); got != "0" {
		t.Fatalf("open cases of version 2: %q", got)
	}
	if s.count(`[data-testid="migrate-open-2"]`) != 0 {
		t.Fatal("the current version offers to move its cases")
	}
	if got := s.text(`[data-testid="versions-explain"]`); !strings.Contains(got, "Laufende Fälle bleiben auf der Version") {
		t.Fatalf("the history does not say that cases stay: %q", got)
	}

	// The dry run: the renamed state has no target yet.
	s.click(`[data-testid="migrate-open-1"]`)
	s.until("the mapping", `document.querySelector('[data-testid="migrate-row-erstgespraech"]')`)
	s.until("the dry run refused", `document.querySelector('[data-testid="migrate-status"]')?.textContent.includes('noch nicht vollständig')`)
	s.until("the focus on the panel", `document.activeElement?.id === 'migrate-h'`)
	if got := s.text(`[data-testid="migrate"] p`); !strings.Contains(got, "Ohne diesen Schritt bleiben die Fälle auf Version 1") {
		t.Fatalf("the panel does not explain that cases stay: %q", got)
	}
	unmapped := `[data-testid="migrate-row-erstgespraech"] .diags li`
	if s.js(`document.querySelector('`+unmapped+`')?.dataset.code || ''`) != "migration_unmapped" ||
		!strings.Contains(s.text(unmapped), "Fälle in diesem Status brauchen einen Status der aktuellen Version") {
		t.Fatalf("the unmapped state: %q", s.text(`[data-testid="migrate-row-erstgespraech"]`))
	}
	if got := s.js(`document.getElementById('migrate-erstgespraech').getAttribute('aria-invalid')`); got != "true" {
		t.Fatalf("the unmapped state's list is not marked invalid: %q", got)
	}
	if !Eval[bool](t, s.ctx, `document.querySelector('[data-testid="migrate-start"]').disabled`) {
		t.Fatal("moving is possible with an incomplete mapping")
	}
	if got := s.js(`document.getElementById('migrate-angemeldet').value`); got != "angemeldet" {
		t.Fatalf("the same key is not the default: %q", got)
	}
	Axe(t, s.ctx, "migration with a diagnostic")
	s.shot("unmapped")

	// Mapped: the dry run counts the open cases per state.
	s.choose(`[data-testid="migrate-target-erstgespraech"]`, "erstgespraech_geplant")
	s.until("the dry run counted", `document.querySelector('[data-testid="migrate-status"]')?.textContent.includes('4 offene Fälle können')`)
	counts := s.js(`[...document.querySelectorAll('[data-testid^="migrate-row-"]')].filter(r => r.dataset.count !== '0').map(r => r.dataset.testid.slice(12) + '=' + r.dataset.count).join(' ')`)
	if counts != "angemeldet=1 erstgespraech=1 foerderplan=1 in_massnahme=1" {
		t.Fatalf("open cases per state: %q", counts)
	}
	for id, state := range before {
		if c, _ := site.App.FindRecordById("cases", id); c.GetString("workflow_version") != v1 || c.GetString("state") != state {
			t.Fatalf("a dry run moved case %s", id)
		}
	}
	Axe(t, s.ctx, "migration ready")
	s.shot("ready")

	// Confirmed: the cases move.
	s.click(`[data-testid="migrate-start"]`)
	s.until("the confirmation", `document.activeElement?.dataset.testid === 'migrate-confirm'`)
	if got := s.text(`[data-testid="migrate-confirm-box"] p`); got != "4 offene Fälle werden von Version 1 auf Version 2 übertragen. Das lässt sich nicht rückgängig machen." {
		t.Fatalf("confirmation %q", got)
	}
	s.click(`[data-testid="migrate-confirm"]`)
	s.until("moved", `document.querySelector('[data-testid="migrate-result"]')?.dataset.moved === '4'`)
	if got := s.text(`[data-testid="migrate-result"]`); got != "4 Fälle auf Version 2 übertragen." {
		t.Fatalf("result %q", got)
	}
	s.until("nothing left on version 1", `document.querySelector('`+row+` [data-testid="open-cases"]')?.textContent.trim() === '0' && !document.querySelector('[data-testid="migrate-open-1"]')`)
	s.until("the panel says so", `document.querySelector('[data-testid="migrate-status"]')?.textContent.includes('Version 1 hat keine offenen Fälle')`)

	for id, state := range before {
		c, err := site.App.FindRecordById("cases", id)
		if err != nil {
			t.Fatal(err)
		}
		want := state
		if state == "erstgespraech" {
			want = "erstgespraech_geplant"
		}
		if c.GetString("workflow_version") != v2 || c.GetString("state") != want {
			t.Errorf("case %s: version %s state %q, want %s %q", c.GetString("reference"), c.GetString("workflow_version"), c.GetString("state"), v2, want)
		}
		ev, err := site.App.FindFirstRecordByFilter("case_events", "case = {:c} && type = 'migrated'", dbx.Params{"c": id})
		if err != nil {
			t.Errorf("case %s has no migrated event: %v", c.GetString("reference"), err)
			continue
		}
		if ev.GetString("from") != state || ev.GetString("to") != want {
			t.Errorf("case %s: migrated event %q → %q", c.GetString("reference"), ev.GetString("from"), ev.GetString("to"))
		}
	}
}
