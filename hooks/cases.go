package hooks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/workflows"
)

// Case event types (case_events.type).
const (
	EventCreated      = "created"
	EventTransition   = "transition"
	EventAssigned     = "assigned"
	EventReminder     = "reminder"      // a scheduled reminder fired
	EventSLABreached  = "sla_breached"  // the state's SLA ran out
	EventTimerSkipped = "timer_skipped" // an automatic transition was not allowed
	EventMigrated     = "migrated"      // moved to another workflow version
	EventErased       = "erased"        // the person's data was anonymised (tombstone)
	EventConsent      = "consent_withdrawn"
)

// NewCase describes a case to open: from a submission, an in-person
// registration or the demo data.
type NewCase struct {
	Tenant      *core.Record
	Participant string
	OfferType   string
	State       string // the workflow's start state
	Assignee    string
	Data        map[string]any
	Opened      time.Time
	Actor       string // staff user id; empty for the participant or the system
	ActorKind   string // staff, participant, system
	EventData   map[string]any
	// The versions the case is pinned to (empty: none published yet).
	FormVersion, WorkflowVersion string
	// ID preset for the case (the workflow's timers need it before the
	// insert); empty: generated.
	ID string
	// Start is the workflow's start outcome, stored with the case.
	Start *workflows.Outcome
}

// OpenCase saves a new case with its reference number and its first case
// event. Call it inside a transaction, with the transaction's app.
func OpenCase(txApp core.App, nc NewCase) (*core.Record, error) {
	col, err := txApp.FindCachedCollectionByNameOrId("cases")
	if err != nil {
		return nil, err
	}
	ref, err := nextReference(txApp, nc.Tenant.GetString("slug"), nc.Opened)
	if err != nil {
		return nil, err
	}
	c := core.NewRecord(col)
	if nc.ID != "" {
		c.Id = nc.ID
	}
	c.Set("tenant", nc.Tenant.Id)
	c.Set("participant", nc.Participant)
	c.Set("offer_type", nc.OfferType)
	c.Set("reference", ref)
	c.Set("state", nc.State)
	c.Set("assignee", nc.Assignee)
	c.Set("data", nc.Data)
	c.Set("opened", nc.Opened)
	c.Set("state_entered", nc.Opened)
	c.Set("form_version", nc.FormVersion)
	c.Set("workflow_version", nc.WorkflowVersion)
	if nc.Start != nil {
		setOutcome(c, nc.Start, nc.Opened)
	}
	if err := txApp.Save(c); err != nil {
		return nil, err
	}
	if nc.Start != nil {
		if err := storeNewEffects(txApp, c, nc.Start, false); err != nil {
			return nil, err
		}
	}
	err = AppendEvent(txApp, c, CaseEvent{Type: EventCreated, To: nc.State, Actor: nc.Actor,
		ActorKind: nc.ActorKind, Data: nc.EventData})
	return c, err
}

// CaseEvent is one entry of a case's audit trail.
type CaseEvent struct {
	Type      string
	From, To  string
	Actor     string
	ActorKind string
	Data      map[string]any
}

// AppendEvent adds ev to the audit trail of caseRec.
func AppendEvent(txApp core.App, caseRec *core.Record, ev CaseEvent) error {
	col, err := txApp.FindCachedCollectionByNameOrId("case_events")
	if err != nil {
		return err
	}
	r := core.NewRecord(col)
	r.Set("tenant", caseRec.GetString("tenant"))
	r.Set("case", caseRec.Id)
	r.Set("type", ev.Type)
	r.Set("from", ev.From)
	r.Set("to", ev.To)
	r.Set("actor", ev.Actor)
	r.Set("actor_kind", ev.ActorKind)
	r.Set("data", ev.Data)
	return txApp.Save(r)
}
