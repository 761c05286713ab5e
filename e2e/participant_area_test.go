package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/dbx"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// A participant with an account logs in on their phone, in Arabic, sees
// where their registration stands in Arabic, withdraws a voluntary consent
// as easily as they gave it (stored as withdrawn online), and sees nobody
// else's registration. Logging out forgets the token.
func TestParticipantArea(t *testing.T) {
	site := Start(t)
	ctx := Browser(t, 360, 740)
	Run(t, ctx, chromedp.Navigate(site.URL+"/register/#/me"), chromedp.WaitVisible(chromedp.CSS(`[data-testid="me-login"]`)))
	PickOption(t, ctx, "#mp-language", "ar")
	Until(t, ctx, "the page in Arabic", `document.documentElement.lang === 'ar' && document.documentElement.dir === 'rtl'`)
	TypeInto(t, ctx, "#me-email", testapp.LiftParticipant)
	TypeInto(t, ctx, "#me-password", testapp.Password)
	ClickOn(t, ctx, `[data-testid="me-login"] button[type="submit"]`)
	Until(t, ctx, "the participant's cases", `document.querySelector('[data-testid="my-case-state"]')`)

	text := Get(t, ctx, chromedp.Text(chromedp.CSS(`[data-testid="my-area"]`)))
	for _, want := range []string{"LIFT-", "Ahmad", "تسجيلاتك", "الحالة"} {
		if !strings.Contains(text, want) {
			t.Errorf("the page lacks %q:\n%s", want, text)
		}
	}
	for _, leak := range []string{"BWTW-", "Darwish", "beratung1@"} {
		if strings.Contains(text, leak) {
			t.Errorf("the page shows %q:\n%s", leak, text)
		}
	}

	// The voluntary exchange with the Jobcenter: withdrawn after a second question.
	consent := `[data-testid="my-consent"][data-purpose="jobcenter_exchange"]`
	ClickOn(t, ctx, consent+` [data-testid="me-withdraw"]`)
	ClickOn(t, ctx, consent+` [data-testid="me-withdraw-yes"]`)
	Until(t, ctx, "the withdrawal notice", `document.querySelector('[data-testid="me-notice"]')`)
	Until(t, ctx, "the consent shown as withdrawn", `!document.querySelector('`+consent+` [data-testid="me-withdraw"]')`)
	p := testapp.First(t, site.App, "participants", "lift")
	var withdrawn []struct {
		Channel string `db:"withdrawal_channel"`
	}
	err := site.App.DB().NewQuery("SELECT withdrawal_channel FROM consents c JOIN participant_accounts a ON a.participant = c.participant" +
		" WHERE a.email = {:e} AND c.purpose = 'jobcenter_exchange' AND c.withdrawn_at != ''").
		Bind(dbx.Params{"e": testapp.LiftParticipant}).All(&withdrawn)
	if err != nil || len(withdrawn) != 1 || withdrawn[0].Channel != "online" {
		t.Fatalf("the withdrawal was not stored as given online: %v %+v (participant %s)", err, withdrawn, p.Id)
	}
	Axe(t, ctx, "participant area")

	ClickOn(t, ctx, `[data-testid="me-logout"]`)
	Until(t, ctx, "the login form again", `document.querySelector('[data-testid="me-login"]')`)
	if tok := Eval[string](t, ctx, `sessionStorage.getItem('mp.participant.token') || ''`); tok != "" {
		t.Fatal("the token survived logging out")
	}
}

// A wrong password is said so, in the participant's language, and shows nothing.
func TestParticipantAreaWrongPassword(t *testing.T) {
	site := Start(t)
	ctx := Browser(t, 360, 740)
	Run(t, ctx, chromedp.Navigate(site.URL+"/register/#/me"), chromedp.WaitVisible(chromedp.CSS(`[data-testid="me-login"]`)))
	TypeInto(t, ctx, "#me-email", testapp.LiftParticipant)
	TypeInto(t, ctx, "#me-password", "not-the-password")
	ClickOn(t, ctx, `[data-testid="me-login"] button[type="submit"]`)
	Until(t, ctx, "the login error", `document.querySelector('[data-testid="me-error"]')`)
	if text := Get(t, ctx, chromedp.Text(chromedp.CSS(`[data-testid="me-error"]`))); strings.Contains(text, "me.") || text == "" {
		t.Fatalf("untranslated or empty error: %q", text)
	}
	if n := Eval[int](t, ctx, `document.querySelectorAll('[data-testid="my-case"]').length`); n != 0 {
		t.Fatalf("%d cases shown after a failed login", n)
	}
}
