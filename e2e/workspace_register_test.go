package e2e

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// answer answers the field of path in a form drawn by the form renderer:
// picks the value in a list, clicks radio buttons and check boxes, or types.
func (d *desk) answer(path string, values ...string) {
	d.t.Helper()
	id := "#" + formFieldID(path)
	d.until("the field "+path, `document.querySelector(`+jsString(id)+`)`)
	switch d.js(`(e => e.tagName + ':' + (e.type || ''))(document.querySelector(` + jsString(id) + `))`) {
	case "SELECT:select-one":
		d.choose(id, values[0])
	case "INPUT:radio", "INPUT:checkbox":
		for _, v := range values {
			d.click(fmt.Sprintf(`[data-testid="field-%s"] input[value=%q]`, path, v))
		}
	case "INPUT:date":
		d.setDate(id, values[0])
	default:
		d.typeInto(id, values[0])
	}
}

// A counsellor registers someone who came in person: the offer's intake form
// in the shared renderer, consent given in person; the case opens with the
// counsellor recorded as who took the consent.
func TestWorkspaceInPersonRegistration(t *testing.T) {
	site := Start(t)
	me := newDesk(t, site, testapp.LiftCounsellor, 1024, 768)
	me.open("#/")
	me.until("the login form", `document.getElementById('login-email')`)
	Axe(t, me.ctx, "login")
	me.login()
	me.click(`[data-testid="nav-register"]`)
	me.until("the offers", `document.querySelector('[data-testid="register-offer-integrationsbegleitung"]')`)
	if n := me.count(`[data-testid="register-offers"] li`); n != 1 {
		t.Fatalf("%d offers to register for; LIFT has one (the others are other Träger's)", n)
	}
	me.click(`[data-testid="register-offer-integrationsbegleitung"]`)
	me.until("the intake form", `document.querySelector('[data-testid="register-form"] [data-testid="field-first_name"]')`)
	Axe(t, me.ctx, "in-person registration")

	// Sending it empty: the errors at the top, linked to their fields.
	me.click(`[data-testid="register-submit"]`)
	me.until("the error summary", `document.querySelector('[data-testid="error-summary"]')?.textContent.includes('Vorname')`)

	me.click("#" + formFieldID("data_processing_consent"))
	for _, a := range [][]string{
		{"first_name", "Farid"}, {"last_name", "Nazari"}, {"birth_date", "1989-04-02"}, {"nationality", "AF"},
		{"has_children", "false"}, {"municipality", "Nordhausen"}, {"postal_code", "99734"}, {"phone", "+49 151 1111111"},
		{"preferred_language", "fa"}, {"german_level", "b2"}, {"residence_status", "recognised_refugee"},
		{"permit_valid_until", time.Now().AddDate(2, 0, 0).Format(time.DateOnly)}, {"jobcenter", "false"},
		{"has_foreign_qualification", "false"}, {"desired_occupation", "Koch"}, {"driving_licence", "none"},
		{"mobility", "public_transport"},
	} {
		me.answer(a[0], a[1:]...)
	}
	me.click(`[data-testid="register-submit"]`)
	me.until("the reference", `document.querySelector('[data-testid="register-reference"]')?.textContent.startsWith('LIFT-')`)
	ref := me.text(`[data-testid="register-reference"]`)
	me.click(`[data-testid="register-open-case"]`)
	me.until("the new case", `document.querySelector('[data-testid="case-state"]')?.dataset.state === 'angemeldet'`)
	me.until("registered in person, in the timeline", `document.querySelector('[data-testid="timeline-item"][data-type="created"]')?.textContent.includes('Persönlich angemeldet')`)

	sub, err := site.App.FindFirstRecordByData("submissions", "reference", ref)
	if err != nil {
		t.Fatal(err)
	}
	counsellor, _ := site.App.FindAuthRecordByEmail("users", testapp.LiftCounsellor)
	var consent []map[string]any
	_ = sub.UnmarshalJSONField("consent", &consent)
	if sub.GetString("channel") != "in_person" || len(consent) == 0 || consent[0]["channel"] != "in_person" ||
		consent[0]["recorded_by"] != counsellor.Id || consent[0]["given"] != true {
		t.Fatalf("submission %s: channel %q, consent %v", ref, sub.GetString("channel"), consent)
	}
	if body := me.js(`document.querySelector('[data-testid="profile"]').innerText`); !strings.Contains(body, "Nazari") || !strings.Contains(body, "persönlich") {
		t.Fatalf("profile: %q", body)
	}
}

var nonIDChars = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

// formFieldID is the form renderer's DOM id of a field path
// (ui/src/lib/form/paths.js): "languages[0].level" → "f-languages-0-level".
func formFieldID(path string) string {
	return "f-" + strings.TrimRight(nonIDChars.ReplaceAllString(path, "-"), "-")
}
