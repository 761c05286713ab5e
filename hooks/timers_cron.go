package hooks

import (
	"encoding/json"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/workflows"
)

// dbTime formats t the way PocketBase stores dates, so dates compare as text.
func dbTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.000Z") }

// runDueTimers fires every timer due at now and returns how many acted.
// Each timer runs in its own transaction that first re-reads its status, so
// a timer acts exactly once: two runners racing, or a restart between
// batches, find it no longer pending. Its effects (tasks, queued emails, an
// automatic transition, the case event) commit with its new status or not
// at all.
func (s *service) runDueTimers(app core.App, now time.Time) (int, error) {
	acted := 0
	for {
		var ids []string
		err := app.DB().Select("id").From("timers").
			Where(dbx.HashExp{"status": timerPending}).
			AndWhere(dbx.NewExp("due <= {:now}", dbx.Params{"now": dbTime(now)})).
			OrderBy("due", "id").Limit(200).Column(&ids)
		if err != nil || len(ids) == 0 {
			return acted, err
		}
		progressed := false
		for _, id := range ids {
			did, err := s.fireTimer(app, id, now)
			if err != nil {
				app.Logger().Error("timer failed", "timer", id, "error", err)
				continue
			}
			progressed = true
			if did {
				acted++
			}
		}
		if !progressed {
			return acted, nil
		}
	}
}

// fireTimer fires one timer; true when it acted (fired).
func (s *service) fireTimer(app core.App, id string, now time.Time) (bool, error) {
	acted := false
	err := app.RunInTransaction(func(tx core.App) error {
		t, err := tx.FindRecordById("timers", id)
		if err != nil || t.GetString("status") != timerPending {
			return nil // fired meanwhile by another runner
		}
		var spec workflows.Timer
		_ = json.Unmarshal([]byte(t.GetString("spec")), &spec)
		c, err := tx.FindRecordById("cases", t.GetString("case"))
		if err != nil {
			return err
		}
		f := workflows.Firing{Result: workflows.FireVoid}
		if v := c.GetString("workflow_version"); v != "" {
			wf, _, err := s.workflowVersion(tx, v)
			if err != nil {
				return err
			}
			ctx, err := caseContext(tx, c, workflows.Actor{Role: workflows.RoleSystem}, now)
			if err != nil {
				return err
			}
			f = wf.Fire(ctx, spec)
		}
		if f.Result == workflows.FireWaiting {
			return nil
		}
		if err := applyFiring(tx, c, f, now); err != nil {
			return err
		}
		t.Set("status", f.Result)
		t.Set("fired_at", now)
		t.Set("result", map[string]any{"reason": f.Reason, "tasks": len(f.Tasks), "notifications": len(f.Notifications),
			"transition": f.Outcome != nil})
		acted = f.Result == workflows.FireFired
		return tx.Save(t)
	})
	return acted, err
}

// applyFiring stores the effects of a fired timer and its case event.
func applyFiring(tx core.App, c *core.Record, f workflows.Firing, now time.Time) error {
	switch {
	case f.Result == workflows.FireSkipped:
		return AppendEvent(tx, c, CaseEvent{Type: EventTimerSkipped, From: c.GetString("state"), ActorKind: "system",
			Data: map[string]any{"timer": f.Timer.Key, "reason": f.Reason}})
	case f.Result != workflows.FireFired:
		return nil
	case f.Outcome != nil:
		from := c.GetString("state")
		if err := applyOutcome(tx, c, f.Outcome, now); err != nil {
			return err
		}
		return AppendEvent(tx, c, CaseEvent{Type: EventTransition, From: from, To: f.Outcome.To, ActorKind: "system",
			Data: map[string]any{"transition": f.Outcome.Transition, "timer": f.Timer.Key, "set": f.Outcome.Set}})
	}
	if err := createTasks(tx, c, f.Tasks); err != nil {
		return err
	}
	if err := queueNotifications(tx, c, f.Notifications); err != nil {
		return err
	}
	kind := EventReminder
	if f.Timer.Kind == workflows.TimerSLA {
		kind = EventSLABreached
	}
	return AppendEvent(tx, c, CaseEvent{Type: kind, From: c.GetString("state"), ActorKind: "system",
		Data: map[string]any{"timer": f.Timer.Key, "tasks": len(f.Tasks), "notifications": len(f.Notifications)}})
}
