package hooks

import (
	"math"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// Rate limit tags of our own routes. Their limits live in PocketBase's
// settings (pb_migrations/1795600003_settings.go), so a superuser tunes them in
// the dashboard; PocketBase's own middleware cannot match them because its
// path labels are prefixes and the submission route ends in /submissions.
const (
	rateLimitTagSubmit  = "mp_submit"
	rateLimitTagAccount = "mp_account"
)

// tagLimiter counts requests per tag and client IP in fixed windows.
type tagLimiter struct {
	mu      sync.Mutex
	windows map[string]*window
	now     func() time.Time
}

type window struct {
	start time.Time
	count int
}

func newTagLimiter() *tagLimiter {
	return &tagLimiter{windows: map[string]*window{}, now: time.Now}
}

// allow records one request of key and reports whether it is within max per
// d; when not, also how long until the window resets.
func (l *tagLimiter) allow(key string, max int, d time.Duration) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.windows) > 100_000 { // bound memory under a flood of distinct IPs
		for k, w := range l.windows {
			if now.Sub(w.start) >= d {
				delete(l.windows, k)
			}
		}
	}
	w := l.windows[key]
	if w == nil || now.Sub(w.start) >= d {
		w = &window{start: now}
		l.windows[key] = w
	}
	w.count++
	return w.count <= max, w.start.Add(d).Sub(now)
}

// rateLimitByTag limits a route by the settings rule labelled tag.
func rateLimitByTag(l *tagLimiter, tag string) *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id: "mpRateLimit_" + tag,
		Func: func(e *core.RequestEvent) error {
			rl := e.App.Settings().RateLimits
			ip := e.RealIP()
			if !rl.Enabled || e.HasSuperuserAuth() || ipListed(rl.ExcludedIPs, ip) {
				return e.Next()
			}
			audience := []string{core.RateLimitRuleAudienceAll, core.RateLimitRuleAudienceGuest}
			if e.Auth != nil {
				audience = []string{core.RateLimitRuleAudienceAll, core.RateLimitRuleAudienceAuth}
			}
			rule, ok := rl.FindRateLimitRule([]string{tag}, audience...)
			if !ok {
				return e.Next()
			}
			if allowed, wait := l.allow(tag+"|"+ip, rule.MaxRequests, rule.DurationTime()); !allowed {
				e.Response.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
				return apis.NewTooManyRequestsError("Too many requests. Please try again later.", nil)
			}
			return e.Next()
		},
	}
}

func ipListed(list []string, ip string) bool {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	for _, entry := range list {
		if p, err := netip.ParsePrefix(entry); err == nil && p.Contains(addr) {
			return true
		}
		if a, err := netip.ParseAddr(entry); err == nil && a == addr {
			return true
		}
	}
	return false
}
