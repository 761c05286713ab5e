package testapp

import (
	"crypto/sha256"
	"encoding/binary"
	"math/bits"
	"strconv"
	"testing"
)

// Pow fetches a proof-of-work challenge from c and solves it, as the
// registration page's worker does.
func Pow(t testing.TB, c *Client) map[string]string {
	t.Helper()
	res := c.Do("GET", "/api/mp/public/pow", "", nil)
	if res.Status != 200 {
		t.Fatalf("pow: status %d", res.Status)
	}
	m := res.JSON()
	challenge, difficulty := m["challenge"].(string), int(m["difficulty"].(float64))
	return map[string]string{"challenge": challenge, "nonce": SolvePow(challenge, difficulty)}
}

// SolvePow finds a nonce for challenge with at least difficulty leading zero
// bits in sha256(challenge + nonce).
func SolvePow(challenge string, difficulty int) string {
	for i := 0; ; i++ {
		n := strconv.Itoa(i)
		sum := sha256.Sum256([]byte(challenge + n))
		if bits.LeadingZeros64(binary.BigEndian.Uint64(sum[:8])) >= difficulty {
			return n
		}
	}
}
