package loadgen

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"
)

// Burst is a registration burst: Clients participants' browsers sending
// registrations to the four Träger in turn, as fast as they are answered.
type Burst struct {
	Load
	Run  string // prefix of the idempotency keys; unique per run
	Pows []Pow  // solved challenges, one per submission; nil: fetched per submission (untimed)
}

// BurstResult is what a burst did.
type BurstResult struct {
	Samples   []Sample
	Elapsed   time.Duration
	Acked     []Ack          // every 201: the server promised these exist
	Unknown   []Registration // sent without an answer (e.g. the server was killed)
	Dropped   int            // of those, the ones not cut off by the end of the phase
	FirstDrop string         // the first such error
	Refused   map[string]int // non-2xx answers by "status code", e.g. "500 validation_is_email"
	ServerCPU time.Duration  // the server's CPU time during the burst, if known
}

// Summary of the submissions.
func (r BurstResult) Summary() Summary {
	return summarize("submit", r.Samples, r.Elapsed)
}

// RunBurst sends the burst and keeps every acknowledged reference.
func (c *Client) RunBurst(ctx context.Context, b Burst) BurstResult {
	var mu sync.Mutex
	res := BurstResult{Refused: map[string]int{}}
	samples, elapsed := b.Load.Run(ctx, c, func(ctx context.Context, w *Worker) {
		reg := NewRegistration(w.Rand, b.Run, w.Seq)
		var pow Pow
		if w.Seq < len(b.Pows) {
			pow = b.Pows[w.Seq]
		} else {
			p, err := c.FetchPow(ctx)
			if err != nil {
				w.Record("pow", 0, 0, err)
				return
			}
			pow = p
		}
		r, err := w.Do(ctx, "submit", reg.Request(pow))
		mu.Lock()
		defer mu.Unlock()
		switch {
		case err != nil:
			res.Unknown = append(res.Unknown, reg)
			if ctx.Err() == nil {
				res.Dropped++
				if res.FirstDrop == "" {
					res.FirstDrop = err.Error()
				}
			}
		case r.Status == 201:
			a := Ack{Tenant: reg.Tenant, Key: reg.Key}
			if jerr := json.Unmarshal(r.Body, &a); jerr == nil && a.Reference != "" {
				res.Acked = append(res.Acked, a)
			} else {
				res.Refused["201 without reference"]++
			}
		default:
			res.Refused[refusal(r)]++
		}
	})
	res.Samples, res.Elapsed = samples, elapsed
	return res
}

// refusal names a non-2xx answer by status and error codes.
func refusal(r Response) string {
	var body struct {
		Message string                       `json:"message"`
		Data    map[string]map[string]string `json:"data"`
	}
	_ = json.Unmarshal(r.Body, &body)
	var codes []string
	for field, e := range body.Data {
		codes = append(codes, field+":"+e["code"])
	}
	if len(codes) == 0 {
		return fmt.Sprintf("%d %s", r.Status, body.Message)
	}
	return fmt.Sprintf("%d %s", r.Status, strings.Join(codes, ","))
}

// Retry sends each registration again with the same idempotency key, as the
// registration page does after a dropped connection (with a new proof of
// work, which a replay does not even check). Each must now be answered 201:
// the original if it was stored, a new one if it was not.
func (c *Client) Retry(ctx context.Context, regs []Registration) ([]Ack, error) {
	var acks []Ack
	for _, reg := range regs {
		pow, err := c.FetchPow(ctx)
		if err != nil {
			return acks, err
		}
		r, err := c.Send(ctx, reg.Request(pow))
		if err != nil {
			return acks, fmt.Errorf("retry %s: %w", reg.Key, err)
		}
		if r.Status != 201 {
			return acks, fmt.Errorf("retry %s: %s: %.200s", reg.Key, refusal(r), r.Body)
		}
		a := Ack{Tenant: reg.Tenant, Key: reg.Key}
		if err := json.Unmarshal(r.Body, &a); err != nil {
			return acks, err
		}
		acks = append(acks, a)
	}
	return acks, nil
}

// RunID returns a fresh prefix for idempotency keys.
func RunID(name string) string {
	return fmt.Sprintf("%s-%d-%04d", name, time.Now().Unix(), rand.IntN(10000))
}
