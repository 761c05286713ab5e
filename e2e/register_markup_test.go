package e2e

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"

	"github.com/multipotenzial/multipotenzial/demo/content"
	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// Markup that would run if a page inserted it as HTML.
const (
	imgXSS    = `<img src=x onerror="window.__xss=1">`
	scriptXSS = `<script>window.__xss=1</script>`
)

// Markup in what a Träger's admin writes (offer title, section title,
// labels, help, options, the consent text, a rule's message) and in what a
// participant types is shown as text and never runs, on every view to the
// confirmation; the answers are stored as typed.
func TestRegisterMarkupIsText(t *testing.T) {
	p := newParticipant(t, 1024, 768)
	publishWithMarkup(t, p.site)
	// The page's Content-Security-Policy would stop an inline handler from
	// running anyway: what counts is that no element came from markup.
	inert := func(view string) {
		t.Helper()
		if got := Eval[string](t, p.ctx, `String(window.__xss) + ' ' + document.querySelectorAll('body img, body script, body iframe').length`); got != "undefined 0" {
			t.Fatalf("%s: window.__xss and elements from markup: %s", view, got)
		}
	}
	shows := func(css, want string) {
		t.Helper()
		if got := p.text(css); !strings.Contains(got, want) {
			t.Errorf("%s shows %q, want the text %q", css, got, want)
		}
	}

	p.openCatalogue("de")
	shows(offerCard+" h2", "Anmeldung "+scriptXSS)
	shows(offerCard+" p:not(.meta)", imgXSS)
	inert("catalogue")
	p.chooseOffer()
	shows("h1", "Anmeldung "+scriptXSS)
	shows(`[data-testid="section-person"] h2`, "Angaben "+imgXSS)
	shows(`[data-testid="field-privacy_info"]`, scriptXSS+" Wir verarbeiten")
	shows("#f-data_processing_consent-text", imgXSS)
	shows("#f-first_name-label", "Vorname "+imgXSS)
	shows("#f-birth_date-help", scriptXSS)
	shows(`[data-testid="field-gender"] .option`, "weiblich "+imgXSS)
	shows(`#f-nationality option[value="SY"]`, "Syrien "+scriptXSS)
	inert("step 1")

	p.clickOn(`[data-testid="next"]`) // nothing answered: the summary names the fields by their labels
	p.until("the error summary", `document.querySelector('[data-testid="error-summary"]')`)
	shows(`[data-testid="error-summary"]`, "Vorname "+imgXSS+": Bitte füllen Sie dieses Feld aus.")
	inert("error summary")

	p.typeText("first_name", imgXSS)
	p.typeText("last_name", scriptXSS)
	p.setDate("birth_date", "2012-01-01")
	p.until("the rule's message", `document.getElementById('f-birth_date-error')`)
	shows("#f-birth_date-error", "Zu jung "+imgXSS)
	inert("rule message")
	p.setDate("birth_date", "1990-05-14")
	p.click("data_processing_consent")
	p.choose("nationality", "SY")
	p.choose("has_children", "false")
	p.next()
	p.fillRest(person{Town: `"><img src=x onerror=window.__xss=1>`, Occupation: scriptXSS})
	ref := p.submit()
	inert("confirmation")

	r := p.stored(ref)
	if r.Answers["first_name"] != imgXSS || r.Participant.GetString("last_name") != scriptXSS || r.Answers["desired_occupation"] != scriptXSS {
		t.Errorf("stored %q %q %q, want the text as typed", r.Answers["first_name"], r.Participant.GetString("last_name"), r.Answers["desired_occupation"])
	}
}

// publishWithMarkup publishes the demo intake form with markup in its texts
// through BWTW's admin's publish route, and puts markup in the offer's title
// and description.
func publishWithMarkup(t *testing.T, site *Site) {
	t.Helper()
	var def map[string]any
	if err := json.Unmarshal(content.IntakeForm, &def); err != nil {
		t.Fatal(err)
	}
	de := func(v any) map[string]any { return v.(map[string]any) }
	person := de(def["sections"].([]any)[0])
	de(person["title"])["de"] = "Angaben " + imgXSS
	fields := map[string]map[string]any{}
	for _, f := range person["fields"].([]any) {
		fields[de(f)["key"].(string)] = de(f)
	}
	de(fields["privacy_info"]["text"])["de"] = scriptXSS + " Wir verarbeiten Ihre Daten."
	de(de(fields["data_processing_consent"]["consent"])["text"])["de"] = "Ich willige ein. " + imgXSS
	de(fields["first_name"]["label"])["de"] = "Vorname " + imgXSS
	de(fields["birth_date"]["help"])["de"] = scriptXSS
	for _, v := range fields["birth_date"]["validations"].([]any) {
		if de(v)["code"] == "too_young" {
			de(de(v)["message"])["de"] = "Zu jung " + imgXSS
		}
	}
	de(de(fields["gender"]["options"].([]any)[0])["label"])["de"] = "weiblich " + imgXSS
	de(de(fields["nationality"]["options"].([]any)[0])["label"])["de"] = "Syrien " + scriptXSS

	app := site.App
	offer, err := app.FindFirstRecordByFilter("offer_types", "slug = 'integrationsbegleitung' && tenant = {:t}",
		dbx.Params{"t": testapp.Tenant(t, app, "bwtw").Id})
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(map[string]any{"definition": def, "note": "markup in texts"})
	req, _ := http.NewRequest("POST", site.URL+"/api/mp/offers/"+offer.Id+"/form/publish", bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", testapp.Token(t, app, testapp.BwtwAdmin))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("publish: %s", res.Status)
	}

	if offer, err = app.FindRecordById("offer_types", offer.Id); err != nil {
		t.Fatal(err)
	}
	offer.Set("title", map[string]string{"de": "Anmeldung " + scriptXSS})
	offer.Set("description", map[string]string{"de": "Begleitung " + imgXSS})
	if err := app.Save(offer); err != nil {
		t.Fatal(err)
	}
}
