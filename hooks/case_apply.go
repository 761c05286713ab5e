package hooks

import (
	"maps"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/workflows"
)

// Timer statuses.
const (
	timerPending = "pending"
	timerFired   = "fired"
	timerVoid    = "void"
	timerSkipped = "skipped"
)

// caseOutcomes are the values of cases.outcome a workflow's "outcome" case
// field may copy (reporting counts placements by it); placements are the
// outcomes that date cases.placed.
var (
	caseOutcomes = []string{"work", "training", "internship", "dropped_out", "moved_away", "other"}
	placements   = []string{"work", "training", "internship"}
)

// applyOutcome stores what the engine decided, in txApp's transaction: the
// case's state, entry and fields, the armed and voided timers, the tasks and
// the queued notifications. The caller appends the case event.
func applyOutcome(txApp core.App, c *core.Record, o *workflows.Outcome, now time.Time) error {
	setOutcome(c, o, now)
	if err := txApp.Save(c); err != nil {
		return err
	}
	return storeEffects(txApp, c, o, now)
}

// setOutcome puts the outcome's state, entry and fields on the case record
// (not saved).
func setOutcome(c *core.Record, o *workflows.Outcome, now time.Time) {
	fields := jsonMap(c, "fields")
	maps.Copy(fields, o.Set)
	c.Set("fields", fields)
	c.Set("state", o.To)
	c.Set("entry", o.Entry)
	c.Set("state_entered", o.Entered)
	if o.Moved {
		c.Set("sla_due", slaDue(o.Timers))
	}
	if v, ok := o.Set["outcome"]; ok {
		setCaseOutcome(c, v, now)
	}
	if o.Closed {
		c.Set("closed", now)
	}
}

// setCaseOutcome copies a workflow's "outcome" case field to cases.outcome
// (values outside the list clear it) and dates the placement.
func setCaseOutcome(c *core.Record, v any, now time.Time) {
	outcome, _ := v.(string)
	if !slices.Contains(caseOutcomes, outcome) {
		outcome = ""
	}
	c.Set("outcome", outcome)
	switch {
	case slices.Contains(placements, outcome) && c.GetDateTime("placed").IsZero():
		c.Set("placed", now)
	case !slices.Contains(placements, outcome):
		c.Set("placed", "") // the placement ended (e.g. back to the plan)
	}
}

// storeEffects stores what an outcome does besides the case itself: voided
// and armed timers, tasks and queued emails.
func storeEffects(txApp core.App, c *core.Record, o *workflows.Outcome, now time.Time) error {
	if err := voidTimers(txApp, o.Voided, now); err != nil {
		return err
	}
	return storeNewEffects(txApp, c, o, true)
}

// storeNewEffects arms the timers, creates the tasks and queues the
// notifications of o. rearm: a timer may exist already (a case that has
// been in the state before); a case just opened has none to look for.
func storeNewEffects(txApp core.App, c *core.Record, o *workflows.Outcome, rearm bool) error {
	if err := armTimers(txApp, c, o.Timers, rearm); err != nil {
		return err
	}
	if err := createTasks(txApp, c, o.Tasks); err != nil {
		return err
	}
	return queueNotifications(txApp, c, o.Notifications)
}

// slaDue is when the SLA of a new state entry runs out (zero: no SLA).
func slaDue(timers []workflows.Timer) any {
	for _, t := range timers {
		if t.Kind == workflows.TimerSLA {
			return t.Due
		}
	}
	return ""
}

func armTimers(txApp core.App, c *core.Record, timers []workflows.Timer, rearm bool) error {
	if len(timers) == 0 {
		return nil
	}
	col, err := txApp.FindCachedCollectionByNameOrId("timers")
	if err != nil {
		return err
	}
	for _, t := range timers {
		// The id is stable: arming the same timer again is a no-op.
		if rearm && timerArmed(txApp, t.ID) {
			continue
		}
		r := core.NewRecord(col)
		r.Set("tenant", c.GetString("tenant"))
		r.Set("case", c.Id)
		r.Set("timer_id", t.ID)
		r.Set("kind", t.Kind)
		r.Set("key", t.Key)
		r.Set("due", t.Due)
		r.Set("status", timerPending)
		r.Set("spec", t)
		if err := txApp.Save(r); err != nil {
			return err
		}
	}
	return nil
}

func timerArmed(txApp core.App, timerID string) bool {
	n, _ := txApp.CountRecords("timers", dbx.HashExp{"timer_id": timerID})
	return n > 0
}

func voidTimers(txApp core.App, timers []workflows.Timer, now time.Time) error {
	for _, t := range timers {
		r, err := txApp.FindFirstRecordByData("timers", "timer_id", t.ID)
		if err != nil || r.GetString("status") != timerPending {
			continue
		}
		r.Set("status", timerVoid)
		r.Set("fired_at", now)
		if err := txApp.Save(r); err != nil {
			return err
		}
	}
	return nil
}

func createTasks(txApp core.App, c *core.Record, tasks []workflows.Task) error {
	if len(tasks) == 0 {
		return nil
	}
	col, err := txApp.FindCachedCollectionByNameOrId("tasks")
	if err != nil {
		return err
	}
	for _, t := range tasks {
		r := core.NewRecord(col)
		r.Set("tenant", c.GetString("tenant"))
		r.Set("case", c.Id)
		r.Set("title", firstText(t.Title, "de"))
		r.Set("title_i18n", t.Title)
		r.Set("due", t.Due)
		r.Set("assignee", t.Assignee)
		r.Set("source", t.Source)
		if err := txApp.Save(r); err != nil {
			return err
		}
	}
	return nil
}

// firstText picks lang from a text map, else any.
func firstText(m map[string]string, lang string) string {
	if v := m[lang]; v != "" {
		return v
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if m[k] != "" {
			return m[k]
		}
	}
	return ""
}
