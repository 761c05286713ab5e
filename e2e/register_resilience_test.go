package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
	"github.com/pocketbase/dbx"
)

// The connection drops while the registration is sent, after the server
// has stored it: the page says it is sending again, resends by itself with
// the same Idempotency-Key and the same body, and shows the reference of the
// one registration stored.
func TestRegisterConnectionDropsDuringSubmit(t *testing.T) {
	p := newParticipant(t, 1024, 768)
	held := intercept(t, p.ctx, hold{"/submissions", fetch.RequestStageResponse, func(n int, _ paused) bool { return n > 1 }})
	before := p.counts()
	p.open("de")
	p.fillShortest(person{First: "Olena", Last: "Kovalenko", Town: "Nordhausen", Occupation: "Buchhalterin"})
	var draft struct{ Key string }
	if err := json.Unmarshal([]byte(p.draft()), &draft); err != nil || draft.Key == "" {
		t.Fatalf("draft %q: %v", p.draft(), err)
	}
	p.clickSubmit()

	p.until("the page saying it sends again", `document.querySelector('[data-testid="send-status"]').textContent.includes('Verbindung unterbrochen')`)
	if p.exists(`[data-testid="reference"]`) {
		t.Fatal("a reference although the response never arrived")
	}
	if after := p.counts(); after.Submissions != before.Submissions+1 {
		t.Fatalf("the first request was not stored before its response was lost: %+v → %+v", before, after)
	}
	ref := p.reference()

	reqs := held.Seen("/submissions")
	if len(reqs) != 2 {
		t.Fatalf("%d submission requests, want the lost one and one retry", len(reqs))
	}
	for i, r := range reqs {
		if key := r.Request.Headers["Idempotency-Key"]; key != draft.Key {
			t.Errorf("request %d: Idempotency-Key %v, want the draft's %s", i+1, key, draft.Key)
		}
		if reqs[i].ResponseStatusCode != 201 {
			t.Errorf("request %d: status %d, want 201", i+1, reqs[i].ResponseStatusCode)
		}
	}
	if requestBody(reqs[0]) != requestBody(reqs[1]) {
		t.Errorf("the retry sent another body:\n%s\n%s", requestBody(reqs[0]), requestBody(reqs[1]))
	}
	n, err := p.site.App.CountRecords("submissions", dbx.HashExp{"idempotency_key": draft.Key})
	if err != nil || n != 1 {
		t.Fatalf("%d submissions with the key (%v), want 1", n, err)
	}
	if after := p.counts(); after != (storedCounts{before.Submissions + 1, before.Participants + 1, before.Cases + 1}) {
		t.Fatalf("stored %+v → %+v, want one more of each", before, after)
	}
	if r := p.stored(ref); r.Submission.GetString("idempotency_key") != draft.Key || r.Answers["last_name"] != "Kovalenko" {
		t.Errorf("the reference shown is of another registration: %s", r.Submission.GetString("idempotency_key"))
	}
}

// A reload keeps what was typed: the same step, the answers, a notice that
// they were restored. After a successful submission the draft is gone from
// the device.
func TestRegisterDraftSurvivesReload(t *testing.T) {
	p := newParticipant(t, 1024, 768)
	p.open("de")
	p.fillPerson(person{First: "Mariam", Last: "Haidari"})
	p.choose("gender", "female")
	p.next()
	p.typeText("municipality", "Bleicherode")
	p.choose("german_level", "b2")
	p.until("the draft saved", `(localStorage.getItem('`+draftKey+`') || '').includes('Bleicherode')`)

	Run(t, p.ctx, chromedp.Reload())
	p.until("the restored form", `document.getElementById('f-municipality')`)
	if s := p.step(); s != "Schritt 2 von 4" {
		t.Errorf("after the reload on %q, want step 2", s)
	}
	if !strings.Contains(p.text("main"), "Ihre gespeicherten Angaben wurden wiederhergestellt.") {
		t.Error("no notice that the answers were restored")
	}
	values := func() string {
		return Eval[string](t, p.ctx, `[...document.querySelectorAll('main input:not([type=radio]):not([type=checkbox]), main select')]
			.filter(e => e.value).map(e => e.id + '=' + e.value).concat(
			[...document.querySelectorAll('main input:checked')].map(e => e.id)).join(' ')`)
	}
	if got := values(); got != "f-municipality=Bleicherode f-german_level=b2" {
		t.Errorf("step 2 after the reload: %s", got)
	}
	p.clickOn(`.actions button.secondary`)
	p.until("step 1", `document.querySelector('[data-testid="step"]').textContent.includes('Schritt 1 von 4')`)
	if got := values(); got != "f-first_name=Mariam f-last_name=Haidari f-birth_date=1990-05-14 f-nationality=SY f-data_processing_consent f-gender f-has_children-1" {
		t.Errorf("step 1 after the reload: %s", got)
	}

	p.next()
	p.fillRest(person{Town: "Bleicherode", Occupation: "Pflegehelferin"})
	p.submit()
	if d := p.draft(); d != "" {
		t.Errorf("the draft is still on the device after the submission: %.200s", d)
	}
	if left := Eval[string](t, p.ctx, `JSON.stringify(localStorage)`); strings.Contains(left, "Haidari") {
		t.Errorf("the answers are still on the device: %.300s", left)
	}
}
