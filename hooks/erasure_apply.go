package hooks

import (
	"context"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// anonymiseAll empties what identifies the person and keeps the course of
// their cases (state, dates, outcome) for the statistics.
func anonymiseAll(tx core.App, p *core.Record, related []*core.Record, res *ErasureResult, now time.Time) error {
	for _, f := range identifyingFields {
		p.Set(f, "")
	}
	p.Set("first_name", "—")
	p.Set("last_name", "anonymisiert")
	p.Set("status", "anonymised")
	if err := tx.Save(p); err != nil {
		return err
	}
	res.Emptied["participants"]++
	for _, r := range related {
		name := r.Collection().Name
		switch name {
		case "cases":
			fields := map[string]any{}
			if v, ok := jsonMap(r, "fields")["outcome"]; ok {
				fields["outcome"] = v
			}
			r.Set("data", map[string]any{})
			r.Set("fields", fields)
		case "submissions":
			r.Set("answers", map[string]any{})
			r.Set("documents", []string{})
			r.Set("idempotency_key", "")
			r.Set("claim_hash", "")
		case "case_events":
			r.Set("data", map[string]any{})
		case "timers":
			if r.GetString("status") != timerPending {
				continue
			}
			r.Set("status", timerVoid)
		case "tasks":
			continue // titles name the case reference, not the person
		default: // accounts, notes, documents, emails and what comes later
			if err := tx.Delete(r); err != nil {
				return err
			}
			res.Deleted[name]++
			continue
		}
		if err := tx.Save(r); err != nil {
			return err
		}
		res.Emptied[name]++
	}
	for _, r := range related {
		if r.Collection().Name == "cases" {
			if err := AppendEvent(tx, r, CaseEvent{Type: EventErased, ActorKind: actorFrom(ctxOf(tx)).Kind,
				Actor: staffId(actorFrom(ctxOf(tx))), Data: map[string]any{"mode": EraseAnonymise}}); err != nil {
				return err
			}
		}
	}
	return nil
}

// removeAll deletes the person and every record about them (children first).
func removeAll(tx core.App, p *core.Record, related []*core.Record, res *ErasureResult) error {
	order := []string{"case_events", "tasks", "timers", "notifications", "submissions"}
	rank := func(r *core.Record) int {
		for i, n := range order {
			if r.Collection().Name == n {
				return i
			}
		}
		if r.Collection().Name == "cases" {
			return len(order) + 1
		}
		return len(order) // notes, documents, accounts, …
	}
	for pass := 0; pass <= len(order)+1; pass++ {
		for _, r := range related {
			if rank(r) != pass {
				continue
			}
			if err := tx.Delete(r); err != nil {
				return err
			}
			res.Deleted[r.Collection().Name]++
		}
	}
	// Consents go with the person (cascade): nothing is left to prove.
	if err := tx.Delete(p); err != nil {
		return err
	}
	res.Deleted["participants"]++
	return nil
}

// ctxOf is the context an actingApp saves with.
func ctxOf(app core.App) context.Context {
	if a, ok := app.(*actingApp); ok {
		return a.ctx
	}
	return context.Background()
}

// staffId is the user id of a staff actor (case_events.actor relates to users).
func staffId(a Actor) string {
	if a.Kind == "staff" {
		return a.ID
	}
	return ""
}
