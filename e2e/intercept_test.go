package e2e

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// paused is one request of the page, held by the interceptor.
type paused = fetch.EventRequestPaused

// hold says which requests to hold: those whose URL ends in Suffix, at
// Stage (before they leave, or once the server's response is in). Pass
// decides for the n-th of them (from 1) whether it goes on or fails as a
// dropped connection.
type hold struct {
	Suffix string
	Stage  fetch.RequestStage
	Pass   func(n int, ev paused) bool
}

// interceptor is what the holds have seen.
type interceptor struct {
	mu   sync.Mutex
	seen map[string][]paused
}

// Seen returns the requests held so far for suffix, in order.
func (i *interceptor) Seen(suffix string) []paused {
	i.mu.Lock()
	defer i.mu.Unlock()
	return append([]paused(nil), i.seen[suffix]...)
}

// intercept holds the page's requests as the holds say (one call per tab:
// the DevTools protocol keeps one set of patterns).
func intercept(t *testing.T, ctx context.Context, holds ...hold) *interceptor {
	t.Helper()
	ic := &interceptor{seen: map[string][]paused{}}
	var patterns []*fetch.RequestPattern
	for _, h := range holds {
		patterns = append(patterns, &fetch.RequestPattern{URLPattern: "*" + h.Suffix, RequestStage: h.Stage})
	}
	events := chromedp.Events(ctx, fetch.RequestPaused) // subscribed before anything is held
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: patterns}); err != nil {
		t.Fatal(err)
	}
	go func() {
		for ev, err := range events {
			if err != nil {
				return // the test is over
			}
			h := holds[0]
			for _, c := range holds {
				if strings.HasSuffix(ev.Request.URL, c.Suffix) {
					h = c
				}
			}
			ic.mu.Lock()
			ic.seen[h.Suffix] = append(ic.seen[h.Suffix], ev)
			n := len(ic.seen[h.Suffix])
			ic.mu.Unlock()
			switch {
			case !h.Pass(n, ev):
				_, err = chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonConnectionReset})
			case ev.ResponseStatusCode != 0 || ev.ResponseErrorReason != "":
				_, err = chromedp.Call(ctx, fetch.ContinueResponse, fetch.ContinueResponseParams{RequestID: ev.RequestID})
			default:
				_, err = chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
			}
			if err != nil && ctx.Err() == nil {
				t.Errorf("answering the held request %s: %v", ev.Request.URL, err)
			}
		}
	}()
	return ic
}

// passAll lets every held request through (to see what the page sends).
func passAll(int, paused) bool { return true }

// requestBody is the request's body as sent (JSON for a submission without files).
func requestBody(ev paused) string {
	var b []byte
	for _, e := range ev.Request.PostDataEntries {
		b = append(b, e.Bytes...)
	}
	return string(b)
}
