package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A participant registers in German for BWTW's offer through the
// catalogue, answers the whole demo intake form step by step, and gets a
// reference; the server holds exactly one submission, participant and case
// with those answers, the case in its start state. Axe on every view.
func TestRegisterGerman(t *testing.T) {
	p := newParticipant(t, 1024, 768)
	p.axe = true
	before := p.counts()
	p.openCatalogue("de")
	Axe(t, p.ctx, "catalogue")
	p.chooseOffer()
	if got := p.text("h1"); got != "Anmeldung Integrationsbegleitung" {
		t.Fatalf("heading %q", got)
	}

	// Step 1: consent and person. Children: yes, so the children step follows.
	p.click("data_processing_consent")
	p.typeText("first_name", "Amal")
	p.typeText("last_name", "Haddad")
	p.setDate("birth_date", "1990-05-14")
	p.until("the age calculated by the server", `/^\d+$/.test(document.getElementById('f-age_years').textContent.trim())`)
	p.choose("gender", "female")
	p.choose("nationality", "SY")
	p.choose("has_children", "true")
	p.until("five steps", `document.querySelector('[data-testid="step"]').textContent.includes('Schritt 1 von 5')`)
	p.next()

	// Step 2: where, how to reach, languages.
	p.typeText("municipality", "Mühlhausen")
	p.typeText("postal_code", "99974")
	p.typeText("phone", "+49 151 23456789")
	p.choose("messenger", "whatsapp", "signal") // shown once there is a phone number
	p.typeText("email", "amal.haddad@example.org")
	p.choose("preferred_language", "ar")
	p.choose("german_level", "a2")
	p.addRow("languages", 0, "language")
	p.typeText("languages[0].language", "Arabisch")
	p.choose("languages[0].level", "native")
	p.choose("integration_course", "attending")
	p.next()

	// Step 3: residence and Jobcenter.
	p.choose("residence_status", "recognised_refugee")
	p.setDate("permit_valid_until", time.Now().AddDate(2, 0, 0).Format(time.DateOnly))
	p.choose("jobcenter", "true")
	p.choose("jobcenter_office", "nordhausen")
	p.click("jobcenter_consent")
	p.next()

	// Step 4: school, work, a certificate to upload, mobility.
	p.typeText("school_years", "12")
	p.choose("school_certificate", "higher")
	p.choose("has_foreign_qualification", "true")
	p.typeText("qualification_title", "Grundschullehrerin")
	p.choose("recognition_status", "in_progress")
	pdf := filepath.Join(t.TempDir(), "zeugnis.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	Run(t, p.ctx, chromedp.SetUploadFiles(chromedp.ID(p.waitField("qualification_documents")), []string{pdf}))
	p.until("the chosen document listed", `document.querySelector('[data-testid="field-qualification_documents"] .files')?.textContent.includes('zeugnis.pdf')`)
	p.addRow("work_experience", 0, "occupation")
	p.typeText("work_experience[0].occupation", "Lehrerin")
	p.typeText("work_experience[0].country", "Syrien")
	p.typeText("work_experience[0].years", "6")
	p.choose("work_experience[0].has_certificate", "false")
	p.typeText("desired_occupation", "Erzieherin")
	p.choose("driving_licence", "foreign")
	p.choose("mobility", "public_transport", "bicycle")
	p.typeText("max_commute_minutes", "45")
	p.next()

	// Step 5: children.
	if s := p.step(); s != "Schritt 5 von 5" {
		t.Fatalf("step %q, want the children step 5 of 5", s)
	}
	p.typeText("children_count", "2")
	p.setDate("youngest_child_birth_date", "2022-09-01")
	p.choose("childcare_needed", "yes")
	p.choose("childcare_times", "morning")
	ref := p.submit()

	if !regexp.MustCompile(fmt.Sprintf(`^BWTW-%d-\d{5}$`, time.Now().Year())).MatchString(ref) {
		t.Fatalf("reference %q, want BWTW-%d-NNNNN", ref, time.Now().Year())
	}
	if title := p.text(`[data-testid="confirmation"] h1`); !strings.Contains(title, "Ihre Anmeldung ist angekommen") {
		t.Fatalf("confirmation heading %q", title)
	}
	Axe(t, p.ctx, "confirmation")

	after := p.counts()
	if after != (storedCounts{before.Submissions + 1, before.Participants + 1, before.Cases + 1}) {
		t.Fatalf("stored %+v → %+v, want one more of each", before, after)
	}
	r := p.stored(ref)
	a := r.Answers
	for key, want := range map[string]any{
		"first_name": "Amal", "last_name": "Haddad", "birth_date": "1990-05-14", "nationality": "SY",
		"municipality": "Mühlhausen", "postal_code": "99974", "german_level": "a2", "has_children": true,
		"qualification_title": "Grundschullehrerin", "children_count": 2.0, "childcare_needed": "yes",
		"data_processing_consent": true, "jobcenter_office": "nordhausen",
	} {
		if a[key] != want {
			t.Errorf("stored answer %s = %#v, want %#v", key, a[key], want)
		}
	}
	if got := fmt.Sprint(a["languages"], a["work_experience"], a["mobility"]); got !=
		"[map[language:Arabisch level:native]] [map[country:Syrien has_certificate:false occupation:Lehrerin years:6]] [public_transport bicycle]" {
		t.Errorf("stored rows and choices: %s", got)
	}
	if docs := r.Submission.GetStringSlice("documents"); len(docs) != 1 || !strings.Contains(fmt.Sprint(a["qualification_documents"]), docs[0]) {
		t.Errorf("stored document %v, answer %v", docs, a["qualification_documents"])
	}
	if r.Participant.GetString("last_name") != "Haddad" || r.Participant.GetString("first_name") != "Amal" ||
		r.Participant.GetString("status") != "registered" {
		t.Errorf("participant %s %s (%s)", r.Participant.GetString("first_name"), r.Participant.GetString("last_name"), r.Participant.GetString("status"))
	}
	if r.Case.GetString("state") != "angemeldet" {
		t.Errorf("case state %q, want angemeldet", r.Case.GetString("state"))
	}
	if r.Submission.GetString("language") != "de" {
		t.Errorf("submission language %q", r.Submission.GetString("language"))
	}
}

// The same in Arabic on a 320 px phone: the page is right-to-left, the
// form's labels are Arabic, nothing scrolls sideways, and the registration
// goes through. Axe on every view.
func TestRegisterArabicNarrow(t *testing.T) {
	p := newParticipant(t, 320, 720)
	p.axe, p.narrow = true, true
	p.openCatalogue("ar")
	if got := Eval[string](t, p.ctx, `document.documentElement.dir + ' ' + document.documentElement.lang`); got != "rtl ar" {
		t.Fatalf("<html dir lang> = %q, want rtl ar", got)
	}
	p.audit("catalogue (ar)")
	p.chooseOffer()
	for css, want := range map[string]string{
		"#f-first_name-label":   "الاسم الأول",
		"#f-has_children-label": "هل لديك أطفال؟",
		`[data-testid="step"]`:  "الخطوة 1 من 4",
		`[data-testid="next"]`:  "التالي",
	} {
		if got := p.text(css); !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q", css, got, want)
		}
	}
	if got := Eval[string](t, p.ctx, `document.querySelector('[data-testid="section-person"]').closest('[dir]').dir`); got != "rtl" {
		t.Errorf("the form is %q, want rtl", got)
	}

	p.fillShortest(person{First: "أمل", Last: "حداد", Town: "نوردهاوزن", Occupation: "طباخة"})
	ref := p.submit()
	if !regexp.MustCompile(`^BWTW-\d{4}-\d{5}$`).MatchString(ref) {
		t.Fatalf("reference %q", ref)
	}
	if got := p.text(`[data-testid="confirmation"] h1`); !strings.Contains(got, "وصل تسجيلك") {
		t.Errorf("confirmation heading %q, want Arabic", got)
	}
	p.audit("confirmation (ar)")

	r := p.stored(ref)
	if r.Answers["last_name"] != "حداد" || r.Submission.GetString("language") != "ar" || r.Participant.GetString("first_name") != "أمل" {
		t.Errorf("stored %v / %s / %s", r.Answers["last_name"], r.Submission.GetString("language"), r.Participant.GetString("first_name"))
	}
}
