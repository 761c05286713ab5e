package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// createOffer creates an offer from the list and waits for its editor.
func (s *studio) createOffer(title string) string {
	s.t.Helper()
	s.open("#/")
	s.until("the offer list", `document.getElementById('new-title')`)
	s.typeInto("#new-title", title)
	s.click(`[data-testid="create-offer"]`)
	s.until("the form builder", `document.querySelector('[data-testid="outline-field-first_name"]')`)
	return s.offerID()
}

// outline is the order of the field keys in the outline.
func (s *studio) outline() string {
	s.t.Helper()
	return s.js(`[...document.querySelectorAll('[data-testid^="outline-field-"]')].map(e => e.dataset.testid.slice(14)).join(' ')`)
}

// api sends a request to the site with a seeded account's token ("" anonymous).
func api(t *testing.T, site *Site, who, method, path, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, site.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if who != "" {
		req.Header.Set("Authorization", testapp.Token(t, site.App, who))
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(raw)
}

// A tenant admin of one Träger neither sees nor edits another Träger's
// definitions: not in the studio, not through the API.
func TestStudioTenantIsolation(t *testing.T) {
	site := Start(t)
	bwtw := testapp.First(t, site.App, "offer_types", "bwtw") // public and active: its record is public, its drafts not
	bwtwForm := bwtw.GetString("form_version")
	hidden := core.NewRecord(bwtw.Collection()) // a draft offer: not even its record
	hidden.Load(map[string]any{"tenant": bwtw.GetString("tenant"), "slug": "geheim", "title": map[string]any{"de": "Geheim"},
		"category": "social", "status": "draft", "form_draft": map[string]any{"title": "Geheim"}})
	if err := site.App.Save(hidden); err != nil {
		t.Fatal(err)
	}

	s := newStudio(t, site, 1280, 900)
	s.login(testapp.LiftAdmin)
	s.until("the offers", `document.querySelector('[data-testid="offers"]')`)
	if html := s.js(`document.body.innerHTML`); strings.Contains(html, bwtw.Id) {
		t.Fatal("LIFT's studio lists BWTW's offer")
	}
	if n := s.count(`[data-testid="offers"] tbody tr`); n != 1 {
		t.Fatalf("LIFT's admin sees %d offers, want LIFT's one", n)
	}
	s.open("#/offers/" + bwtw.Id + "/form")
	s.until("no such offer", `document.querySelector('[data-testid="offer-missing"]')`)
	if s.count(`[data-testid="outline-field-first_name"]`) != 0 {
		t.Fatal("the editor shows BWTW's form")
	}
	s.open("#/templates")
	s.until("the templates page", `document.querySelector('[data-testid="no-templates"], [data-testid="templates"]')`)
	if strings.Contains(s.js(`document.body.innerHTML`), bwtw.Id) {
		t.Fatal("BWTW's offer is listed as a template")
	}

	draft := `{"form_draft": {"title": "x", "languages": ["de"], "sections": []}}`
	for _, c := range []struct {
		what, method, path, body string
		status                   int
		empty                    bool // a 200 list with no items
	}{
		{"view a draft offer", "GET", "/api/collections/offer_types/records/" + hidden.Id, "", 404, false},
		{"edit its draft", "PATCH", "/api/collections/offer_types/records/" + bwtw.Id, draft, 404, false},
		{"archive it", "PATCH", "/api/collections/offer_types/records/" + bwtw.Id, `{"status": "archived"}`, 404, false},
		{"delete it", "DELETE", "/api/collections/offer_types/records/" + bwtw.Id, "", 404, false},
		{"list BWTW's draft offers", "GET", "/api/collections/offer_types/records?filter=" + urlq(`tenant="`+bwtw.GetString("tenant")+`" && status="draft"`), "", 200, true},
		{"read its form versions", "GET", "/api/collections/form_versions/records?filter=" + urlq(`offer_type="`+bwtw.Id+`"`), "", 200, true},
		{"read a form version", "GET", "/api/collections/form_versions/records/" + bwtwForm, "", 404, false},
		{"read its workflow versions", "GET", "/api/collections/workflow_versions/records?filter=" + urlq(`offer_type="`+bwtw.Id+`"`), "", 200, true},
		{"publish its form", "POST", "/api/mp/offers/" + bwtw.Id + "/form/publish", `{}`, 404, false},
		{"publish its workflow", "POST", "/api/mp/offers/" + bwtw.Id + "/workflow/publish", `{}`, 404, false},
		{"check a workflow against its form", "POST", "/api/mp/definitions/check-workflow",
			`{"definition": {"title": "x", "languages": ["de"], "states": [], "transitions": []}, "offer": "` + bwtw.Id + `"}`, 404, false},
		{"check a workflow with the check route", "POST", "/api/mp/definitions/check",
			`{"kind": "workflow", "definition": {"title": "x", "languages": ["de"], "states": [], "transitions": []}, "offer": "` + bwtw.Id + `"}`, 404, false},
		{"list BWTW's staff", "GET", "/api/collections/users/records?filter=" + urlq(`tenant="`+bwtw.GetString("tenant")+`"`), "", 200, true},
	} {
		status, body := api(t, site, testapp.LiftAdmin, c.method, c.path, c.body)
		if status != c.status || (c.empty && !strings.Contains(body, `"items":[]`)) {
			t.Errorf("LIFT's admin may %s: %d %.200s, want %d", c.what, status, body, c.status)
		}
	}
	// The public offer's record is public by design; its drafts are not.
	for _, path := range []string{"/api/collections/offer_types/records/" + bwtw.Id,
		"/api/collections/offer_types/records?filter=" + urlq(`tenant="`+bwtw.GetString("tenant")+`"`)} {
		status, body := api(t, site, testapp.LiftAdmin, "GET", path, "")
		if status != 200 || !strings.Contains(body, bwtw.Id) || strings.Contains(body, "form_draft") || strings.Contains(body, "workflow_draft") {
			t.Errorf("LIFT's admin reads BWTW's public offer %s: %d %.300s", path, status, body)
		}
	}
	after, _ := site.App.FindRecordById("offer_types", bwtw.Id)
	if after.GetString("status") != bwtw.GetString("status") || after.GetString("form_draft") != bwtw.GetString("form_draft") {
		t.Fatal("BWTW's offer changed")
	}
}

func urlq(s string) string { return url.QueryEscape(s) }

// Fields move by drag and drop (mouse) and by keyboard (the up/down
// buttons, also across sections); a removed field comes back with undo.
func TestStudioReorderFields(t *testing.T) {
	site := Start(t)
	s := newStudio(t, site, 1280, 900)
	s.login(testapp.BwtwAdmin)
	id := s.createOffer("Reihenfolge")
	if got := s.outline(); got != "first_name last_name" {
		t.Fatalf("starter outline %q", got)
	}

	// Drag the last name above the first name.
	fx, fy := s.point(`[data-testid="drag-last_name"]`)
	top := Eval[[]float64](t, s.ctx, `(r => [r.x + 40, r.y + 6])(document.querySelector('[data-testid="outline-field-first_name"]').getBoundingClientRect())`)
	Run(t, s.ctx, chromedp.DragAndDropXY(fx, fy, top[0], top[1], 12))
	s.until("last name first", `document.querySelector('[data-testid^="outline-field-"]')?.dataset.testid === 'outline-field-last_name'`)
	s.saved()
	form, _ := s.offerDrafts(id)
	if got := fieldOrder(form); got != "last_name first_name" {
		t.Fatalf("saved order after the drag %q", got)
	}

	// The same by keyboard: focus "down" of the last name and press Enter;
	// the focus stays on the moved field.
	Run(t, s.ctx, chromedp.Focus(chromedp.CSS(`[data-testid="select-last_name"]`)), chromedp.KeyEvent("\r"))
	s.until("the tools of the selected field", `document.querySelector('[data-testid="down-last_name"]')`)
	Run(t, s.ctx, chromedp.KeyEvent("\t")) // "up" is disabled for the first field: the next stop is "down"
	s.until("the focus on down", `document.activeElement?.dataset.testid === 'down-last_name'`)
	Run(t, s.ctx, chromedp.KeyEvent("\r"))
	s.until("first name first again", `document.querySelector('[data-testid^="outline-field-"]')?.dataset.testid === 'outline-field-first_name'`)
	s.until("the focus on the moved field", `document.activeElement?.closest('[data-testid="outline-field-last_name"]')`)

	// A second section; "down" at the end of the first moves the field into it.
	s.click(`[data-testid="add-section"]`)
	s.until("the new section", `document.querySelector('[data-testid="outline-section-neuer_abschnitt"]')`)
	s.click(`[data-testid="select-last_name"]`)
	Run(t, s.ctx, chromedp.Focus(chromedp.CSS(`[data-testid="down-last_name"]`)), chromedp.KeyEvent("\r"))
	s.until("the last name in the second section", `document.querySelector('[data-testid="outline-section-neuer_abschnitt"] [data-testid="outline-field-last_name"]')`)
	Axe(t, s.ctx, "outline with two sections")

	// Remove and undo.
	s.click(`[data-testid="select-neues_feld"]`)
	s.click(`[data-testid="remove-neues_feld"]`)
	s.until("removed", `!document.querySelector('[data-testid="outline-field-neues_feld"]')`)
	s.click(`[data-testid="undo"]`)
	s.until("back", `document.querySelector('[data-testid="outline-field-neues_feld"]')`)
	s.saved()
	form, _ = s.offerDrafts(id)
	if got := fieldOrder(form); got != "first_name last_name neues_feld" {
		t.Fatalf("saved fields %q", got)
	}
	if n := len(form["sections"].([]any)); n != 2 {
		t.Fatalf("%d sections saved", n)
	}
}

func fieldOrder(form map[string]any) string {
	var keys []string
	for _, s := range form["sections"].([]any) {
		for _, f := range s.(map[string]any)["fields"].([]any) {
			keys = append(keys, f.(map[string]any)["key"].(string))
		}
	}
	return strings.Join(keys, " ")
}

// Test cases are written and run in the studio; a failing one blocks
// publishing (the button and, behind it, the server).
func TestStudioTestCaseBlocksPublish(t *testing.T) {
	site := Start(t)
	s := newStudio(t, site, 1280, 900)
	s.login(testapp.BwtwAdmin)
	id := s.createOffer("Mit Testfall")
	s.tab("tests")
	s.click(`[data-testid="add-test"]`)
	s.click(`[data-testid="test-0"] summary`)
	s.typeInto(`[data-testid="test-0-answers"]`, `{"first_name": "Amal"}`)
	s.typeInto(`[data-testid="test-0-hidden"]`, "first_name")
	Run(t, s.ctx, chromedp.KeyEvent("\t")) // the list is taken on change
	s.until("the test failing", `document.querySelector('[data-testid="test-0"]').dataset.result === 'failed'`)
	if got := s.text(`[data-testid="test-summary"]`); got != "1 von 1 Testfällen schlagen fehl." {
		t.Fatalf("summary %q", got)
	}
	Axe(t, s.ctx, "test cases")

	s.tab("publish")
	s.until("publishing blocked", `document.querySelector('[data-testid="publish-blocked"]')?.textContent.includes('Testfälle schlagen fehl') && document.querySelector('[data-testid="publish"]').disabled`)
	s.saved()
	// The server refuses it too.
	status, body := api(t, site, testapp.BwtwAdmin, "POST", "/api/mp/offers/"+id+"/form/publish", `{}`)
	if status != 422 || !strings.Contains(body, `"test_failures":[{"path":"tests[0]"`) {
		t.Fatalf("publishing the saved draft: %d %.300s", status, body)
	}

	// Fixed: the last name is required (and missing), the first name shown.
	s.tab("tests")
	s.click(`[data-testid="test-0"] summary`)
	s.typeInto(`[data-testid="test-0-hidden"]`, "")
	s.typeInto(`[data-testid="test-0-required"]`, "last_name")
	Run(t, s.ctx, chromedp.KeyEvent("\t"))
	s.until("the test passing", `document.querySelector('[data-testid="test-0"]').dataset.result === 'passed'`)
	s.tab("publish")
	s.until("publishing allowed", `!document.querySelector('[data-testid="publish-blocked"]') && !document.querySelector('[data-testid="publish"]').disabled`)
	s.click(`[data-testid="publish"]`)
	s.until("published", `document.querySelector('[data-testid="publish-result"]').textContent.includes('Formular Version 1')`)
	v, err := site.App.FindFirstRecordByFilter("form_versions", "offer_type = {:o}", dbx.Params{"o": id})
	if err != nil || !strings.Contains(v.GetString("definition"), `"required":["last_name"]`) {
		t.Fatalf("published version: %v %v", err, v)
	}
}

// Staff of the own Träger: invite a counsellor (who gets the reset mail),
// change the role, disable the account — its sessions end at once.
func TestStudioStaff(t *testing.T) {
	site := Start(t)
	s := newStudio(t, site, 1280, 900)
	s.login(testapp.BwtwAdmin)
	s.open("#/staff")
	s.until("the staff list", `document.querySelector('[data-testid="staff"]')`)
	if n := s.count(`[data-testid="staff"] tbody tr`); n != 3 {
		t.Fatalf("BWTW has %d accounts listed, want 3", n)
	}
	Axe(t, s.ctx, "staff")
	mails := site.App.TestMailer.TotalSend()
	s.typeInto("#invite-name", "Nadia Berger")
	s.typeInto("#invite-email", "nadia.berger@bwtw.example")
	s.click(`[data-testid="invite-submit"]`)
	row := `[data-testid="staff-nadia.berger@bwtw.example"]`
	s.until("the new account listed", `document.querySelector('`+row+`')`)
	if got := s.text(`[data-testid="staff-message"]`); got != "Einladung an nadia.berger@bwtw.example gesendet." {
		t.Fatalf("message %q", got)
	}
	u, err := site.App.FindAuthRecordByEmail("users", "nadia.berger@bwtw.example")
	if err != nil {
		t.Fatal(err)
	}
	if u.GetString("role") != "counsellor" || u.GetString("tenant") != testapp.Tenant(t, site.App, "bwtw").Id || u.GetBool("disabled") {
		t.Fatalf("invited account: role %q tenant %q disabled %v", u.GetString("role"), u.GetString("tenant"), u.GetBool("disabled"))
	}
	if site.App.TestMailer.TotalSend() != mails+1 || !strings.Contains(fmt.Sprint(site.App.TestMailer.LastMessage().To), "nadia.berger@bwtw.example") {
		t.Fatalf("no password mail to the invited address (%d mails)", site.App.TestMailer.TotalSend()-mails)
	}

	// Role within the Träger.
	s.choose(row+` [data-testid="role"]`, "tenant_admin")
	s.until("the role changed", `document.querySelector('[data-testid="staff-message"]').textContent.includes('Rolle von Nadia Berger geändert')`)
	if u, _ = site.App.FindRecordById("users", u.Id); u.GetString("role") != "tenant_admin" {
		t.Fatalf("role %q", u.GetString("role"))
	}

	// Disable: a session the account had ends at once.
	u.SetPassword("a-password-of-nadia")
	if err := site.App.Save(u); err != nil {
		t.Fatal(err)
	}
	tok, _ := u.NewAuthToken()
	// Nadia, now an admin, works in the studio in her own browser.
	nadia := newStudio(t, site, 1024, 768)
	nadia.open("#/")
	nadia.until("the login", `document.getElementById('login-email')`)
	nadia.typeInto("#login-email", "nadia.berger@bwtw.example")
	nadia.typeInto("#login-password", "a-password-of-nadia")
	nadia.click(`[data-testid="login-submit"]`)
	nadia.until("Nadia in the studio", `document.querySelector('[data-testid="offers"]')`)
	refresh := func() int {
		req, _ := http.NewRequest("POST", site.URL+"/api/collections/users/auth-refresh", nil)
		req.Header.Set("Authorization", tok)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if got := refresh(); got != 200 {
		t.Fatalf("session before disabling: %d", got)
	}
	s.click(row + ` [data-testid="disable"]`)
	s.until("disabled", `document.querySelector('`+row+` [data-testid="enable"]')`)
	if u, _ = site.App.FindRecordById("users", u.Id); !u.GetBool("disabled") {
		t.Fatal("not disabled in the database")
	}
	if got := refresh(); got != 401 {
		t.Fatalf("session after disabling: %d, want 401", got)
	}
	nadia.click(`.studio-nav a[href="#/staff"]`)
	nadia.until("Nadia signed out at her next step", `document.getElementById('login-email') && document.body.textContent.includes('Ihre Sitzung ist abgelaufen')`)
	// One's own account cannot be disabled here.
	if s.count(`[data-testid="staff"] tr:has([data-testid="role"][disabled]) [data-testid="disable"]`) != 0 {
		t.Fatal("the admin could disable their own account")
	}
}

// The network's exchange of experience: the network coordination publishes
// a template; a Träger admin clones it into the Träger and adapts it.
func TestStudioNetworkTemplateClone(t *testing.T) {
	site := Start(t)
	s := newStudio(t, site, 1280, 900)
	s.login(testapp.NetworkAdmin)
	if got := s.text("main h1"); got != "Netzwerkvorlagen" {
		t.Fatalf("network admin's heading %q", got)
	}
	tpl := s.createOffer("Bewerbungstraining")
	s.tab("publish")
	s.until("publishable", `!document.querySelector('[data-testid="publish"]').disabled`)
	s.click(`[data-testid="publish"]`)
	s.until("published", `document.querySelector('[data-testid="publish-result"]').textContent.includes('Ablauf Version 1')`)
	rec, _ := site.App.FindRecordById("offer_types", tpl)
	if rec.GetString("tenant") != "" || rec.GetString("form_version") == "" {
		t.Fatalf("template: tenant %q, form version %q", rec.GetString("tenant"), rec.GetString("form_version"))
	}
	published, _ := site.App.FindRecordById("form_versions", rec.GetString("form_version"))

	// A Träger admin clones it.
	Eval[bool](t, s.ctx, `localStorage.clear(), true`)
	s.login(testapp.BwtwAdmin)
	s.open("#/templates")
	s.until("the template", `document.querySelector('[data-testid="template-bewerbungstraining"]')`)
	Axe(t, s.ctx, "templates")
	s.click(`[data-testid="clone-bewerbungstraining"]`)
	s.typeInto("#clone-title", "Bewerbungstraining Mühlhausen")
	s.click(`[data-testid="clone-submit"]`)
	s.until("the clone's editor", `document.querySelector('[data-testid="outline-field-first_name"]') && location.hash.includes('/offers/')`)
	clone, err := site.App.FindRecordById("offer_types", s.offerID())
	if err != nil {
		t.Fatal(err)
	}
	if clone.Id == tpl || clone.GetString("tenant") != testapp.Tenant(t, site.App, "bwtw").Id || clone.GetString("slug") != "bewerbungstraining-muehlhausen" {
		t.Fatalf("clone: tenant %q slug %q", clone.GetString("tenant"), clone.GetString("slug"))
	}
	var a, b any
	_ = json.Unmarshal([]byte(clone.GetString("form_draft")), &a)
	_ = json.Unmarshal([]byte(published.GetString("definition")), &b)
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Fatalf("the clone's draft is not the template's form:\n%v\n%v", a, b)
	}
	// The template itself is untouched and still the network's.
	if again, _ := site.App.FindRecordById("offer_types", tpl); again.GetString("tenant") != "" {
		t.Fatal("the template moved")
	}
}

// Export a definition as a JSON file and import one.
func TestStudioExportImport(t *testing.T) {
	site := Start(t)
	s := newStudio(t, site, 1280, 900)
	downloads := t.TempDir()
	if _, err := chromedp.CallBrowser(s.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads}); err != nil {
		t.Fatal(err)
	}
	s.login(testapp.BwtwAdmin)
	id := s.createOffer("Import")

	// Import a form file into the draft.
	form := `{"title": {"de": "Deutschkurs"}, "languages": ["de", "en"], "sections": [{"key": "person", "title": {"de": "Person"}, "fields": [
		{"key": "first_name", "type": "text", "label": {"de": "Vorname"}},
		{"key": "last_name", "type": "text", "label": {"de": "Nachname"}},
		{"key": "deutschkenntnisse", "type": "choice", "label": {"de": "Deutschkenntnisse"},
		 "options": [{"value": "a1", "label": "A1"}, {"value": "b1", "label": "B1"}]}]}]}`
	file := filepath.Join(t.TempDir(), "deutschkurs.json")
	if err := os.WriteFile(file, []byte(form), 0o600); err != nil {
		t.Fatal(err)
	}
	s.tab("file")
	Axe(t, s.ctx, "file")
	Run(t, s.ctx, chromedp.SetUploadFiles(chromedp.CSS(`[data-testid="import-file"]`), []string{file}))
	s.until("imported", `document.querySelector('[data-testid="import-result"]')?.textContent.includes('Formular aus der Datei übernommen')`)
	s.saved()
	draft, _ := s.offerDrafts(id)
	if got := fieldOrder(draft); got != "first_name last_name deutschkenntnisse" {
		t.Fatalf("draft after the import: %q", got)
	}

	// Export the whole offer; the file holds settings, form and workflow.
	s.click(`[data-testid="export-offer"]`)
	path := filepath.Join(downloads, "import-angebot.json")
	deadline := time.Now().Add(studioWait)
	for {
		if _, err := os.Stat(path); err == nil {
			break
		}
		if time.Now().After(deadline) {
			entries, _ := os.ReadDir(downloads)
			t.Fatalf("no download %s (%v)", path, entries)
		}
		time.Sleep(50 * time.Millisecond)
	}
	raw, _ := os.ReadFile(path)
	var bundle struct {
		Multipotenzial string
		Offer          map[string]any
		Form           map[string]any
		Workflow       map[string]any
	}
	if err := json.Unmarshal(raw, &bundle); err != nil || bundle.Multipotenzial != "offer" || bundle.Offer["slug"] != "import" ||
		fieldOrder(bundle.Form) != "first_name last_name deutschkenntnisse" || len(bundle.Workflow["states"].([]any)) != 3 {
		t.Fatalf("exported offer: %v %.300s", err, raw)
	}
	if _, has := bundle.Offer["tenant"]; has {
		t.Fatal("the export names the Träger")
	}

	// Import it as a new offer: a second one, with its own short name.
	s.open("#/")
	s.until("the list", `document.getElementById('import-offer')`)
	Run(t, s.ctx, chromedp.SetUploadFiles(chromedp.CSS(`#import-offer`), []string{path}))
	s.until("the imported offer's publish page", `location.hash.endsWith('/publish') && document.querySelector('[data-testid="offer-title"]')`)
	other, err := site.App.FindRecordById("offer_types", s.offerID())
	if err != nil || other.Id == id || other.GetString("slug") != "import-2" || other.GetString("tenant") != testapp.Tenant(t, site.App, "bwtw").Id {
		t.Fatalf("imported offer: %v %v", err, other)
	}
}

// The main views pass axe on a tablet too, and the login and the list of a
// counsellor (no access) as well.
func TestStudioTabletAndAccess(t *testing.T) {
	site := Start(t)
	s := newStudio(t, site, 820, 1180)
	s.open("#/")
	s.until("the login", `document.getElementById('login-email')`)
	Axe(t, s.ctx, "login")
	s.typeInto("#login-email", testapp.BwtwAdmin)
	s.typeInto("#login-password", "wrong-password")
	s.click(`[data-testid="login-submit"]`)
	s.until("the refusal", `document.querySelector('[data-testid="login-error"]')`)
	Axe(t, s.ctx, "login error")

	s.login(testapp.BwtwAdmin)
	offer := testapp.First(t, site.App, "offer_types", "bwtw")
	for _, tab := range []string{"form", "workflow", "translations", "tests", "publish", "settings", "cases", "file"} {
		s.open("#/offers/" + offer.Id + "/" + tab)
		s.until("the tab "+tab, `document.querySelector('[data-testid="panel-`+tab+`"]')`)
		if tab == "cases" {
			s.until("the cases", `document.querySelector('[data-testid="cases"]')`)
		}
		if tab == "publish" {
			s.until("the history", `document.querySelector('[data-testid="history-form"]')`)
		}
		Axe(t, s.ctx, "tablet: "+tab)
	}
	s.open("#/offers/" + offer.Id + "/workflow/simulate")
	s.until("the simulation", `document.querySelector('[data-testid="simulation"] [data-testid="sim-run"]')`)
	Axe(t, s.ctx, "tablet: simulation")
	// The demo intake on the translation tab: every text in every language.
	s.open("#/offers/" + offer.Id + "/translations")
	s.until("the coverage", `document.querySelector('[data-testid="coverage-form-ar"]')`)
	if got := s.js(`document.querySelector('[data-testid="coverage-form-ar"]').dataset.missing`); got != "0" {
		t.Fatalf("Arabic texts missing in the demo form: %s", got)
	}

	// A counsellor has no studio.
	Eval[bool](t, s.ctx, `localStorage.clear(), true`)
	s.open("#/")
	s.until("the login", `document.getElementById('login-email')`)
	s.typeInto("#login-email", testapp.BwtwCounsellor)
	s.typeInto("#login-password", testapp.Password)
	s.click(`[data-testid="login-submit"]`)
	s.until("no access", `document.querySelector('main h1')?.textContent.includes('Kein Zugang')`)
	Axe(t, s.ctx, "no access")
}
