package e2e

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focused is the element that has the keyboard focus.
type focused struct {
	ID, Tag, TestID, Name string
	Ring                  bool // a visible focus indicator: an outline or a box shadow
}

const focusedJS = `(() => {
	const e = document.activeElement, cs = getComputedStyle(e);
	const text = (ids) => (ids || '').split(' ').map((i) => document.getElementById(i)?.textContent || '').join(' ');
	const name = [...(e.labels || [])].map((l) => l.textContent).join(' ') || e.getAttribute('aria-label') ||
		text(e.getAttribute('aria-labelledby')) || (e.tagName === 'A' || e.tagName === 'BUTTON' ? e.textContent : '');
	return { ID: e.id, Tag: e.tagName, TestID: e.dataset.testid || '', Name: name.trim(),
		Ring: (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none' };
})()`

// press sends keys (kb.Tab, " ", kb.ArrowDown, "Amal") to the focused
// element.
func (p *participant) press(keys string, opts ...chromedp.KeyOption) {
	p.t.Helper()
	Run(p.t, p.ctx, chromedp.KeyEvent(keys, opts...))
}

// enter presses Enter as a keyboard does: one keyDown that carries the text
// "\r", and keyUp. (chromedp's KeyEvent sends a separate char event too,
// which a keyboard does not after a handled keydown: a link that moves the
// focus on keydown would pass that Enter on to the field it focused.)
func (p *participant) enter() {
	p.t.Helper()
	Run(p.t, p.ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeKeyDown, input.DispatchKeyEventTypeKeyUp} {
			ev := input.DispatchKeyEventParams{Type: typ, Key: "Enter", Code: "Enter", WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13}
			if typ == input.DispatchKeyEventTypeKeyDown {
				ev.Text, ev.UnmodifiedText = "\r", "\r"
			}
			if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, ev); err != nil {
				return err
			}
		}
		return nil
	}))
}

func (p *participant) focus() focused {
	p.t.Helper()
	return Eval[focused](p.t, p.ctx, focusedJS)
}

// tab presses Tab (Shift+Tab when back) and checks where the focus went: a
// control with a name, visibly marked, never the honeypot.
func (p *participant) tab(back bool) focused {
	p.t.Helper()
	if back {
		p.press(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift))
	} else {
		p.press(kb.Tab)
	}
	f := p.focus()
	switch {
	case f.Tag == "BODY" || f.ID == "website":
		p.t.Fatalf("Tab went to %s #%s", f.Tag, f.ID)
	case f.Name == "":
		p.t.Fatalf("the focused %s #%s%s has no name", f.Tag, f.ID, f.TestID)
	case !f.Ring:
		p.t.Fatalf("the focused %s #%s (%s) is not visibly marked", f.Tag, f.ID, f.Name)
	}
	return f
}

// tabTo tabs until the focus is on the element with the id or test id, or
// in the radio group of that id (Tab enters a group at its checked button).
func (p *participant) tabTo(id string) focused {
	p.t.Helper()
	var path []string
	for range 40 {
		f := p.tab(false)
		if f.ID == id || f.TestID == id || regexp.MustCompile(`^`+regexp.QuoteMeta(id)+`-\d+$`).MatchString(f.ID) {
			return f
		}
		path = append(path, f.ID+f.TestID)
	}
	p.t.Fatalf("40 × Tab did not reach %s: %v", id, path)
	return focused{}
}

// A person without a mouse chooses the language and the offer, gets past the
// error summary of an empty step, answers step 1 with Tab, Shift+Tab, Space,
// Enter, the arrow keys and typing, and reaches step 2. Every stop has a name
// and a visible focus indicator.
func TestRegisterKeyboardOnly(t *testing.T) {
	p := newParticipant(t, 1024, 768)
	Run(t, p.ctx, chromedp.Navigate(p.site.URL+"/register/"), chromedp.WaitVisible(chromedp.ID("mp-language")))
	if f := p.tab(false); !strings.Contains(f.Name, "Skip") && !strings.Contains(f.Name, "Zum Inhalt") {
		t.Errorf("the first Tab stop is %q, want the skip link", f.Name)
	}
	p.tabTo("mp-language")
	for range 8 {
		if Eval[string](t, p.ctx, `document.activeElement.value`) == "de" {
			break
		}
		p.press(kb.ArrowUp) // Deutsch is first
	}
	p.until("the page in German", `document.documentElement.lang === 'de' && document.querySelector('`+offerCard+` a')`)

	// The offer's link: Tab to it, Enter.
	for i := 0; !Eval[bool](t, p.ctx, `!!document.activeElement.closest('`+offerCard+`')`); i++ {
		if i == 40 {
			t.Fatal("40 × Tab did not reach the offer's link")
		}
		p.tab(false)
	}
	p.enter()
	p.until("the form", `document.getElementById('f-first_name')`)

	// Enter in an empty step: the error summary takes the focus; its first
	// link leads to the consent box, Space ticks it.
	p.tabTo("f-data_processing_consent")
	p.tabTo("f-first_name")
	p.enter()
	p.until("the error summary focused", refused)
	if f := p.tab(false); f.Tag != "A" || !strings.HasPrefix(f.Name, "Einwilligung in die Datenverarbeitung") {
		t.Fatalf("Tab from the summary went to %s %q, want its first link", f.Tag, f.Name)
	}
	p.enter()
	if f := p.focus(); f.ID != "f-data_processing_consent" {
		t.Fatalf("the summary's link focused #%s", f.ID)
	}
	p.press(" ")

	p.tabTo("f-first_name")
	p.press("Amal")
	p.tab(false)
	p.press("Haddad")
	if f := p.tab(true); f.ID != "f-first_name" {
		t.Errorf("Shift+Tab from the last name went to #%s", f.ID)
	}
	p.tab(false)
	p.tabTo("f-birth_date")
	// The date's parts in the browser's order (en-US: month, day, year).
	order := Eval[[]string](t, p.ctx, `new Intl.DateTimeFormat(navigator.language, {year: 'numeric', month: '2-digit', day: '2-digit'})
		.formatToParts(new Date()).filter((x) => x.type !== 'literal').map((x) => x.type)`)
	for _, part := range order {
		p.press(map[string]string{"year": "1990", "month": "05", "day": "14"}[part])
	}

	p.tabTo("f-gender") // the first of the group while none is chosen
	p.press(" ")        // weiblich
	p.press(kb.ArrowDown)
	p.press(kb.ArrowUp)
	p.tabTo("f-nationality")
	p.press(kb.ArrowDown) // the first country
	// No preset: whether there are children is asked, never assumed.
	if f := p.tabTo("f-has_children"); f.ID != "f-has_children" {
		t.Errorf("Tab entered the yes/no group at #%s, want its first option while none is chosen", f.ID)
	}
	p.press(" ") // ja
	p.until("the children step", `document.querySelector('[data-testid="step"]').textContent.includes('von 5')`)
	p.press(kb.ArrowRight) // nein
	p.until("no children step", `document.querySelector('[data-testid="step"]').textContent.includes('von 4')`)

	got := Eval[string](t, p.ctx, `[...document.querySelectorAll('main input:checked')].map((e) => e.id).join(' ') + ' ' +
		['f-first_name', 'f-last_name', 'f-birth_date', 'f-nationality'].map((id) => document.getElementById(id).value).join(' ')`)
	if got != "f-data_processing_consent f-gender f-has_children-1 Amal Haddad 1990-05-14 SY" {
		t.Fatalf("answers by keyboard: %s", got)
	}
	p.tabTo("next")
	p.enter()
	p.until("step 2", `document.querySelector('[data-testid="step"]').textContent.trim() === 'Schritt 2 von 4'`)
	if f := p.focus(); f.TestID != "step" {
		t.Errorf("after Next the focus is on %s #%s, want the step's heading", f.Tag, f.ID)
	}
	if f := p.tabTo("f-municipality"); !strings.HasPrefix(f.Name, "Wohnort") {
		t.Errorf("municipality named %q", f.Name)
	}
}
