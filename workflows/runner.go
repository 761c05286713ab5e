package workflows

import (
	"fmt"
	"github.com/multipotenzial/multipotenzial/forms"
	"time"

	"github.com/multipotenzial/multipotenzial/rules"
)

// runner executes actions in order into an Outcome. Set actions update the
// case object in the env, so later actions and texts see the new values.
type runner struct {
	env     *rules.Env // nil for reminders, which hold no set actions
	lang    string
	out     *Outcome
	r       *renderCtx
	entered time.Time // start of the state entry that schedules arm into
}

func (rn *runner) run(list []*action) *Error {
	for _, a := range list {
		switch a.kind {
		case ActionSet:
			if err := rn.set(a); err != nil {
				return err
			}
		case ActionTask:
			rn.out.Tasks = append(rn.out.Tasks, rn.r.task(a))
		case ActionNotify:
			rn.out.Notifications = append(rn.out.Notifications, rn.r.notification(a))
		case ActionSchedule:
			rn.out.Timers = append(rn.out.Timers, scheduleTimer(rn.r.c, a.sched, rn.out.Entry, rn.entered))
		}
	}
	return nil
}

func (rn *runner) set(a *action) *Error {
	v, err := a.value.Eval(rn.env)
	if err != nil {
		return newError(ErrActionFailed, rn.lang, fmt.Errorf("%s.value: %w", a.path, err))
	}
	if opts := a.field.options; opts != nil && v != "" {
		if _, ok := opts[v.(string)]; !ok {
			return newError(ErrActionFailed, rn.lang, fmt.Errorf("%s.value: %q is not an option of %s", a.path, v, a.field.key))
		}
	}
	rn.r.caseObj[a.field.key] = v
	rn.env.SetAnswered(NameCase+"."+a.field.key, answeredValue(v))
	if rn.out.Set == nil {
		rn.out.Set = map[string]any{}
	}
	rn.out.Set[a.field.key] = jsonValue(v)
	return nil
}

func (r *renderCtx) task(a *action) Task {
	t := Task{Title: a.title.all(r, r.w.staff), Assign: a.assignee, Source: a.path}
	if a.dueDays != nil {
		t.Due = rules.FormatDate(rules.DateOf(addDays(r.c.Now, *a.dueDays)))
	}
	switch a.assignee {
	case AssignCase:
		t.Assignee = r.c.Assignee
	case AssignActor:
		t.Assignee = r.c.Actor.ID
	}
	return t
}

func (r *renderCtx) notification(a *action) Notification {
	langs := r.w.staff
	n := Notification{To: a.to, Language: forms.DefaultLanguage, Recipient: r.c.Assignee, Source: a.path}
	if a.to == NotifyParticipant {
		langs, n.Recipient = r.w.languages, ""
		n.Language = r.w.language(r.c.Participant.PreferredLanguage)
	}
	n.Subject, n.Body = a.subject.all(r, langs), a.body.all(r, langs)
	return n
}
