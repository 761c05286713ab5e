package hooks

import (
	"encoding/json"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/workflows"
)

// caseContext builds what the workflow engine knows about a case: the case
// record, its participant, its pending timers, the actor and the clock.
func caseContext(app core.App, c *core.Record, actor workflows.Actor, now time.Time) (workflows.CaseContext, error) {
	ctx := workflows.CaseContext{
		ID: c.Id, Version: c.GetString("workflow_version"), Reference: c.GetString("reference"),
		State: c.GetString("state"), Entry: c.GetInt("entry"),
		StateEntered: c.GetDateTime("state_entered").Time(), Opened: c.GetDateTime("opened").Time(),
		Assignee: c.GetString("assignee"), Actor: actor, Now: now,
		Answers: jsonMap(c, "data"), Fields: jsonMap(c, "fields"),
	}
	if ctx.Assignee != "" {
		if u, err := app.FindRecordById("users", ctx.Assignee); err == nil {
			ctx.AssigneeName = u.GetString("name")
		}
	}
	p, err := app.FindRecordById("participants", c.GetString("participant"))
	if err != nil {
		return ctx, err
	}
	ctx.Participant = participantOf(p)
	ctx.Timers, err = pendingTimers(app, c.Id)
	return ctx, err
}

func participantOf(p *core.Record) workflows.Participant {
	birth := ""
	if d := p.GetDateTime("birth_date"); !d.IsZero() {
		birth = d.Time().Format(time.DateOnly)
	}
	return workflows.Participant{FirstName: p.GetString("first_name"), LastName: p.GetString("last_name"),
		BirthDate: birth, Gender: p.GetString("gender"), Nationality: p.GetString("nationality"),
		PreferredLanguage: p.GetString("preferred_language"), Municipality: p.GetString("municipality"),
		Channel: p.GetString("channel")}
}

// pendingTimers are the case's timers that have not fired yet.
func pendingTimers(app core.App, caseId string) ([]workflows.Timer, error) {
	var rows []struct {
		Spec string `db:"spec"`
	}
	err := pendingTimersQuery(app, caseId).All(&rows)
	out := make([]workflows.Timer, 0, len(rows))
	for _, r := range rows {
		var t workflows.Timer
		if json.Unmarshal([]byte(r.Spec), &t) == nil {
			out = append(out, t)
		}
	}
	return out, err
}

// pendingTimersQuery selects a case's pending timers by the timers' case
// index and sorts those few. The unary + keeps SQLite off the (status, due)
// index, which serves the ORDER BY but holds every pending timer of the
// network: it read all of them (10,000 on 10,000 cases) for each case's
// options and each transition.
func pendingTimersQuery(app core.App, caseId string) *dbx.SelectQuery {
	return app.DB().Select("spec").From("timers").
		Where(dbx.HashExp{"case": caseId}).
		AndWhere(dbx.NewExp("+[[status]] = {:status}", dbx.Params{"status": timerPending})).
		OrderBy("due")
}

// jsonMap decodes a JSON object field ({} when empty or not an object).
func jsonMap(r *core.Record, field string) map[string]any {
	var m map[string]any
	_ = json.Unmarshal([]byte(r.GetString(field)), &m) // "null" gives nil
	if m == nil {
		m = map[string]any{}
	}
	return m
}

// staffActor is the workflow actor of a staff caller.
func staffActor(c caller) workflows.Actor {
	return workflows.Actor{ID: c.Record.Id, Role: c.Role, Name: c.Record.GetString("name")}
}
