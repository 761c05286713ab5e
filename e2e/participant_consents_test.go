package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/dbx"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// On their own page (#/me is the same as #/status) a participant withdraws a
// voluntary consent as easily as they gave it, on a phone and in Arabic: a
// second question, then it shows as withdrawn and is stored as withdrawn
// online. The other consents and the download of their data stay there, and
// logging out forgets the login.
func TestParticipantWithdrawsConsent(t *testing.T) {
	site := Start(t)
	ctx := Browser(t, 360, 740)
	Run(t, ctx, chromedp.Navigate(site.URL+"/register/#/me"), chromedp.WaitVisible(chromedp.CSS(`[data-testid="status-login"]`)))
	PickOption(t, ctx, "#mp-language", "ar")
	Until(t, ctx, "the page in Arabic", `document.documentElement.lang === 'ar' && document.documentElement.dir === 'rtl'`)
	TypeInto(t, ctx, "#status-email", testapp.LiftParticipant)
	TypeInto(t, ctx, "#status-password", testapp.Password)
	ClickOn(t, ctx, `[data-testid="status-login-submit"]`)
	Until(t, ctx, "the consents", `document.querySelector('[data-testid="my-consent"]')`)

	text := Get(t, ctx, chromedp.Text(chromedp.CSS(`[data-testid="my-consents"]`)))
	if !strings.Contains(text, "موافقاتك") {
		t.Errorf("the consents are not in Arabic:\n%s", text)
	}
	consent := `[data-testid="my-consent"][data-purpose="jobcenter_exchange"]`
	ClickOn(t, ctx, consent+` [data-testid="me-withdraw"]`)
	ClickOn(t, ctx, consent+` [data-testid="me-withdraw-yes"]`)
	Until(t, ctx, "the withdrawal notice", `document.querySelector('[data-testid="me-notice"]')`)
	Until(t, ctx, "the consent shown as withdrawn", `!document.querySelector('`+consent+` [data-testid="me-withdraw"]')`)
	var channels []string
	err := site.App.DB().NewQuery("SELECT c.withdrawal_channel FROM consents c JOIN participant_accounts a ON a.participant = c.participant" +
		" WHERE a.email = {:e} AND c.purpose = 'jobcenter_exchange' AND c.withdrawn_at != ''").
		Bind(dbx.Params{"e": testapp.LiftParticipant}).Column(&channels)
	if err != nil || len(channels) != 1 || channels[0] != "online" {
		t.Fatalf("the withdrawal was not stored as given online: %v %v", err, channels)
	}
	if n := Eval[int](t, ctx, `document.querySelectorAll('[data-testid="me-withdraw"]').length`); n == 0 {
		t.Error("the other consents lost their withdraw buttons")
	}
	if Eval[int](t, ctx, `document.querySelectorAll('[data-testid="me-export"]').length`) != 1 {
		t.Error("no download of the person's own data")
	}
	Axe(t, ctx, "participant page with consents")

	ClickOn(t, ctx, `[data-testid="status-logout"]`)
	Until(t, ctx, "the login form again", `document.querySelector('[data-testid="status-login"]')`)
	if n := Eval[int](t, ctx, `document.querySelectorAll('[data-testid="my-consent"]').length`); n != 0 {
		t.Fatalf("%d consents still shown after logging out", n)
	}
}
