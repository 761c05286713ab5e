package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// WaitTimeout is how long Until waits for a condition.
const WaitTimeout = 20 * time.Second

// Until polls the JavaScript condition cond in the page until it is truthy
// and fails the test after WaitTimeout, naming what it waited for. Errors
// while polling (a page being replaced by a reload) count as "not yet".
func Until(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(WaitTimeout)
	var lastErr error
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("!!("+cond+")"))
		if err == nil && ok {
			return
		}
		if err != nil {
			lastErr = err
		}
		if ctx.Err() != nil || time.Now().After(deadline) {
			body, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 1500) : ''`))
			t.Fatalf("waited %v for %s (%s); last error %v; page:\n%s", WaitTimeout, what, cond, lastErr, body)
		}
		time.Sleep(40 * time.Millisecond) // the polling interval, not a synchronisation
	}
}
