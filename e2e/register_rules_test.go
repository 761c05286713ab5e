package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/fetch"
)

// Fields and steps come and go with the answers, as the server's evaluate
// route decides (the page has no rule sources): a nationality not in the
// list asks which one; children add a step, and within it childcare is
// asked only for a child under 14. What was answered in a part that went
// away is neither sent nor stored.
func TestRegisterConditionalFields(t *testing.T) {
	p := newParticipant(t, 1024, 768)
	held := intercept(t, p.ctx, hold{"/submissions", fetch.RequestStageRequest, passAll}, hold{"/evaluate", fetch.RequestStageRequest, passAll})
	p.open("de")
	const other = "#f-nationality_other"

	if p.exists(other) {
		t.Fatal("the question for another nationality is shown before one chose 'other'")
	}
	p.choose("nationality", "other")
	p.until("the question for another nationality", `document.querySelector('`+other+`')`)
	if got := p.text("#f-nationality_other-label"); !strings.HasPrefix(got, "Welche Staatsangehörigkeit?") || !strings.Contains(got, "Pflichtfeld") {
		t.Errorf("label %q, want the required question", got)
	}
	p.typeText("nationality_other", "Kurdistan")
	p.choose("nationality", "SY")
	p.until("the question for another nationality to go", `!document.querySelector('`+other+`')`)

	stepsNow := func(want string) {
		t.Helper()
		p.until("the progress "+want, `document.querySelector('[data-testid="step"]').textContent.trim() === '`+want+`'`)
	}
	stepsNow("Schritt 1 von 4")
	p.choose("has_children", "true")
	stepsNow("Schritt 1 von 5")
	p.choose("has_children", "false")
	stepsNow("Schritt 1 von 4")
	p.choose("has_children", "true")
	stepsNow("Schritt 1 von 5")
	if len(held.Seen("/evaluate")) == 0 {
		t.Fatal("fields came and went without the evaluate route")
	}

	// To the children step and answer it.
	p.click("data_processing_consent")
	p.typeText("first_name", "Dawit")
	p.typeText("last_name", "Tesfaye")
	p.setDate("birth_date", "1998-11-20")
	p.next()
	p.fillRest(person{Town: "Mühlhausen", Occupation: "Mechatroniker"})
	p.next()
	stepsNow("Schritt 5 von 5")
	p.typeText("children_count", "3")
	p.setDate("youngest_child_birth_date", "2008-04-01")
	p.until("no childcare question for a 17-year-old", `!document.getElementById('f-childcare_needed')`)
	p.setDate("youngest_child_birth_date", "2021-06-01")
	p.choose("childcare_needed", "yes")
	p.until("the childcare times", `document.getElementById('f-childcare_times')`)

	// Back to step 1: no children after all. The children step goes.
	for s := 5; s > 1; s-- {
		p.clickOn(`.actions button.secondary`)
		stepsNow(fmt.Sprintf("Schritt %d von 5", s-1))
	}
	p.choose("has_children", "false")
	stepsNow("Schritt 1 von 4")
	p.next()
	p.next()
	p.next()
	stepsNow("Schritt 4 von 4")
	ref := p.submit()

	gone := []string{"nationality_other", "children_count", "youngest_child_birth_date", "childcare_needed", "childcare_times"}
	reqs := held.Seen("/submissions")
	if len(reqs) != 1 {
		t.Fatalf("%d submission requests, want 1", len(reqs))
	}
	var req struct{ Answers map[string]any }
	if err := json.Unmarshal([]byte(requestBody(reqs[0])), &req); err != nil {
		t.Fatalf("submission body: %v", err)
	}
	stored := p.stored(ref).Answers
	for _, key := range gone {
		if v, ok := req.Answers[key]; ok {
			t.Errorf("the hidden answer %s = %v was sent", key, v)
		}
		if v, ok := stored[key]; ok {
			t.Errorf("the hidden answer %s = %v was stored", key, v)
		}
	}
	if stored["has_children"] != false || stored["nationality"] != "SY" || stored["last_name"] != "Tesfaye" {
		t.Errorf("stored %v %v %v", stored["has_children"], stored["nationality"], stored["last_name"])
	}
}

// An error only the server finds — the evaluate route is unreachable, so
// the page cannot know that the person is under 18 — comes back with the
// submission and shows at its field: the message of the form's rule next to
// the input, the input aria-invalid and described by the message, the step
// of the field shown, the error summary linking to it. Nothing is stored.
// Once the evaluate route answers again the same rule shows while typing, and
// a corrected date goes through.
func TestRegisterServerErrorAtField(t *testing.T) {
	p := newParticipant(t, 1024, 768)
	p.axe = true
	var up atomic.Bool // the evaluate route: unreachable until set
	intercept(t, p.ctx, hold{"/evaluate", fetch.RequestStageRequest, func(int, paused) bool { return up.Load() }})
	before := p.counts()
	p.open("de")
	p.fillPerson(person{First: "Noor", Last: "Rahimi"})
	p.setDate("birth_date", "2015-01-01")
	p.next()
	p.fillRest(person{Town: "Nordhausen", Occupation: "Friseurin"})
	p.clickSubmit()

	const msg = "Für die Anmeldung müssen Sie mindestens 18 Jahre alt sein."
	p.until("the error at the birth date", `document.getElementById('f-birth_date-error')`)
	if s := p.step(); s != "Schritt 1 von 4" {
		t.Errorf("step %q, want the step of the birth date", s)
	}
	if got := p.text(`[data-testid="field-birth_date"] #f-birth_date-error`); got != msg {
		t.Errorf("error in the field %q, want %q", got, msg)
	}
	input := Eval[[]string](t, p.ctx, `(e => [e.getAttribute('aria-invalid'), e.getAttribute('aria-describedby')])(document.getElementById('f-birth_date'))`)
	if input[0] != "true" || !strings.Contains(" "+input[1]+" ", " f-birth_date-error ") {
		t.Errorf("input aria-invalid=%q aria-describedby=%q, want true and the error's id", input[0], input[1])
	}
	links := Eval[[]string](t, p.ctx, `[...document.querySelectorAll('[data-testid="error-summary"] a')].map(a => a.getAttribute('href') + ' ' + a.textContent)`)
	if len(links) != 1 || !strings.HasPrefix(links[0], "#f-birth_date Geburtsdatum") || !strings.Contains(links[0], msg) {
		t.Errorf("error summary links %q", links)
	}
	if got := Eval[string](t, p.ctx, `document.activeElement.dataset.testid || document.activeElement.id`); got != "error-summary" {
		t.Errorf("focus on %q, want the error summary", got)
	}
	Axe(t, p.ctx, "server error at a field")
	if after := p.counts(); after != before {
		t.Fatalf("a refused registration stored something: %+v → %+v", before, after)
	}

	up.Store(true)
	p.setDate("birth_date", "2016-03-01")
	p.until("the rule's message while typing", `document.getElementById('f-birth_date-error')?.textContent.trim() === '`+msg+`'`)
	p.setDate("birth_date", "1990-05-14")
	p.until("the message to go", `!document.getElementById('f-birth_date-error')`)
	if got := Eval[string](t, p.ctx, `document.getElementById('f-birth_date').getAttribute('aria-invalid')`); got != "false" {
		t.Errorf("aria-invalid %q after the correction", got)
	}
	p.next()
	p.next()
	p.next()
	if r := p.stored(p.submit()); r.Answers["birth_date"] != "1990-05-14" {
		t.Errorf("stored birth date %v", r.Answers["birth_date"])
	}
}
