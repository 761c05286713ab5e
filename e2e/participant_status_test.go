package e2e

import (
	"strings"
	"testing"

	"github.com/pocketbase/dbx"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// statusLogin opens the status page from the header, logs in and waits for
// the cases.
func (p *participant) statusLogin(email, password string) {
	p.t.Helper()
	p.clickOn(`[data-testid="nav-status"]`)
	p.until("the login form", `document.querySelector('[data-testid="status-login"]')`)
	p.audit("status login")
	TypeInto(p.t, p.ctx, "#status-email", email)
	TypeInto(p.t, p.ctx, "#status-password", password)
	p.clickOn(`[data-testid="status-login-submit"]`)
	p.until("the cases", `document.querySelector('[data-testid="status-cases"], [data-testid="status-none"], [data-testid="status-login-error"]')`)
	if p.exists(`[data-testid="status-login-error"]`) {
		p.t.Fatalf("login refused: %s", p.text(`[data-testid="status-login-error"]`))
	}
}

// statusRefs are the references the status page lists.
func (p *participant) statusRefs() []string {
	p.t.Helper()
	return Eval[[]string](p.t, p.ctx, `[...document.querySelectorAll('[data-testid="status-reference"]')].map(e => e.textContent.trim())`)
}

// A participant with an account logs in on the status page in Arabic on a
// narrow phone: right to left, their case with its state in Arabic, what
// comes next, the message sent to them — and no one else's case. A wrong
// password is refused in Arabic too. Axe on every view.
func TestParticipantStatusArabicNarrow(t *testing.T) {
	p := newParticipant(t, 320, 720)
	p.axe, p.narrow = true, true
	app := p.site.App
	account, err := app.FindAuthRecordByEmail("participant_accounts", testapp.BwtwParticipant)
	if err != nil {
		t.Fatal(err)
	}
	own, err := app.FindAllRecords("cases", dbx.HashExp{"participant": account.GetString("participant")})
	if err != nil || len(own) != 1 {
		t.Fatalf("Samir's cases: %d %v", len(own), err)
	}
	others, err := app.FindAllRecords("cases", dbx.Not(dbx.HashExp{"participant": account.GetString("participant")}))
	if err != nil || len(others) == 0 {
		t.Fatalf("other cases: %d %v", len(others), err)
	}

	p.openCatalogue("ar")
	p.clickOn(`[data-testid="nav-status"]`)
	p.until("the login form", `document.querySelector('[data-testid="status-login"]')`)
	TypeInto(t, p.ctx, "#status-email", testapp.BwtwParticipant)
	TypeInto(t, p.ctx, "#status-password", "not-the-password")
	p.clickOn(`[data-testid="status-login-submit"]`)
	p.until("the refusal", `document.querySelector('[data-testid="status-login-error"]')`)
	if got := p.text(`[data-testid="status-login-error"]`); got != "البريد الإلكتروني أو كلمة المرور غير صحيحة." {
		t.Errorf("wrong password: %q", got)
	}
	p.clickOn(`[href="#/"]`)
	p.until("the catalogue", `document.querySelector('[data-testid="offers"]')`)

	p.statusLogin(testapp.BwtwParticipant, testapp.Password)
	if got := Eval[string](t, p.ctx, `document.documentElement.dir + ' ' + document.documentElement.lang`); got != "rtl ar" {
		t.Fatalf("<html dir lang> = %q", got)
	}
	if refs := p.statusRefs(); len(refs) != 1 || refs[0] != own[0].GetString("reference") {
		t.Fatalf("listed %v, want only %s", refs, own[0].GetString("reference"))
	}
	state := `[data-testid="status-state"]`
	if got := p.text(state); got != "تقييم المهارات" {
		t.Errorf("state %q, want the Arabic label of profiling", got)
	}
	if got := Eval[string](t, p.ctx, `document.querySelector('`+state+`').lang`); got != "ar" {
		t.Errorf("state label lang %q", got)
	}
	if got := p.text(`[data-testid="status-next"]`); !strings.Contains(got, "مرافقتك جارية") {
		t.Errorf("next steps %q", got)
	}
	if got := p.text(`[data-testid="status-messages"]`); !strings.Contains(got, own[0].GetString("reference")) {
		t.Errorf("messages %q, want the first-meeting email with the reference", got)
	}
	body := Eval[string](t, p.ctx, `document.body.textContent`)
	for _, c := range others {
		if strings.Contains(body, c.GetString("reference")) {
			t.Errorf("another participant's case %s is shown", c.GetString("reference"))
		}
	}
	p.audit("status (ar)")

	// Logged out, the page forgets the cases.
	p.clickOn(`[data-testid="status-logout"]`)
	p.until("the login form again", `document.querySelector('[data-testid="status-login"]') && !document.querySelector('[data-testid="status-cases"]')`)
	if got := Eval[string](t, p.ctx, `sessionStorage.getItem('mp.participant') || ''`); got != "" {
		t.Errorf("the login is still stored: %s", got)
	}
}

// After registering, a participant creates the optional account on the
// confirmation, follows its link to the status page, logs in and sees the
// new case in its start state — the only one listed.
func TestParticipantRegistersThenFollowsStatus(t *testing.T) {
	p := newParticipant(t, 1024, 768)
	p.open("de")
	p.fillShortest(person{First: "Lina", Last: "Saleh", Town: "Mühlhausen", Occupation: "Köchin"})
	ref := p.submit()

	TypeInto(t, p.ctx, "#account-email", "lina.saleh@example.org")
	TypeInto(t, p.ctx, "#account-password", "ein-langes-passwort")
	p.clickOn(`[data-testid="account"] button[type="submit"]`)
	p.until("the account", `document.querySelector('[data-testid="account-created"]')`)
	p.clickOn(`[data-testid="account-to-status"]`)
	p.until("the login form", `document.querySelector('[data-testid="status-login"]')`)
	TypeInto(t, p.ctx, "#status-email", "lina.saleh@example.org")
	TypeInto(t, p.ctx, "#status-password", "ein-langes-passwort")
	p.clickOn(`[data-testid="status-login-submit"]`)
	p.until("the case", `document.querySelector('[data-testid="status-cases"]')`)

	if refs := p.statusRefs(); len(refs) != 1 || refs[0] != ref {
		t.Fatalf("listed %v, want only %s", refs, ref)
	}
	if got := p.text(`[data-testid="status-state"]`); got != "Angemeldet" {
		t.Errorf("state %q, want Angemeldet", got)
	}
	if got := p.text(`[data-testid="status-next"]`); !strings.Contains(got, "meldet sich bei Ihnen") {
		t.Errorf("next steps %q", got)
	}
	Axe(t, p.ctx, "status (de)")
}
