package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// studio drives the admin studio (/studio/) of one site in one browser tab
// the way an admin does: clicks, types, drags.
type studio struct {
	t    *testing.T
	ctx  context.Context
	site *Site
}

func newStudio(t *testing.T, site *Site, width, height int) *studio {
	s := &studio{t: t, ctx: Browser(t, width, height), site: site}
	// A failed test leaves a screenshot when MP_E2E_SHOTS names a directory
	// (this runs before the browser closes: cleanups run last in, first out).
	t.Cleanup(func() {
		if t.Failed() {
			s.shot("failed")
		}
	})
	return s
}

// studioWait is how long the studio helpers wait (the shared WaitTimeout;
// the workspace's helpers use it too).
const studioWait = WaitTimeout

// until waits for the JavaScript condition (the shared Until).
func (s *studio) until(what, cond string) {
	s.t.Helper()
	Until(s.t, s.ctx, what, cond)
}

// shot saves a screenshot when MP_E2E_SHOTS names a directory (for looking
// at a failure); it does nothing otherwise.
func (s *studio) shot(name string) {
	dir := os.Getenv("MP_E2E_SHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(s.ctx, chromedp.FullScreenshot(100))
	if err == nil {
		_ = os.WriteFile(filepath.Join(dir, s.t.Name()[strings.LastIndex(s.t.Name(), "/")+1:]+"-"+name+".png"), png, 0o600)
	}
}

func (s *studio) js(expr string) string {
	s.t.Helper()
	return Eval[string](s.t, s.ctx, expr)
}

func (s *studio) text(css string) string {
	s.t.Helper()
	return s.js(`(document.querySelector(` + jsString(css) + `)?.textContent || '').replace(/\s+/g, ' ').trim()`)
}

func (s *studio) count(css string) int {
	s.t.Helper()
	return Eval[int](s.t, s.ctx, `document.querySelectorAll(`+jsString(css)+`).length`)
}

// open loads the studio at a hash route and waits for its main heading.
func (s *studio) open(hash string) {
	s.t.Helper()
	// Leaving with unsaved drafts asks first (beforeunload): let the autosave finish.
	s.until("the drafts saved before leaving", `!document.querySelector('.save-state.pending, .save-state.saving')`)
	// From a blank page: navigating to another hash of the same page would not load it again.
	Run(s.t, s.ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(s.site.URL+"/studio/"+hash))
	s.until("the studio", `document.querySelector('main h1')`)
}

// login signs in with a seeded account and waits for the offer list.
func (s *studio) login(email string) {
	s.t.Helper()
	s.open("#/")
	s.until("the login form", `document.getElementById('login-email')`)
	s.typeInto("#login-email", email)
	s.typeInto("#login-password", testapp.Password)
	s.click(`[data-testid="login-submit"]`)
	s.until("signed in", `document.querySelector('[data-testid="who"]')`)
}

// click clicks the element with the mouse where it is shown (the shared ClickOn).
func (s *studio) click(css string) {
	s.t.Helper()
	ClickOn(s.t, s.ctx, css)
}

// point scrolls the element into view and returns its centre once it is
// the element (or inside it) that the pointer would hit there (as ClickOn
// does; a drag needs the point itself).
func (s *studio) point(css string) (float64, float64) {
	s.t.Helper()
	Eval[bool](s.t, s.ctx, `(window.__at = null, true)`)
	s.until("a place to click "+css, `(() => { const e = document.querySelector(`+jsString(css)+`); if (!e || e.disabled) return false;
		e.scrollIntoView({block: 'center', behavior: 'instant'});
		const r = e.getBoundingClientRect(), x = r.x + r.width / 2, y = r.y + r.height / 2;
		const hit = document.elementFromPoint(x, y);
		if (!hit || !(hit === e || e.contains(hit) || hit.closest('label')?.control === e)) return false;
		// Only where it stays: a check or a save landing meanwhile can shift the page.
		const was = window.__at;
		window.__at = [x, y];
		return !!was && was[0] === x && was[1] === y })()`)
	xy := Eval[[]float64](s.t, s.ctx, `window.__at`)
	return xy[0], xy[1]
}

// typeInto replaces the value of an input or text area by typing (the shared TypeInto).
func (s *studio) typeInto(css, text string) {
	s.t.Helper()
	TypeInto(s.t, s.ctx, css, text)
}

// choose picks a value in a <select> (the shared PickOption).
func (s *studio) choose(css, value string) {
	s.t.Helper()
	PickOption(s.t, s.ctx, css, value)
}

// saved waits until the drafts are saved on the server.
func (s *studio) saved() {
	s.t.Helper()
	s.until("the draft saved", `document.querySelector('[data-testid="save-state"]')?.classList.contains('saved')`)
}

// tab opens a tab of the offer editor.
func (s *studio) tab(name string) {
	s.t.Helper()
	s.click(fmt.Sprintf(`[data-testid="tab-%s"]`, name))
	s.until("the tab "+name, fmt.Sprintf(`document.querySelector('[data-testid="panel-%s"]')`, name))
}

// offerDrafts reads an offer's saved drafts from the database.
func (s *studio) offerDrafts(id string) (form, workflow map[string]any) {
	s.t.Helper()
	rec, err := s.site.App.FindRecordById("offer_types", id)
	if err != nil {
		s.t.Fatal(err)
	}
	_ = json.Unmarshal([]byte(rec.GetString("form_draft")), &form)
	_ = json.Unmarshal([]byte(rec.GetString("workflow_draft")), &workflow)
	return form, workflow
}

// offerID is the id of the offer the editor shows (from the location).
func (s *studio) offerID() string {
	s.t.Helper()
	return s.js(`location.hash.split('/')[2] || ''`)
}
