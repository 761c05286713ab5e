package loadgen

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"time"
)

// TenantIDs maps each Träger slug to its record id and its intake offer id.
type TenantIDs map[string]struct{ Tenant, Offer string }

// LookupTenants reads the ids the batch API needs, as superuser.
func (c *Client) LookupTenants(ctx context.Context, suToken string) (TenantIDs, error) {
	var tenants struct {
		Items []struct {
			ID   string `json:"id"`
			Slug string `json:"slug"`
		} `json:"items"`
	}
	if err := c.JSON(ctx, "GET", "/api/collections/tenants/records?perPage=50", suToken, nil, &tenants); err != nil {
		return nil, err
	}
	out := TenantIDs{}
	for _, t := range tenants.Items {
		var offers struct {
			Items []struct {
				ID string `json:"id"`
			} `json:"items"`
		}
		q := url.Values{"filter": {fmt.Sprintf("tenant='%s' && slug='%s'", t.ID, IntakeOffer)}}
		if err := c.JSON(ctx, "GET", "/api/collections/offer_types/records?"+q.Encode(), suToken, nil, &offers); err != nil {
			return nil, err
		}
		if len(offers.Items) == 1 {
			out[t.Slug] = struct{ Tenant, Offer string }{t.ID, offers.Items[0].ID}
		}
	}
	for _, slug := range Tenants {
		if _, ok := out[slug]; !ok {
			return nil, fmt.Errorf("Träger %s has no intake offer (start the server with --demo)", slug)
		}
	}
	return out, nil
}

const idAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

func newID(r *rand.Rand) string {
	b := make([]byte, 15)
	for i := range b {
		b[i] = idAlphabet[r.IntN(len(idAlphabet))]
	}
	return string(b)
}

// BatchRequest writes the same four records as a registration (participant,
// case, its first event, submission) through PocketBase's batch API in one
// transaction, as superuser (the collections allow no other creator), with
// none of the route's checks: no form validation, no proof of work, no
// idempotency, no reference numbering. hooks/bench_submission_test.go does the
// same in process.
func BatchRequest(r *rand.Rand, ids TenantIDs, run string, seq int, token string) Request {
	slug := Tenants[seq%len(Tenants)]
	t := ids[slug]
	answers := IntakeAnswers(r, seq)
	pid, cid := newID(r), newID(r)
	ref := fmt.Sprintf("B-%s-%d", run, seq)
	now := time.Now().UTC().Format("2006-01-02 15:04:05.000Z")
	reqs := []map[string]any{
		{"method": "POST", "url": "/api/collections/participants/records", "body": map[string]any{"id": pid,
			"tenant": t.Tenant, "first_name": answers["first_name"], "last_name": answers["last_name"],
			"birth_date": answers["birth_date"], "phone": answers["phone"], "municipality": answers["municipality"],
			"preferred_language": "ar", "status": "registered", "channel": "online"}},
		{"method": "POST", "url": "/api/collections/cases/records", "body": map[string]any{"id": cid,
			"tenant": t.Tenant, "participant": pid, "offer_type": t.Offer, "reference": ref, "state": "angemeldet",
			"opened": now, "state_entered": now, "data": answers}},
		{"method": "POST", "url": "/api/collections/case_events/records", "body": map[string]any{
			"tenant": t.Tenant, "case": cid, "type": "created", "to": "angemeldet", "actor_kind": "participant",
			"data": map[string]any{"channel": "online", "language": "de"}}},
		{"method": "POST", "url": "/api/collections/submissions/records", "body": map[string]any{
			"tenant": t.Tenant, "offer_type": t.Offer, "answers": answers, "language": "de", "status": "received",
			"channel": "online", "participant": pid, "case": cid, "reference": ref}},
	}
	raw, _ := json.Marshal(map[string]any{"requests": reqs})
	return Request{Method: "POST", Path: "/api/batch", Token: token, Body: raw}
}

// RunBatch runs the batch API under l.
func (c *Client) RunBatch(ctx context.Context, l Load, ids TenantIDs, run, token string) ([]Sample, time.Duration) {
	return l.Run(ctx, c, func(ctx context.Context, w *Worker) {
		_, _ = w.Do(ctx, "batch4", BatchRequest(w.Rand, ids, run, w.Seq, token))
	})
}
