package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// The offer every test registers for, and where its draft lives.
const (
	offerCard = `[data-testid="offer-bwtw-integrationsbegleitung"]`
	draftKey  = "mp.draft.bwtw.integrationsbegleitung"
)

// participant drives the registration pages of one site in one browser tab
// the way a person does: types, clicks, chooses, steps on.
type participant struct {
	t    *testing.T
	ctx  context.Context
	site *Site
	axe  bool // run axe-core on every step before leaving it
	// narrow: fail on a horizontal scroll bar on every step before leaving it
	narrow bool
}

func newParticipant(t *testing.T, width, height int) *participant {
	site := Start(t)
	ctx := Browser(t, width, height)
	// The pages scroll smoothly unless the person asks for less motion; a
	// scroll still gliding would move the element a click aims at.
	reduce := []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: reduce}); err != nil {
		t.Fatal(err)
	}
	return &participant{t: t, ctx: ctx, site: site}
}

var nonID = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

// fieldID is the renderer's DOM id of a field path (ui/src/lib/form/paths.js):
// "languages[0].level" → "f-languages-0-level".
func fieldID(path string) string {
	return "f-" + strings.TrimRight(nonID.ReplaceAllString(path, "-"), "-")
}

func fieldBox(path string) string { return fmt.Sprintf(`[data-testid=%q]`, "field-"+path) }

func (p *participant) until(what, cond string) {
	p.t.Helper()
	Until(p.t, p.ctx, what, cond)
}

func (p *participant) text(css string) string {
	p.t.Helper()
	return Eval[string](p.t, p.ctx, `(document.querySelector(`+jsString(css)+`)?.textContent || '').trim()`)
}

func (p *participant) exists(css string) bool {
	p.t.Helper()
	return Eval[bool](p.t, p.ctx, `!!document.querySelector(`+jsString(css)+`)`)
}

// openCatalogue opens the participant entry, chooses lang in the language
// picker and waits for the offers.
func (p *participant) openCatalogue(lang string) {
	p.t.Helper()
	nav, cancel := context.WithTimeout(p.ctx, WaitTimeout)
	defer cancel()
	if err := chromedp.Do(nav, chromedp.Navigate(p.site.URL+"/register/"), chromedp.WaitVisible(chromedp.ID("mp-language"))); err != nil {
		p.t.Fatalf("opening /register/: %v", err)
	}
	PickOption(p.t, p.ctx, "#mp-language", lang)
	p.until("the page in "+lang, `document.documentElement.lang === `+jsString(lang))
	// The offers of the language before stay until those of lang are in; a
	// click while they change would land elsewhere.
	p.until("the offers in "+lang, `document.querySelector('`+offerCard+` h2')?.textContent === `+jsString(p.offerTitle(lang)))
}

// offerTitle is the title of BWTW's offer in lang, as the API has it.
func (p *participant) offerTitle(lang string) string {
	p.t.Helper()
	client := http.Client{Timeout: WaitTimeout}
	res, err := client.Get(p.site.URL + "/api/mp/public/offers?lang=" + lang)
	if err != nil {
		p.t.Fatal(err)
	}
	defer res.Body.Close()
	var list struct {
		Items []struct {
			Tenant struct{ Slug string }
			Offer  struct{ Title string }
		}
	}
	if err := json.NewDecoder(res.Body).Decode(&list); err != nil {
		p.t.Fatalf("offers: %s: %v", res.Status, err)
	}
	for _, it := range list.Items {
		if it.Tenant.Slug == "bwtw" {
			return it.Offer.Title
		}
	}
	p.t.Fatalf("no BWTW offer in the catalogue (%d offers)", len(list.Items))
	return ""
}

// chooseOffer follows the BWTW offer's link and waits for the form.
func (p *participant) chooseOffer() {
	p.t.Helper()
	p.clickOn(offerCard + " a")
	p.until("the registration form", `document.querySelector('[data-testid="registration-form"] [data-testid="step"]')`)
}

// open is openCatalogue and chooseOffer.
func (p *participant) open(lang string) {
	p.t.Helper()
	p.openCatalogue(lang)
	p.chooseOffer()
}

// waitField waits until the field of path is shown (rules may show it only
// after the server's evaluation of an earlier answer).
func (p *participant) waitField(path string) string {
	p.t.Helper()
	id := fieldID(path)
	p.until("the field "+path, `document.getElementById(`+jsString(id)+`)`)
	return id
}

// typeText types text into the field of path, replacing what is there.
func (p *participant) typeText(path, text string) {
	p.t.Helper()
	TypeInto(p.t, p.ctx, "#"+p.waitField(path), text)
}

// setDate sets a date field. A person uses the browser's date picker, which
// the DevTools protocol cannot open; this sets the value and fires the events
// a pick fires. (The keyboard test types a date key by key.)
func (p *participant) setDate(path, iso string) {
	p.t.Helper()
	id := p.waitField(path)
	Run(p.t, p.ctx, chromedp.Focus(chromedp.ID(id)))
	got := Eval[string](p.t, p.ctx, `(e => { e.value = `+jsString(iso)+`;
		e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));
		return e.value })(document.getElementById(`+jsString(id)+`))`)
	if got != iso {
		p.t.Fatalf("date %s: set %q, shows %q", path, iso, got)
	}
}

// choose answers a choice, yes/no or multiple-choice field: clicks the radio
// buttons or check boxes of values, or picks the value in its list.
func (p *participant) choose(path string, values ...string) {
	p.t.Helper()
	id := p.waitField(path)
	if Eval[string](p.t, p.ctx, `document.getElementById(`+jsString(id)+`).tagName`) == "SELECT" {
		PickOption(p.t, p.ctx, "#"+id, values[0])
		return
	}
	for _, v := range values {
		css := fieldBox(path) + fmt.Sprintf(` input[value=%q]`, v)
		p.clickOn(css)
		if !Eval[bool](p.t, p.ctx, `document.querySelector(`+jsString(css)+`).checked`) {
			p.t.Fatalf("%s: clicked %q, it is not checked", path, v)
		}
	}
}

// click clicks the control of path (a consent box, a single check box).
func (p *participant) click(path string) {
	p.t.Helper()
	p.waitField(path)
	p.clickOn("#" + fieldID(path))
}

func (p *participant) clickOn(css string) {
	p.t.Helper()
	ClickOn(p.t, p.ctx, css)
}

// addRow adds a row to the repeat group of path; row is its index.
func (p *participant) addRow(path string, row int, firstKey string) {
	p.t.Helper()
	p.waitField(path)
	p.clickOn(fieldBox(path) + " > button")
	p.waitField(fmt.Sprintf("%s[%d].%s", path, row, firstKey))
}

func (p *participant) step() string {
	p.t.Helper()
	return p.text(`[data-testid="step"]`)
}

// audit runs the checks asked for on the current view.
func (p *participant) audit(view string) {
	p.t.Helper()
	if p.axe {
		Axe(p.t, p.ctx, view)
	}
	if p.narrow {
		if w := Eval[[]int](p.t, p.ctx, `[document.documentElement.scrollWidth, innerWidth]`); w[0] > w[1] {
			p.t.Fatalf("%s: the page is %d px wide in a %d px window (horizontal scrolling)", view, w[0], w[1])
		}
	}
}

// refused is true when the page answered a step or a submission with its
// error summary: it focuses the summary then (one left from an earlier try
// is not focused once the person clicked on).
const refused = `(e => !!e && e === document.activeElement)(document.querySelector('[data-testid="error-summary"]'))`

// next audits the step and goes to the next one; the test fails when the
// page answers with its error summary instead.
func (p *participant) next() {
	p.t.Helper()
	before := p.step()
	p.audit(before)
	p.clickOn(`[data-testid="next"]`)
	p.until("the step after "+before, `document.querySelector('[data-testid="step"]')?.textContent.trim() !== `+jsString(before)+` || `+refused)
	if Eval[bool](p.t, p.ctx, refused) {
		p.t.Fatalf("%s: the page refused to go on: %s", before, p.text(`[data-testid="error-summary"]`))
	}
}

// submit sends the registration and returns the reference it shows.
func (p *participant) submit() string {
	p.t.Helper()
	p.clickSubmit()
	return p.reference()
}

func (p *participant) clickSubmit() {
	p.t.Helper()
	p.audit(p.step())
	p.clickOn(`[data-testid="submit"]`)
}

// reference waits for the confirmation and returns its reference.
func (p *participant) reference() string {
	p.t.Helper()
	p.until("the confirmation", `document.querySelector('[data-testid="reference"]') || `+refused)
	if Eval[bool](p.t, p.ctx, refused) {
		p.t.Fatalf("the registration was refused: %s", p.text(`[data-testid="error-summary"]`))
	}
	return p.text(`[data-testid="reference"]`)
}

// person is what fillShortest answers in the free-text fields.
type person struct{ First, Last, Town, Occupation string }

// fillShortest answers step 1 and the three steps after it along the
// shortest valid path (no children, so four steps) and stops on the last
// step without sending.
func (p *participant) fillShortest(who person) {
	p.t.Helper()
	p.fillPerson(who)
	p.next()
	p.fillRest(who)
}

// fillPerson answers step 1 (no children).
func (p *participant) fillPerson(who person) {
	p.t.Helper()
	p.click("data_processing_consent")
	p.typeText("first_name", who.First)
	p.typeText("last_name", who.Last)
	p.setDate("birth_date", "1990-05-14")
	p.choose("nationality", "SY")
	p.choose("has_children", "false")
}

// fillRest answers steps 2 to 4 from step 2 on and stops on step 4. The
// answers need no rule evaluation to be complete (German B2: no questions
// on courses; a settlement permit: none on its validity).
func (p *participant) fillRest(who person) {
	p.t.Helper()
	p.typeText("municipality", who.Town)
	p.typeText("postal_code", "99974")
	p.typeText("phone", "+49 151 23456789")
	p.typeText("email", "person@example.org")
	p.choose("preferred_language", "ar")
	p.choose("german_level", "b2")
	p.next()
	p.choose("residence_status", "settlement_permit")
	p.choose("jobcenter", "false")
	p.next()
	p.choose("has_foreign_qualification", "false")
	p.typeText("desired_occupation", who.Occupation)
	p.choose("driving_licence", "none")
	p.choose("mobility", "bicycle")
}

// draft is the stored draft's JSON ("" when there is none).
func (p *participant) draft() string {
	p.t.Helper()
	return Eval[string](p.t, p.ctx, `localStorage.getItem(`+jsString(draftKey)+`) || ''`)
}

// ---- the database -------------------------------------------------------------

// storedCounts are the BWTW submissions, participants and cases.
type storedCounts struct{ Submissions, Participants, Cases int64 }

func (p *participant) counts() storedCounts {
	p.t.Helper()
	tenant := testapp.Tenant(p.t, p.site.App, "bwtw").Id
	n := func(col string) int64 {
		c, err := p.site.App.CountRecords(col, dbx.HashExp{"tenant": tenant})
		if err != nil {
			p.t.Fatal(err)
		}
		return c
	}
	return storedCounts{n("submissions"), n("participants"), n("cases")}
}

// registration is what the server stored for a reference.
type registration struct {
	Submission, Participant, Case *core.Record
	Answers                       map[string]any
}

// stored finds the one submission and the one case of reference.
func (p *participant) stored(reference string) registration {
	p.t.Helper()
	app := p.site.App
	for _, col := range []string{"submissions", "cases"} {
		if n, err := app.CountRecords(col, dbx.HashExp{"reference": reference}); err != nil || n != 1 {
			p.t.Fatalf("%s with reference %s: %d (%v), want 1", col, reference, n, err)
		}
	}
	var r registration
	var err error
	if r.Submission, err = app.FindFirstRecordByData("submissions", "reference", reference); err != nil {
		p.t.Fatal(err)
	}
	if r.Case, err = app.FindFirstRecordByData("cases", "reference", reference); err != nil {
		p.t.Fatal(err)
	}
	if r.Participant, err = app.FindRecordById("participants", r.Submission.GetString("participant")); err != nil {
		p.t.Fatal(err)
	}
	if r.Case.GetString("participant") != r.Participant.Id || r.Submission.GetString("case") != r.Case.Id {
		p.t.Fatalf("submission, case and participant of %s are not linked", reference)
	}
	if err := r.Submission.UnmarshalJSONField("answers", &r.Answers); err != nil {
		p.t.Fatal(err)
	}
	return r
}
