package e2e

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/dbx"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// The story: a Träger admin who never programmed builds a small
// offer type from scratch in the browser — two fields, a visible_if rule, a
// three-state workflow —, types a broken rule and sees the error at its
// position, publishes, a participant registers through the public page, and
// the admin sees the new case with its state. Axe on every main view.
func TestStudioBuildPublishRegister(t *testing.T) {
	site := Start(t)
	s := newStudio(t, site, 1400, 900)
	s.login(testapp.BwtwAdmin)
	Axe(t, s.ctx, "offer list")

	// A new offer: title and short name; the editor opens on the form.
	s.typeInto("#new-title", "Sprachcafé Mühlhausen")
	if slug := s.js(`document.getElementById('new-slug').value`); slug != "sprachcafe-muehlhausen" {
		t.Fatalf("slug from the title: %q", slug)
	}
	s.click(`[data-testid="create-offer"]`)
	s.until("the form builder", `document.querySelector('[data-testid="outline-field-first_name"]')`)
	id := s.offerID()
	if got := s.text(`[data-testid="offer-title"]`); got != "Sprachcafé Mühlhausen" {
		t.Fatalf("editor heading %q", got)
	}

	// Two fields: a yes/no question, and the employer, shown only with a job.
	s.click(`[data-testid="add-field-person"]`)
	s.typeInto("#fe-sections-0-fields-2-label-de", "Haben Sie Arbeit?")
	s.choose(`[data-testid="field-editor"] [data-testid="type"]`, "boolean")
	s.until("the key from the label", `document.querySelector('[data-testid="outline-field-haben_sie_arbeit"]')`)
	s.click(`[data-testid="add-field-person"]`)
	s.typeInto("#fe-sections-0-fields-3-label-de", "Arbeitgeber")
	s.until("the second field", `document.querySelector('[data-testid="outline-field-arbeitgeber"]')`)
	Axe(t, s.ctx, "form builder")

	// A broken rule: the server's diagnostic is underlined at its place.
	rule := "#fe-sections-0-fields-3-visible_if"
	box := `[data-testid="rule-fe-sections-0-fields-3-visible_if"]`
	s.typeInto(rule, "haben_sie_arbeit == tru")
	s.until("the error underlined", `document.querySelector('`+box+` mark.error')?.textContent === 'tru'`)
	if got := s.text(box + ` .diags li.error`); !strings.Contains(got, "Zeile 1, Spalte 21") || !strings.Contains(got, "Unbekannter Name") {
		t.Fatalf("diagnostic under the rule: %q", got)
	}
	if s.js(`document.querySelector('`+rule+`').getAttribute('aria-invalid')`) != "true" {
		t.Fatal("the rule is not marked invalid")
	}
	s.until("the tab shows the error", `document.querySelector('[data-testid="tab-form"] .badge.error')`)
	Axe(t, s.ctx, "rule with an error")
	// The fields the rule may use are listed; a click inserts one.
	if got := s.text(`[data-testid="rule-fields-fe-sections-0-fields-3-visible_if"]`); !strings.Contains(got, "haben_sie_arbeit") || !strings.Contains(got, "Ja/Nein") {
		t.Fatalf("fields a rule may use: %q", got)
	}
	s.typeInto(rule, "haben_sie_arbeit == true")
	s.until("the error gone", `!document.querySelector('`+box+` mark') && !document.querySelector('[data-testid="tab-form"] .badge.error')`)

	// The live preview runs the rule on the server.
	s.until("the preview without the employer", `document.querySelector('[data-testid="preview-form"] #preview-first_name') && !document.getElementById('preview-arbeitgeber')`)
	s.click(`[data-testid="preview-form"] [data-testid="field-haben_sie_arbeit"] input[value="true"]`)
	s.until("the employer shown in the preview", `document.getElementById('preview-arbeitgeber')`)
	s.saved()
	s.shot("form")

	// The workflow: the starter's three states, renamed and extended; the
	// diagram follows every edit.
	s.tab("workflow")
	diagram := func(states, edges int) {
		t.Helper()
		s.until(fmt.Sprintf("a diagram of %d states and %d transitions", states, edges),
			fmt.Sprintf(`(d => d && d.dataset.states === '%d' && d.dataset.edges === '%d')(document.querySelector('[data-testid="diagram"]'))`, states, edges))
	}
	diagram(3, 2)
	Axe(t, s.ctx, "workflow editor")
	s.click(`[data-testid="state-in_arbeit"] summary`)
	s.typeInto(`[data-testid="state-in_arbeit"] [data-testid="state-label"] input[lang="de"]`, "Im Kurs")
	s.until("the renamed state in the diagram", `document.querySelector('[data-testid="diagram-node-in_arbeit"]')?.textContent.includes('Im Kurs')`)
	s.typeInto("#new-state", "Warteliste")
	s.click(`[data-testid="add-state"]`)
	diagram(4, 2)
	s.typeInto("#new-transition", "Auf die Warteliste")
	s.choose("#new-transition-from", "neu")
	s.choose("#new-transition-to", "warteliste")
	s.click(`[data-testid="add-transition"]`)
	diagram(4, 3)
	s.until("the new transition", `document.querySelector('[data-testid="diagram-edge-auf_die_warteliste"]')`)
	s.click(`[data-testid="state-warteliste"] [data-testid="remove-state"]`)
	diagram(3, 2)
	s.saved()
	s.shot("workflow")

	// Settings: active and public, so participants find it.
	s.tab("settings")
	s.choose(`[data-testid="set-status"]`, "active")
	s.click(`[data-testid="set-public"]`)
	s.click(`[data-testid="save-settings"]`)
	s.until("settings saved", `document.querySelector('[data-testid="settings-saved"]')?.textContent.trim()`)

	// Publish: no errors, both definitions new; then the history says who.
	s.tab("publish")
	s.until("the check done", `!document.querySelector('[data-testid="publish-blocked"]') && !document.querySelector('[data-testid="publish"]').disabled`)
	Axe(t, s.ctx, "publish")
	s.shot("publish")
	s.click(`[data-testid="publish"]`)
	s.until("published", `/Formular Version 1 veröffentlicht\. Ablauf Version 1 veröffentlicht\./.test(document.querySelector('[data-testid="publish-result"]').textContent)`)
	s.until("version 1 in the history", `document.querySelector('[data-testid="version-form-1"] [data-testid="version-by"]')?.textContent.includes('Sabine Hoffmann')`)
	if got := s.text(`[data-testid="version-form-1"]`); !regexp.MustCompile(`\d{2}\.\d{2}\.\d{4}`).MatchString(got) {
		t.Fatalf("history row without a date: %q", got)
	}

	// A participant registers through the public page.
	Run(t, s.ctx, chromedp.Navigate(site.URL+"/register/"))
	s.until("the new offer in the catalogue", `document.querySelector('[data-testid="offer-bwtw-sprachcafe-muehlhausen"] a')`)
	s.click(`[data-testid="offer-bwtw-sprachcafe-muehlhausen"] a`)
	s.until("the form", `document.getElementById('f-first_name')`)
	s.typeInto("#f-first_name", "Mariam")
	s.typeInto("#f-last_name", "Yousef")
	if s.count("#f-arbeitgeber") != 0 {
		t.Fatal("the employer is shown before the answer")
	}
	s.click(`[data-testid="field-haben_sie_arbeit"] input[value="true"]`)
	s.until("the employer field", `document.getElementById('f-arbeitgeber')`)
	s.typeInto("#f-arbeitgeber", "Bäckerei Kunze")
	s.click(`[data-testid="submit"]`)
	s.until("the confirmation", `document.querySelector('[data-testid="reference"]') || document.querySelector('[data-testid="error-summary"]')`)
	ref := s.text(`[data-testid="reference"]`)
	if !regexp.MustCompile(`^BWTW-\d{4}-\d{5}$`).MatchString(ref) {
		t.Fatalf("reference %q (%s)", ref, s.text(`[data-testid="error-summary"]`))
	}

	// Back in the studio: the new case with its state.
	s.open("#/offers/" + id + "/cases")
	s.until("the case", `document.querySelector('[data-testid="case-`+ref+`"]')`)
	if got := s.text(`[data-testid="case-` + ref + `"] [data-testid="case-state"]`); got != "Neu" {
		t.Fatalf("case state shown %q, want Neu", got)
	}
	c, err := site.App.FindFirstRecordByData("cases", "reference", ref)
	if err != nil {
		t.Fatal(err)
	}
	var answers map[string]any
	_ = json.Unmarshal([]byte(c.GetString("data")), &answers)
	if c.GetString("state") != "neu" || c.GetString("offer_type") != id || answers["arbeitgeber"] != "Bäckerei Kunze" {
		t.Fatalf("case %s in %q of %s with %v", ref, c.GetString("state"), c.GetString("offer_type"), answers)
	}
	wf, err := site.App.FindRecordById("workflow_versions", c.GetString("workflow_version"))
	if err != nil || !strings.Contains(wf.GetString("definition"), `"Im Kurs"`) || strings.Contains(wf.GetString("definition"), "warteliste") {
		t.Fatalf("the case's workflow version: %v %.300s", err, wf.GetString("definition"))
	}
	n, _ := site.App.CountRecords("form_versions", dbx.HashExp{"offer_type": id})
	if n != 1 {
		t.Fatalf("%d form versions, want 1", n)
	}
}
