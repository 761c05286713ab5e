package hooks

import (
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/workflows"
)

type migrateBody struct {
	FromVersion int               `json:"from_version"` // the version number whose open cases move
	Mapping     map[string]string `json:"mapping"`      // old state → new state (same key when omitted)
	DryRun      bool              `json:"dry_run"`
}

// handleMigrateWorkflow: POST /api/mp/offers/{offer}/workflow/migrate — an
// admin moves the open cases of an older workflow version to the current one
// with a state mapping. Cases stay pinned to their version unless this runs.
func (s *service) handleMigrateWorkflow(e *core.RequestEvent) error {
	offer, err := s.loadOfferForAdmin(e)
	if err != nil {
		return err
	}
	var body migrateBody
	if err := e.BindBody(&body); err != nil {
		return writeFieldError(e, "_form", "request_invalid_json", "The request body is not valid JSON.")
	}
	old, err := e.App.FindFirstRecordByFilter("workflow_versions", "offer_type = {:o} && version = {:v}",
		dbx.Params{"o": offer.Id, "v": body.FromVersion})
	current := offer.GetString("workflow_version")
	if err != nil || old.Id == current {
		return writeFieldError(e, "from_version", "migration_version_invalid", "Choose an older published version.")
	}
	from, _, err := s.workflowVersion(e.App, old.Id)
	if err != nil {
		return err
	}
	to, toRef, err := s.workflowVersion(e.App, current)
	if err != nil {
		return err
	}
	var open []*core.Record
	err = e.App.RecordQuery("cases").AndWhere(dbx.HashExp{"workflow_version": old.Id, "closed": ""}).All(&open)
	if err != nil {
		return err
	}
	inUse := map[string]int{}
	var states []string
	for _, c := range open {
		if inUse[c.GetString("state")] == 0 {
			states = append(states, c.GetString("state"))
		}
		inUse[c.GetString("state")]++
	}
	plan, diags := workflows.PlanMigration(from, to, body.Mapping, states)
	if diags.HasErrors() {
		return writeError(e, http.StatusUnprocessableEntity, "The mapping is incomplete.",
			map[string]any{"diagnostics": diags, "cases": inUse})
	}
	if body.DryRun {
		return e.JSON(http.StatusOK, map[string]any{"targets": plan.Targets(), "cases": inUse, "diagnostics": diags})
	}
	moved := 0
	for _, c := range open {
		err := asCaller(e).RunInTransaction(func(tx core.App) error {
			return migrateCase(tx, c.Id, old.Id, plan, toRef, e.Auth.Id, s)
		})
		if err != nil {
			return e.InternalServerError("Migration stopped; the cases moved so far stay moved.", err)
		}
		moved++
	}
	return e.JSON(http.StatusOK, map[string]any{"moved": moved, "targets": plan.Targets()})
}

// migrateCase moves one case (re-read inside the transaction) to the new version.
func migrateCase(tx core.App, id, fromVersion string, plan *workflows.Plan, to VersionRef, actor string, s *service) error {
	c, err := tx.FindRecordById("cases", id)
	if err != nil || c.GetString("workflow_version") != fromVersion || !c.GetDateTime("closed").IsZero() {
		return nil // moved or closed meanwhile
	}
	ctx, err := caseContext(tx, c, workflows.Actor{ID: actor, Role: RoleTenantAdmin}, s.now())
	if err != nil {
		return err
	}
	m, err := plan.Move(ctx, to.ID)
	if err != nil {
		return err
	}
	c.Set("workflow_version", to.ID)
	c.Set("state", m.To)
	c.Set("entry", m.Entry)
	c.Set("state_entered", m.Entered)
	c.Set("sla_due", slaDue(m.Timers))
	if m.Closed {
		c.Set("closed", s.now())
	}
	if err := tx.Save(c); err != nil {
		return err
	}
	if err := voidTimers(tx, m.Voided, s.now()); err != nil {
		return err
	}
	if err := armTimers(tx, c, m.Timers, true); err != nil {
		return err
	}
	return AppendEvent(tx, c, CaseEvent{Type: EventMigrated, From: m.From, To: m.To, Actor: actor, ActorKind: "staff",
		Data: map[string]any{"from_version": fromVersion, "to_version": to.ID, "to_version_number": to.Number}})
}
