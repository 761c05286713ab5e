package workflows

import "errors"

// Results of firing a timer; the adapter stores them as the timer's status.
const (
	FireWaiting = "waiting" // not due yet: leave it pending
	FireVoid    = "void"    // the case left the state entry (or version): drop it
	FireFired   = "fired"   // done: apply the tasks, notifications or outcome
	FireSkipped = "skipped" // an automatic transition that may not be taken now (Reason)
)

// Firing is what a timer does when the cron job looks at it.
type Firing struct {
	Timer  Timer   `json:"timer"`
	Result string  `json:"result"`
	Reason *Reason `json:"reason,omitempty"`
	// Tasks and Notifications of an SLA or reminder.
	Tasks         []Task         `json:"tasks,omitempty"`
	Notifications []Notification `json:"notifications,omitempty"`
	// Outcome of an automatic transition, taken as role system.
	Outcome *Outcome `json:"outcome,omitempty"`
}

// Fire decides what a pending timer does for the case as it is at c.Now:
// wait, void, or fire (a reminder's or SLA's tasks and notifications, or an
// automatic transition taken as role system and still checked against its
// guard; when that fails the timer is skipped with the reason). A fired,
// skipped or void timer is done for good: store the result together with
// its effects in one transaction, and each timer acts exactly once.
func (w *Workflow) Fire(c CaseContext, t Timer) Firing {
	c.Actor = Actor{Role: RoleSystem} // whoever runs the job, a timer acts as the system
	f := Firing{Timer: t, Result: FireWaiting}
	s := w.stateByKey[t.State]
	switch {
	case !valid(&c, t) || s == nil: // s == nil: a timer of another version
		f.Result = FireVoid
		return f
	case c.Now.Before(t.Due):
		return f
	}
	var list []*action
	switch sc := w.schedules[t.Key]; {
	case t.Kind == TimerSLA && s.sla != nil:
		list = s.sla.actions
	case sc != nil && sc.trans != nil && t.Kind == TimerTransition:
		return w.fireTransition(c, f, sc.trans.key)
	case sc != nil && t.Kind == TimerReminder:
		list = sc.actions
	default: // not a timer of this version's definition
		f.Result = FireVoid
		return f
	}
	out := &Outcome{}
	rn := &runner{out: out, r: &renderCtx{w: w, c: &c, state: c.State, caseObj: w.caseView(&c)}}
	rn.run(list) // reminders hold only tasks and notifications: no errors
	f.Result, f.Tasks, f.Notifications = FireFired, out.Tasks, out.Notifications
	return f
}

func (w *Workflow) fireTransition(c CaseContext, f Firing, key string) Firing {
	o, err := w.Take(c, Request{Transition: key})
	var e *Error
	if errors.As(err, &e) {
		f.Result, f.Reason = FireSkipped, e.Reason()
		return f
	}
	f.Result, f.Outcome = FireFired, o
	return f
}

// caseView is the case object for texts outside an evaluation.
func (w *Workflow) caseView(c *CaseContext) map[string]any {
	obj := map[string]any{}
	for key, f := range w.caseFields {
		if v, ok := envValue(f.typ, c.Fields[key]); ok {
			obj[key] = v
		}
	}
	return obj
}
