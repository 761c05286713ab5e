package e2e

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// ClickOn clicks the element of css with the mouse, as a person does: in the
// middle of the window, once the element under the pointer there is it (or
// its label) and it stayed put between two looks (an answer of the server
// landing meanwhile can shift the page under the pointer).
func ClickOn(t *testing.T, ctx context.Context, css string) {
	t.Helper()
	Eval[bool](t, ctx, `(window.__clickAt = null, true)`)
	Until(t, ctx, "a place to click "+css, `(() => { const e = document.querySelector(`+jsString(css)+`); if (!e || e.disabled) return false;
		e.scrollIntoView({block: 'center', behavior: 'instant'});
		const r = e.getBoundingClientRect(), x = r.x + r.width / 2, y = r.y + r.height / 2;
		const hit = document.elementFromPoint(x, y);
		if (!hit || !(hit === e || e.contains(hit) || hit.closest('label')?.control === e)) return false;
		const was = window.__clickAt;
		window.__clickAt = [x, y];
		return !!was && was[0] === x && was[1] === y })()`)
	xy := Eval[[]float64](t, ctx, `window.__clickAt`)
	Run(t, ctx, chromedp.MouseClickXY(xy[0], xy[1]))
}

// TypeInto replaces the value of the input or text area of css by typing:
// key by key for ASCII, as committed text (an IME, an on-screen keyboard)
// otherwise, Backspace for "".
func TypeInto(t *testing.T, ctx context.Context, css, text string) {
	t.Helper()
	Until(t, ctx, "the input "+css, `document.querySelector(`+jsString(css)+`)`)
	Run(t, ctx, chromedp.Focus(chromedp.CSS(css)))
	Eval[bool](t, ctx, `(e => { try { e.select() } catch {} return true })(document.querySelector(`+jsString(css)+`))`)
	ascii := true
	for _, r := range text {
		ascii = ascii && r < 0x7f
	}
	switch {
	case text == "":
		Run(t, ctx, chromedp.KeyEvent("\b"))
	case ascii:
		Run(t, ctx, chromedp.KeyEvent(text))
	default:
		if _, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	if got := Eval[string](t, ctx, `document.querySelector(`+jsString(css)+`).value`); got != text {
		t.Fatalf("typed %q into %s, it shows %q", text, css, got)
	}
}

// PickOption picks value in the <select> of css, with the events of a pick
// in its drop-down list (which headless chromium does not draw).
func PickOption(t *testing.T, ctx context.Context, css, value string) {
	t.Helper()
	Until(t, ctx, "the list "+css, `document.querySelector(`+jsString(css)+`)`)
	Run(t, ctx, chromedp.Focus(chromedp.CSS(css)))
	ok := Eval[bool](t, ctx, `(e => { if (![...e.options].some(o => o.value === `+jsString(value)+`)) return false;
		e.value = `+jsString(value)+`; e.dispatchEvent(new Event('input', {bubbles: true}));
		e.dispatchEvent(new Event('change', {bubbles: true})); return true })(document.querySelector(`+jsString(css)+`))`)
	if !ok {
		t.Fatalf("no option %q in %s", value, css)
	}
}
