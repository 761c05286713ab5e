package workflows

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"time"
)

// Timer kinds.
const (
	TimerSLA        = "sla"        // the state's SLA ran out: the case is overdue
	TimerReminder   = "reminder"   // a schedule's actions (task, notification)
	TimerTransition = "transition" // a schedule's automatic transition
)

// Timer is armed when a case enters a state: an SLA or a schedule, due a
// number of days after the entry began. The adapter stores it by ID (unique
// index) with a status (pending, then fired, skipped or void) and fires
// it with [Workflow.Fire]; see docs/workflow-language.md, "Timers".
type Timer struct {
	// ID is derived from (Version, Case, Entry, Key): arming the same timer
	// twice gives the same ID, so a unique index makes arming idempotent.
	ID      string `json:"id"`
	Case    string `json:"case"`
	Version string `json:"version"`
	Key     string `json:"key"` // the schedule's key, or "sla"
	Kind    string `json:"kind"`
	// State and Entry are the state entry that armed the timer.
	State string    `json:"state"`
	Entry int       `json:"entry"`
	Due   time.Time `json:"due"`
	// WhileIn lists the states the timer outlives moves between (a
	// schedule's while_in); empty means it ends with the state entry.
	WhileIn []string `json:"while_in,omitempty"`
}

// TimerID derives a timer's stable id: 32 hex digits of SHA-256 over the
// version, case, state entry and key.
func TimerID(version, caseID string, entry int, key string) string {
	h := sha256.New()
	for _, part := range []string{version, caseID, strconv.Itoa(entry), key} {
		h.Write([]byte(part))
		h.Write([]byte{0}) // so that ("a","bc") and ("ab","c") differ
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// valid reports whether a timer still belongs to the case as it is now:
// same version and case, and still in the state entry that armed it (or,
// with WhileIn, in one of those states since).
func valid(c *CaseContext, t Timer) bool {
	if t.Version != c.Version || t.Case != c.ID {
		return false
	}
	if len(t.WhileIn) == 0 {
		return t.Entry == c.Entry && t.State == c.State
	}
	return c.Entry >= t.Entry && slices.Contains(t.WhileIn, c.State)
}

// survives reports whether a pending timer stays valid when the case
// moves to state to (a new state entry).
func survives(t Timer, to string) bool {
	return len(t.WhileIn) > 0 && slices.Contains(t.WhileIn, to)
}

// arm builds a timer of the state entry (entry, entered) of state s.
func arm(c *CaseContext, s *state, entry int, entered time.Time, key, kind string, days int, whileIn []*state) Timer {
	t := Timer{ID: TimerID(c.Version, c.ID, entry, key), Case: c.ID, Version: c.Version, Key: key, Kind: kind,
		State: s.key, Entry: entry, Due: addDays(entered, days)}
	for _, st := range whileIn {
		t.WhileIn = append(t.WhileIn, st.key)
	}
	return t
}

// slaTimer arms the SLA of s, if it has one.
func slaTimer(c *CaseContext, s *state, entry int, entered time.Time) []Timer {
	if s.sla == nil {
		return nil
	}
	return []Timer{arm(c, s, entry, entered, SLAKey, TimerSLA, s.sla.days, nil)}
}

// scheduleTimer arms a schedule action.
func scheduleTimer(c *CaseContext, sc *schedule, entry int, entered time.Time) Timer {
	kind := TimerReminder
	if sc.trans != nil {
		kind = TimerTransition
	}
	return arm(c, sc.into, entry, entered, sc.key, kind, sc.afterDays, sc.whileIn)
}
