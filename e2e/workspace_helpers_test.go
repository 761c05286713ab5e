package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// desk drives the counsellors' workspace (/workspace/) in one browser tab,
// as a counsellor at their desk or on a tablet. The studio's browser helpers
// (click, typeInto, choose, until) serve here as well.
type desk struct {
	*studio
	email string
}

func newDesk(t *testing.T, site *Site, email string, width, height int) *desk {
	return &desk{studio: newStudio(t, site, width, height), email: email}
}

// open loads the workspace at a hash route.
func (d *desk) open(hash string) {
	d.t.Helper()
	Run(d.t, d.ctx, chromedp.Navigate(d.site.URL+"/workspace/"+hash))
	d.until("the workspace", `document.querySelector('main h1')`)
}

// login signs in with the desk's seeded account and waits for the inbox.
func (d *desk) login() {
	d.t.Helper()
	d.open("#/")
	d.until("the login form", `document.getElementById('login-email')`)
	d.typeInto("#login-email", d.email)
	d.typeInto("#login-password", testapp.Password)
	d.click(`[data-testid="login-submit"]`)
	d.until("signed in", `document.querySelector('[data-testid="user-name"]')`)
	d.until("the inbox", `document.querySelector('[data-testid="inbox-status"]')?.textContent.trim()`)
	d.until("live updates", `document.querySelector('[data-testid="live-status"]')?.textContent.includes('Live')`)
}

// keys types keys into whatever has the focus, as a keyboard does.
func (d *desk) keys(keys string) {
	d.t.Helper()
	Run(d.t, d.ctx, chromedp.KeyEvent(keys))
}

// state is the state key the case view shows.
func (d *desk) state() string {
	d.t.Helper()
	return d.js(`document.querySelector('[data-testid="case-state"]')?.dataset.state || ''`)
}

// setDate sets a date input as a pick in the browser's date picker does
// (the DevTools protocol cannot open the picker).
func (d *desk) setDate(css, iso string) {
	d.t.Helper()
	d.until("the date "+css, `document.querySelector(`+jsString(css)+`)`)
	Run(d.t, d.ctx, chromedp.Focus(chromedp.CSS(css)))
	if got := d.js(`(e => { e.value = ` + jsString(iso) + `; e.dispatchEvent(new Event('input', {bubbles: true}));
		e.dispatchEvent(new Event('change', {bubbles: true})); return e.value })(document.querySelector(` + jsString(css) + `))`); got != iso {
		d.t.Fatalf("date %s: set %q, shows %q", css, iso, got)
	}
}

// take opens a transition of the case view and waits for its step form.
func (d *desk) take(key string) {
	d.t.Helper()
	d.click(fmt.Sprintf(`[data-testid="transition-%s"]`, key))
	d.until("the step form of "+key, fmt.Sprintf(`document.querySelector('[data-testid="step-form"][data-transition=%q]')`, key))
}

// submitStep sends the open step form and waits until the case is in state.
func (d *desk) submitStep(state string) {
	d.t.Helper()
	d.click(`[data-testid="step-submit"]`)
	d.until("the case in "+state, fmt.Sprintf(`document.querySelector('[data-testid="case-state"]')?.dataset.state === %q
		&& !document.querySelector('[data-testid="step-form"]')`, state))
}

// noHorizontalScroll fails when the page is wider than the window.
func (d *desk) noHorizontalScroll(view string) {
	d.t.Helper()
	if w := Eval[[]int](d.t, d.ctx, `[document.documentElement.scrollWidth, window.innerWidth]`); w[0] > w[1] {
		d.t.Fatalf("%s: the page is %d px wide in a window of %d px", view, w[0], w[1])
	}
}

// downloads lets the tab save downloads into a new directory and returns it.
func (d *desk) downloads() string {
	d.t.Helper()
	dir := d.t.TempDir()
	if _, err := chromedp.CallBrowser(d.ctx, browser.SetDownloadBehavior,
		browser.SetDownloadBehaviorParams{Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir}); err != nil {
		d.t.Fatal(err)
	}
	return dir
}

// downloaded waits for a finished download in dir and returns its content.
func downloaded(t *testing.T, dir string) []byte {
	t.Helper()
	deadline := time.Now().Add(studioWait)
	for time.Now().Before(deadline) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".crdownload") {
				raw, err := os.ReadFile(filepath.Join(dir, e.Name()))
				if err == nil && len(raw) > 0 {
					return raw
				}
			}
		}
		time.Sleep(50 * time.Millisecond) // the polling interval
	}
	t.Fatalf("no download in %s after %v", dir, studioWait)
	return nil
}

// userID is the record id of a seeded staff account.
func userID(t *testing.T, site *Site, email string) string {
	t.Helper()
	u, err := site.App.FindAuthRecordByEmail("users", email)
	if err != nil {
		t.Fatal(err)
	}
	return u.Id
}

// call sends a request to the running site (JSON in, status and JSON out).
func call(t *testing.T, site *Site, method, path, token string, headers map[string]string, body any) (int, map[string]any) {
	t.Helper()
	var r io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		r = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, site.URL+path, r)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

// selfRegister registers someone online for LIFT's intake offer through the
// public route, as the registration page does (proof of work included), and
// returns the reference.
func selfRegister(t *testing.T, site *Site, first, last string) string {
	t.Helper()
	_, ch := call(t, site, http.MethodGet, "/api/mp/public/pow", "", nil, nil)
	challenge := ch["challenge"].(string)
	pow := map[string]string{"challenge": challenge, "nonce": testapp.SolvePow(challenge, int(ch["difficulty"].(float64)))}
	answers := map[string]any{
		"data_processing_consent": true, "first_name": first, "last_name": last, "birth_date": "1994-02-20",
		"nationality": "SY", "has_children": false, "municipality": "Nordhausen", "postal_code": "99734",
		"phone": "+49 151 23456789", "preferred_language": "ar", "german_level": "b2",
		"residence_status": "recognised_refugee", "permit_valid_until": "2028-01-31", "jobcenter": false,
		"has_foreign_qualification": false, "desired_occupation": "Elektrikerin", "driving_licence": "none",
		"mobility": []any{"public_transport"},
	}
	status, res := call(t, site, http.MethodPost, "/api/mp/public/offers/lift/integrationsbegleitung/submissions", "",
		map[string]string{"Idempotency-Key": "e2e-workspace-" + strings.ToLower(last)},
		map[string]any{"answers": answers, "language": "ar", "website": "", "pow": pow})
	if status != http.StatusCreated {
		t.Fatalf("self-registration: %d %v", status, res)
	}
	return res["reference"].(string)
}
