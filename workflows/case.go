package workflows

import (
	"maps"
	"slices"
	"time"
)

// CaseContext is what the engine knows about a case for one call: the
// adapter builds it from the case record, the participant and the caller.
// Now is the injected clock: every result is a function of the context.
type CaseContext struct {
	// ID is the case's record id and Version the id of the workflow version
	// it is pinned to; both go into timer ids.
	ID      string `json:"id"`
	Version string `json:"version"`
	// Reference is the case number shown to people (BWTW-2026-00042).
	Reference string `json:"reference"`
	// State is the current state; Entry counts the state entries (0 at the
	// start, +1 per transition that moves the case) and StateEntered is
	// when the current one began.
	State        string    `json:"state"`
	Entry        int       `json:"entry"`
	StateEntered time.Time `json:"state_entered"`
	Opened       time.Time `json:"opened"`
	// Assignee is the id of the assigned counsellor ("" when unassigned).
	Assignee     string `json:"assignee,omitempty"`
	AssigneeName string `json:"assignee_name,omitempty"`
	// Answers are the intake answers as stored (decoded JSON, dates as
	// YYYY-MM-DD); Fields are the workflow's case fields, same form.
	Answers     map[string]any `json:"answers,omitempty"`
	Fields      map[string]any `json:"fields,omitempty"`
	Participant Participant    `json:"participant"`
	Actor       Actor          `json:"actor"`
	Now         time.Time      `json:"now"`
	// Timers are the case's pending timers as stored; Take reports which of
	// them the move voids.
	Timers []Timer `json:"timers,omitempty"`
}

// Participant is the participant data rules and texts may read. Names are
// only for texts (placeholders), never for rules.
type Participant struct {
	FirstName         string `json:"first_name,omitempty"`
	LastName          string `json:"last_name,omitempty"`
	BirthDate         string `json:"birth_date,omitempty"` // YYYY-MM-DD
	Gender            string `json:"gender,omitempty"`
	Nationality       string `json:"nationality,omitempty"`
	PreferredLanguage string `json:"preferred_language,omitempty"`
	Municipality      string `json:"municipality,omitempty"`
	Channel           string `json:"channel,omitempty"`
}

// Actor is who acts: a staff user in a role, or the system (timers).
type Actor struct {
	ID   string `json:"id,omitempty"`
	Role string `json:"role"`
	Name string `json:"name,omitempty"`
}

// berlin is the zone of dates and day counts, as in rules.
var berlin = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin") // tzdata comes with package rules
	if err != nil {
		panic(err)
	}
	return loc
}()

// dayNumber counts civil days in Berlin, so DST never shifts a difference.
func dayNumber(t time.Time) int {
	y, m, d := t.In(berlin).Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// daysBetween is the number of civil days from a to b.
func daysBetween(a, b time.Time) int { return dayNumber(b) - dayNumber(a) }

// addDays adds whole days on the Berlin calendar, keeping the clock time.
func addDays(t time.Time, n int) time.Time { return t.In(berlin).AddDate(0, 0, n) }

// After returns the case as it is once o is applied: the new state and
// entry, the case fields merged with o.Set, the voided timers removed and
// the armed ones added. The adapter stores the same; simulations and tests
// use After to go on with the case. c itself is not modified.
func (c CaseContext) After(o *Outcome) CaseContext {
	c.State, c.Entry, c.StateEntered = o.To, o.Entry, o.Entered
	fields := make(map[string]any, len(c.Fields)+len(o.Set))
	maps.Copy(fields, c.Fields)
	maps.Copy(fields, o.Set)
	c.Fields = fields
	gone := map[string]bool{}
	for _, t := range o.Voided {
		gone[t.ID] = true
	}
	var timers []Timer
	for _, t := range c.Timers {
		if !gone[t.ID] {
			timers = append(timers, t)
			gone[t.ID] = true // a timer is stored once (unique id)
		}
	}
	for _, t := range o.Timers {
		if !gone[t.ID] {
			timers = append(timers, t)
		}
	}
	c.Timers = timers
	return c
}

// AfterMigration returns the case as it is once m is applied: on the new
// version, in the new state, with the new version's timers only.
func (c CaseContext) AfterMigration(m *Migration) CaseContext {
	c.Version, c.State, c.Entry, c.StateEntered = m.ToVersion, m.To, m.Entry, m.Entered
	c.Timers = slices.Clone(m.Timers)
	return c
}
