package e2e

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/pocketbase/dbx"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// A counsellor signs in, finds a self-registered case by keyboard, moves it
// through three states (a step form with an error at its field, a comment, a
// step form whose answer then makes a guard refuse with its reason), adds a
// note and a document (and downloads it again), completes a task, reschedules
// and reassigns another and gives the case to a colleague. The colleague
// of the same Träger, on a tablet, sees every change arrive without reloading
// (and a step they sent after ours is refused with the reason);
// a counsellor of another Träger sees none of it, in the browser or through
// the API. Axe on the main views.
func TestWorkspaceCaseWork(t *testing.T) {
	began := time.Now()
	site := Start(t)
	ref := selfRegister(t, site, "Rasha", "Khalil")
	rec, err := site.App.FindFirstRecordByData("cases", "reference", ref)
	if err != nil {
		t.Fatal(err)
	}
	caseID := rec.Id

	// Another Träger's counsellor and a colleague are at work already.
	other := newDesk(t, site, testapp.BwtwCounsellor, 1024, 768)
	other.login()
	other.open("#/?scope=all")
	other.until("BWTW's inbox", `document.querySelectorAll('[data-testid="inbox-row"]').length > 0`)
	colleague := newDesk(t, site, testapp.LiftCounsellor2, 768, 1024) // a tablet held upright
	colleague.login()
	colleague.open("#/?scope=all")
	colleague.until("the new case in the colleague's inbox", fmt.Sprintf(`document.querySelector('[data-testid="inbox-row"][data-reference=%q]')`, ref))
	colleague.noHorizontalScroll("inbox on a tablet")
	Axe(t, colleague.ctx, "inbox (tablet)")

	me := newDesk(t, site, testapp.LiftCounsellor, 1280, 900)
	me.login()
	Axe(t, me.ctx, "inbox")

	// Find the case by keyboard: all cases, / to search, Esc, j, Enter.
	me.click(`[data-testid="scope-all"]`)
	me.until("all cases", `location.hash.includes('scope=all') && document.querySelector('h1').textContent.includes('Alle')`)
	me.keys("/")
	me.until("the search focused", `document.activeElement?.id === 'inbox-search'`)
	me.keys("Khalil" + kb.Enter)
	me.until("the one case found", fmt.Sprintf(`(r => r.length === 1 && r[0].dataset.reference === %q)(document.querySelectorAll('[data-testid="inbox-row"]'))`, ref))
	me.keys(kb.Escape)
	me.keys("j")
	me.until("the case selected", `document.activeElement?.classList.contains('case-link')`)
	me.keys(kb.Enter)
	me.until("the case view", fmt.Sprintf(`document.querySelector('[data-testid="case-view"]')?.dataset.case === %q`, caseID))
	if me.state() != "angemeldet" {
		t.Fatalf("a new case in %q", me.state())
	}
	me.until("the answers in their form version", `document.querySelector('[data-testid="form-version"]')?.textContent.includes('1')`)
	Axe(t, me.ctx, "case view")

	// The colleague opens the same case and stays on the page from now on.
	colleague.open("#/cases/" + caseID)
	colleague.until("the case at the colleague's", `document.querySelector('[data-testid="case-state"]')`)
	colleague.js(`(window.__noReload = 'yes')`)
	colleague.noHorizontalScroll("case view on a tablet")
	Axe(t, colleague.ctx, "case view (tablet)")

	// 1. A step form: a date in the past is refused at its field.
	me.take("termin_vereinbaren")
	Axe(t, me.ctx, "step form")
	me.setDate("#step-meeting_date", time.Now().AddDate(0, 0, -2).Format(time.DateOnly))
	me.click(`[data-testid="step-submit"]`)
	me.until("the error at the field", `document.querySelector('[data-testid="field-meeting_date"] .error')?.textContent.includes('Vergangenheit')
		&& document.querySelector('[data-testid="error-summary"]')`)
	me.setDate("#step-meeting_date", time.Now().AddDate(0, 0, 7).Format(time.DateOnly))
	me.submitStep("erstgespraech")
	colleague.until("the new state at the colleague's, live", `document.querySelector('[data-testid="case-state"]')?.dataset.state === 'erstgespraech'
		&& document.querySelector('[data-testid="case-notice"]')?.dataset.kind === 'changed'`)

	// 2. No step form: a confirmation with a comment. The colleague has the
	// same step open and sends it after us: refused (409), the case reloads
	// and says why.
	colleague.take("erstgespraech_gefuehrt")
	me.take("erstgespraech_gefuehrt")
	me.typeInto("#step-comment", "Erstgesprach mit Dolmetscherin")
	me.submitStep("profiling")
	colleague.until("the move at the colleague's", `document.querySelector('[data-testid="case-state"]')?.dataset.state === 'profiling'`)
	colleague.click(`[data-testid="step-submit"]`)
	colleague.until("the crossing change refused and explained", `document.querySelector('[data-testid="case-notice"]')?.dataset.kind === 'conflict'
		&& !document.querySelector('[data-testid="step-form"]')`)

	// 3. A step form with a rule: the work permit is only applied for.
	me.take("profiling_abgeschlossen")
	me.click(`[data-testid="field-work_permit"] input[value="applied"]`)
	me.submitStep("foerderplan")

	// The placement's guard refuses, and says why.
	me.until("the refused placement", `document.querySelector('[data-testid="transition-vermitteln"]')?.dataset.allowed === 'false'`)
	if reason := me.text(`[data-testid="reason-vermitteln"]`); !strings.Contains(reason, "gültige Arbeitserlaubnis") {
		t.Fatalf("reason %q", reason)
	}
	me.click(`[data-testid="transition-vermitteln"]`)
	me.until("the reason focused, no step form", `document.activeElement?.id === 'reason-vermitteln' && !document.querySelector('[data-testid="step-form"]')`)
	me.until("three moves in the timeline", `document.querySelectorAll('[data-testid="timeline-item"][data-type="transition"]').length === 3`)
	if got := me.text(`[data-testid="timeline-item"][data-type="transition"]`); !strings.Contains(got, "Profiling → Förderplan") ||
		!strings.Contains(got, "Arbeitserlaubnis (Dokument geprüft)") || !strings.Contains(got, "beantragt") {
		t.Fatalf("the latest timeline entry: %q", got)
	}

	// A note, seen live by the colleague.
	note := "Bringt die Zeugnisse zum Termin mit."
	me.typeInto("#note-body", note)
	me.click(`[data-testid="note-add"]`)
	me.until("the note", fmt.Sprintf(`document.querySelector('[data-testid="note"]')?.textContent.includes(%q)`, note))
	colleague.until("the note at the colleague's, live", fmt.Sprintf(`document.querySelector('[data-testid="note"]')?.textContent.includes(%q)`, note))

	// A document: upload, then download it again with a file token.
	content := []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
	pdf := filepath.Join(t.TempDir(), "lebenslauf.pdf")
	if err := os.WriteFile(pdf, content, 0o600); err != nil {
		t.Fatal(err)
	}
	Run(t, me.ctx, chromedp.SetUploadFiles(chromedp.ID("doc-file"), []string{pdf}))
	me.until("the chosen file", `document.querySelector('[data-testid="doc-chosen"]')?.textContent.includes('lebenslauf.pdf')
		&& document.getElementById('doc-title').value === 'lebenslauf'`)
	me.click(`[data-testid="doc-upload"]`)
	me.until("the document listed", `document.querySelector('[data-testid="document"]')?.textContent.includes('lebenslauf')`)
	colleague.until("the document at the colleague's, live", `document.querySelector('[data-testid="document"]')?.textContent.includes('lebenslauf')`)
	dir := me.downloads()
	me.click(`[data-testid="doc-download"]`)
	if got := downloaded(t, dir); !bytes.Equal(got, content) {
		t.Fatalf("downloaded %q", got)
	}

	// A task done: the first-contact task of the start state.
	first := `[...document.querySelectorAll('[data-testid="task"]')].find(li => li.textContent.includes('Erstkontakt'))`
	me.until("the first-contact task", first)
	taskID := me.js(first + `.dataset.task`)
	me.click(fmt.Sprintf(`[data-task=%q] [data-testid="task-done"]`, taskID))
	me.until("the task done", fmt.Sprintf(`!document.querySelector('[data-testid="task"][data-task=%q]')
		&& document.querySelector('[data-testid="task-status"]').textContent.includes('erledigt')`, taskID))
	colleague.until("the task done at the colleague's, live", fmt.Sprintf(`!document.querySelector('[data-testid="task"][data-task=%q]')`, taskID))
	// Another task rescheduled and given to the colleague; the case too.
	colleagueID := userID(t, site, testapp.LiftCounsellor2)
	skills := `[...document.querySelectorAll('[data-testid="task"]')].find(li => li.textContent.includes('Kompetenzfeststellung'))`
	me.until("the skills task", skills)
	otherTask := me.js(skills + `.dataset.task`)
	due := time.Now().AddDate(0, 0, 10).Format(time.DateOnly)
	me.click(fmt.Sprintf(`[data-task=%q] [data-testid="task-edit"]`, otherTask))
	me.setDate(fmt.Sprintf(`[data-task=%q] [data-testid="task-due-input"]`, otherTask), due)
	me.choose(fmt.Sprintf(`[data-task=%q] [data-testid="task-assignee-input"]`, otherTask), colleagueID)
	me.click(fmt.Sprintf(`[data-task=%q] [data-testid="task-save"]`, otherTask))
	me.until("the task rescheduled and reassigned", fmt.Sprintf(`document.querySelector('[data-task=%q]')?.textContent.includes('Aylin Kaya')`, otherTask))
	me.choose(`[data-testid="assign-select"]`, colleagueID)
	me.click(`[data-testid="assign-save"]`)
	colleague.until("the case given to the colleague, live", `document.querySelector('[data-testid="assignee"]')?.textContent.includes('Aylin Kaya')
		&& document.querySelector('[data-testid="timeline-item"][data-type="assigned"]')`)
	if task, _ := site.App.FindRecordById("tasks", otherTask); task == nil || task.GetString("assignee") != colleagueID ||
		task.GetDateTime("due").Time().Local().Format(time.DateOnly) != due {
		t.Fatalf("rescheduled task: %v", task)
	}

	if colleague.js(`window.__noReload || ''`) != "yes" {
		t.Fatal("the colleague's page was reloaded")
	}
	Axe(t, me.ctx, "case view after the work")

	checkStored(t, site, caseID, taskID, note)
	checkOtherTragerSeesNothing(t, site, other, ref, caseID, note)
	t.Logf("case work with three browsers: %v", time.Since(began).Round(time.Millisecond))
}

// checkStored reads what the workspace wrote, and by whom.
func checkStored(t *testing.T, site *Site, caseID, taskID, note string) {
	t.Helper()
	app := site.App
	me, err := app.FindAuthRecordByEmail("users", testapp.LiftCounsellor)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := app.FindRecordById("cases", caseID)
	if c.GetString("state") != "foerderplan" {
		t.Fatalf("stored state %q", c.GetString("state"))
	}
	var moves []string
	err = app.DB().Select("to").From("case_events").Where(dbx.HashExp{"case": caseID, "type": "transition", "actor": me.Id}).
		OrderBy("created").Column(&moves)
	if err != nil || strings.Join(moves, ",") != "erstgespraech,profiling,foerderplan" {
		t.Fatalf("transition events by the counsellor: %v %v", moves, err)
	}
	n, _ := app.FindFirstRecordByData("case_notes", "case", caseID)
	d, _ := app.FindFirstRecordByData("case_documents", "case", caseID)
	task, _ := app.FindRecordById("tasks", taskID)
	switch {
	case n == nil || n.GetString("body") != note || n.GetString("author") != me.Id:
		t.Fatalf("note %v", n)
	case d == nil || d.GetString("uploaded_by") != me.Id || d.GetString("file") == "":
		t.Fatalf("document %v", d)
	case task == nil || !task.GetBool("done") || task.GetString("done_by") != me.Id:
		t.Fatalf("task %v", task)
	}
}

// checkOtherTragerSeesNothing: BWTW's counsellor finds neither the case nor
// its note or document, in the browser (search, the case's address, the live
// inbox) or through the API (record lists, the file with their own token).
func checkOtherTragerSeesNothing(t *testing.T, site *Site, other *desk, ref, caseID, note string) {
	t.Helper()
	for _, leak := range []string{ref, "Khalil", note} {
		if strings.Contains(other.js(`document.body.innerText`), leak) {
			t.Fatalf("BWTW's inbox shows %q", leak)
		}
	}
	other.open("#/?scope=all&q=Khalil")
	other.until("nothing found", `document.querySelector('[data-testid="inbox-status"]')?.textContent.includes('Keine Fälle')`)
	other.open("#/cases/" + caseID)
	other.until("the case refused", `document.querySelector('[data-testid="case-failure"]')`)
	if body := other.js(`document.body.innerText`); strings.Contains(body, "Khalil") || strings.Contains(body, ref) {
		t.Fatalf("BWTW's counsellor sees the case: %.300s", body)
	}

	token := testapp.Token(t, site.App, testapp.BwtwCounsellor)
	for _, col := range []string{"cases", "case_events", "case_notes", "case_documents", "tasks"} {
		field := "case"
		if col == "cases" {
			field = "id"
		}
		q := "?filter=" + url.QueryEscape(fmt.Sprintf("%s='%s'", field, caseID))
		status, res := call(t, site, http.MethodGet, "/api/collections/"+col+"/records"+q, token, nil, nil)
		if status != 200 || res["totalItems"] != 0.0 {
			t.Fatalf("%s of the LIFT case for BWTW: %d %v", col, status, res)
		}
	}
	d, err := site.App.FindFirstRecordByData("case_documents", "case", caseID)
	if err != nil {
		t.Fatal(err)
	}
	_, ft := call(t, site, http.MethodPost, "/api/files/token", token, nil, nil)
	status, _ := call(t, site, http.MethodGet, fmt.Sprintf("/api/files/case_documents/%s/%s?token=%v", d.Id, d.GetString("file"), ft["token"]), "", nil, nil)
	if status != http.StatusNotFound {
		t.Fatalf("the document with BWTW's file token: %d", status)
	}
}
