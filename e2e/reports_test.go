package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// reportsSignIn opens /reports/ for the last twelve months (the demo data
// lies within them) and signs in as email.
func reportsSignIn(t *testing.T, ctx context.Context, site *Site, email string) {
	t.Helper()
	now := time.Now()
	from, to := now.AddDate(0, -11, 0).Format("2006-01"), now.Format("2006-01")
	Run(t, ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(site.URL+"/reports/?from="+from+"&to="+to))
	Until(t, ctx, "the login form", `document.getElementById('login-email')`)
	TypeInto(t, ctx, "#login-email", email)
	TypeInto(t, ctx, "#login-password", testapp.Password)
	ClickOn(t, ctx, `[data-testid="login-submit"]`)
	Until(t, ctx, "the report", `document.querySelector('[data-testid="table-capacity_month"]')`)
}

// reportsText is the visible text of the page.
func reportsText(t *testing.T, ctx context.Context) string {
	return Eval[string](t, ctx, `document.querySelector('main').innerText`)
}

// catchDownloads records what the page saves (the file name and whether it
// is a blob the page fetched) instead of saving it.
func catchDownloads(t *testing.T, ctx context.Context) {
	Eval[bool](t, ctx, `(() => { window.__saved = [];
		HTMLAnchorElement.prototype.click = function () {
			window.__saved.push(this.download + (this.href.startsWith('blob:') ? ' (blob)' : ''));
		};
		return true })()`)
}

// LIFT's admin sees LIFT's figures as tables and charts, downloads them, and
// a wrong period is said at its field; the network admin sees every Träger
// with small counts suppressed, and no person. Both pages pass axe.
func TestReportsPage(t *testing.T) {
	site := Start(t)
	ctx := Browser(t, 1280, 900)

	reportsSignIn(t, ctx, site, testapp.LiftAdmin)
	if h1 := Eval[string](t, ctx, `document.querySelector('main h1').textContent`); h1 != "Bericht: LIFT gGmbH" {
		t.Fatalf("heading %q", h1)
	}
	// The demo's four LIFT cases are open today.
	if total := Eval[string](t, ctx, `[...document.querySelectorAll('[data-testid="table-stock_state"] tr.total td')].map(c => c.textContent.trim()).join(' ')`); total != "4" {
		t.Fatalf("LIFT's stock %q", total)
	}
	charts := Eval[int](t, ctx, `document.querySelectorAll('figure.chart svg[role="img"] rect.bar').length`)
	if charts == 0 {
		t.Fatal("no bars drawn")
	}
	if text := reportsText(t, ctx); strings.Contains(text, "BWTW") || strings.Contains(text, "<5") {
		t.Fatalf("LIFT's report shows another Träger or suppression:\n%.500s", text)
	}
	Axe(t, ctx, "the reports page of a Träger")

	catchDownloads(t, ctx)
	ClickOn(t, ctx, `[data-testid="download-csv"]`)
	Until(t, ctx, "the CSV saved", `document.querySelector('[data-testid="status"]').textContent.includes('.csv')`)
	ClickOn(t, ctx, `[data-testid="download-xlsx"]`)
	Until(t, ctx, "the XLSX saved", `document.querySelector('[data-testid="status"]').textContent.includes('.xlsx')`)
	saved := Eval[[]string](t, ctx, `window.__saved`)
	if len(saved) != 2 || !strings.HasPrefix(saved[0], "multipotenzial-bericht-lift-") ||
		!strings.HasSuffix(saved[0], ".csv (blob)") || !strings.HasSuffix(saved[1], ".xlsx (blob)") {
		t.Fatalf("downloads %q", saved)
	}

	// A period that ends before it starts: said at the field, nothing asked.
	Eval[bool](t, ctx, `(e => { e.value = '2099-01'; e.dispatchEvent(new Event('input', {bubbles: true})); return true })(document.getElementById('period-from'))`)
	ClickOn(t, ctx, `[data-testid="show"]`)
	Until(t, ctx, "the field's error", `document.getElementById('period-from-error')`)
	if Eval[string](t, ctx, `document.getElementById('period-from').getAttribute('aria-invalid')`) != "true" {
		t.Fatal("the field is not marked invalid")
	}
	Axe(t, ctx, "the reports page with a wrong period")

	ClickOn(t, ctx, `[data-testid="logout"]`)
	reportsSignIn(t, ctx, site, testapp.NetworkAdmin)
	if h1 := Eval[string](t, ctx, `document.querySelector('main h1').textContent`); h1 != "Bericht: Netzwerk" {
		t.Fatalf("heading %q", h1)
	}
	Until(t, ctx, "the legend of suppressed counts", `document.querySelector('[data-testid="legend"]')`)
	heads := Eval[string](t, ctx, `[...document.querySelectorAll('[data-testid="table-entries"] thead th')].map(c => c.textContent).join('|')`)
	if heads != "Monat|BWTW|FAU|LIFT|VHS-Bildungswerk|Netzwerk" {
		t.Fatalf("columns %q", heads)
	}
	text := reportsText(t, ctx)
	if !strings.Contains(text, "<5") {
		t.Fatalf("no suppressed count:\n%.800s", text)
	}
	for _, person := range []string{"Al-Hassan", "Haidari", "Kovalenko", "Tesfaye", "Darwish", "Ahmadi", "Bondarenko", "Demir", "LIFT-20", "BWTW-20"} {
		if strings.Contains(text, person) {
			t.Fatalf("the network report names %q", person)
		}
	}
	Axe(t, ctx, "the network report")
}
