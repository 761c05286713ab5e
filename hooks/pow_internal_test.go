package hooks

import (
	"crypto/sha256"
	"strconv"
	"testing"
	"time"
)

func solve(challenge string, difficulty int) string {
	for i := 0; ; i++ {
		n := strconv.Itoa(i)
		if leadingZeroBits(sha256.Sum256([]byte(challenge+n))) >= difficulty {
			return n
		}
	}
}

func TestProofOfWork(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	p := newPowIssuer(10, time.Minute)
	p.now = func() time.Time { return now }
	c := p.issue()
	good := solve(c, 10)

	if code := p.verify(c, good); code != "" {
		t.Fatalf("a solved challenge was refused: %s", code)
	}
	if code := p.verify(c, good); code != powReused {
		t.Fatalf("second use: %q, want %s", code, powReused)
	}

	c2 := p.issue()
	bad := "0"
	for leadingZeroBits(sha256.Sum256([]byte(c2+bad))) >= 10 {
		bad += "0"
	}
	for _, tc := range []struct{ name, challenge, nonce, want string }{
		{"missing", "", "", powMissing},
		{"forged signature", c2[:len(c2)-2] + "xx", solve(c2[:len(c2)-2]+"xx", 10), powInvalid},
		{"lowered difficulty", lowerDifficulty(c2), solve(lowerDifficulty(c2), 1), powInvalid},
		{"unsolved", c2, bad, powInsufficient},
		{"oversized nonce", c2, string(make([]byte, 100)), powInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := p.verify(tc.challenge, tc.nonce); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}

	c3 := p.issue()
	n3 := solve(c3, 10)
	now = now.Add(2 * time.Minute)
	if got := p.verify(c3, n3); got != powExpired {
		t.Fatalf("expired challenge: %q", got)
	}
}

func lowerDifficulty(c string) string {
	b := []byte(c)
	for i := len(b) - 1; i >= 0; i-- { // the difficulty is the third dot-separated part
		if b[i] == '.' {
			j := i - 1
			for b[j] != '.' {
				j--
			}
			return string(b[:j+1]) + "1" + string(b[i:])
		}
	}
	return c
}

func TestTagLimiterWindows(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	l := newTagLimiter()
	l.now = func() time.Time { return now }
	for i := 1; i <= 3; i++ {
		if ok, _ := l.allow("k", 3, time.Minute); !ok {
			t.Fatalf("request %d refused", i)
		}
	}
	now = now.Add(20 * time.Second)
	if ok, wait := l.allow("k", 3, time.Minute); ok || wait != 40*time.Second {
		t.Fatalf("fourth request: allowed=%v, retry after %v (want 40s)", ok, wait)
	}
	if ok, _ := l.allow("other", 3, time.Minute); !ok {
		t.Fatal("another client was limited")
	}
	now = now.Add(time.Minute)
	if ok, _ := l.allow("k", 3, time.Minute); !ok {
		t.Fatal("new window refused")
	}
}

// Used challenges are forgotten once expired, but not by a pass over all of
// them on every verification.
func TestProofOfWorkForgetsExpiredChallenges(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	p := newPowIssuer(1, time.Minute)
	p.now = func() time.Time { return now }
	for range 100 {
		c := p.issue()
		if code := p.verify(c, solve(c, 1)); code != "" {
			t.Fatal(code)
		}
	}
	now = now.Add(90 * time.Second) // all expired, and a sweep is due
	c := p.issue()
	if code := p.verify(c, solve(c, 1)); code != "" {
		t.Fatal(code)
	}
	if len(p.used) != 1 {
		t.Fatalf("%d challenges remembered after they expired, want 1", len(p.used))
	}
}

// BenchmarkPowVerifyBusy verifies with 100,000 challenges used in the last
// half hour (a busy registration day): the cost must not grow with them.
func BenchmarkPowVerifyBusy(b *testing.B) {
	p := newPowIssuer(1, 30*time.Minute)
	for i := range 100_000 {
		p.used[strconv.Itoa(i)] = time.Now().Add(30 * time.Minute)
	}
	challenges := make([]string, b.N)
	nonces := make([]string, b.N)
	for i := range challenges {
		challenges[i] = p.issue()
		nonces[i] = solve(challenges[i], 1)
	}
	b.ResetTimer()
	for i := range b.N {
		if code := p.verify(challenges[i], nonces[i]); code != "" {
			b.Fatal(code)
		}
	}
}
