package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The landing page says what this is and links to the parts.
func TestLandingPage(t *testing.T) {
	site := Start(t)
	ctx := Browser(t, 1024, 768)
	Run(t, ctx, chromedp.Navigate(site.URL+"/"), chromedp.WaitVisible(chromedp.CSS("main")))
	text := Get(t, ctx, chromedp.Text(chromedp.CSS("body")))
	links := Eval[[]string](t, ctx, `[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))`)
	if !strings.Contains(text, "MultiPotenzial") {
		t.Fatalf("landing page text: %.200s", text)
	}
	for _, want := range []string{"/register/", "/_/"} {
		found := false
		for _, l := range links {
			found = found || strings.HasPrefix(l, want)
		}
		if !found {
			t.Errorf("no link to %s in %v", want, links)
		}
	}
	Axe(t, ctx, "landing page")
}
