package workflows

import "time"

// Outcome is what taking a transition (or starting a case, or a timer's
// automatic transition) results in: what the adapter stores in one
// database transaction — the case update, a case event, tasks, queued
// notifications, new timers and voided ones.
type Outcome struct {
	Transition string `json:"transition,omitempty"`
	From       string `json:"from,omitempty"`
	To         string `json:"to"`
	// Moved is false for a transition that stays (stay: true): the state
	// entry, its start time and its timers are unchanged.
	Moved bool `json:"moved"`
	// Entry and Entered are the case's state entry number and its start
	// after the move (case.state_entered).
	Entry   int       `json:"entry"`
	Entered time.Time `json:"entered"`
	// Closed is true when the case is now in a terminal state.
	Closed  bool   `json:"closed"`
	Actor   Actor  `json:"actor"`
	Comment string `json:"comment,omitempty"`
	// Step holds the clean step-form answers (Validate's output): keep them
	// in the case event.
	Step map[string]any `json:"step,omitempty"`
	// Set holds the new values of case fields (stored form: dates as
	// YYYY-MM-DD); merge them into the case's fields.
	Set           map[string]any `json:"set,omitempty"`
	Tasks         []Task         `json:"tasks,omitempty"`
	Notifications []Notification `json:"notifications,omitempty"`
	// Timers are armed by this entry (store each by its ID with a unique
	// index); Voided are pending timers of CaseContext.Timers that this
	// move ends.
	Timers []Timer `json:"timers,omitempty"`
	Voided []Timer `json:"voided,omitempty"`
}

// Task is a task to create.
type Task struct {
	// Title in every language of the workflow, placeholders resolved.
	Title map[string]string `json:"title"`
	// Due is a date (YYYY-MM-DD), "" for no due date.
	Due string `json:"due,omitempty"`
	// Assign is the rule (case_assignee, actor, unassigned) and Assignee
	// the user id it gave ("" unassigned).
	Assign   string `json:"assign"`
	Assignee string `json:"assignee,omitempty"`
	// Source is the action's path in the definition, for the audit trail.
	Source string `json:"source"`
}

// Notification is an email to send (after the transaction commits).
type Notification struct {
	// To is assignee or participant; Recipient is the assignee's user id
	// (the adapter looks up the participant's address itself and skips the
	// notification when there is none).
	To        string `json:"to"`
	Recipient string `json:"recipient,omitempty"`
	// Language is the recipient's language: the participant's preferred
	// language when the workflow has it, else German.
	Language string            `json:"language"`
	Subject  map[string]string `json:"subject"`
	Body     map[string]string `json:"body"`
	Source   string            `json:"source"`
}

// Text returns the subject and body in the recipient's language.
func (n Notification) Text() (subject, body string) {
	return n.Subject[n.Language], n.Body[n.Language]
}
