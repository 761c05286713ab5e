package hooks

import (
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/pocketbase/pocketbase/tools/security"

	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/workflows"
)

// claimValidity is how long the confirmation page may create an account.
const claimValidity = 7 * 24 * time.Hour

// Channels of a registration.
const (
	ChannelOnline   = "online"
	ChannelInPerson = "in_person"
)

// Registration is a validated intake to store: the participant, the
// submission, a case in the offer's start state and its first event.
type Registration struct {
	Tenant, Offer *core.Record
	FormVersion   VersionRef
	Form          *forms.Form
	// Workflow is the offer's published workflow (nil: none yet; the case
	// then waits in DefaultStartState).
	Workflow             *workflows.Workflow
	WorkflowVersion      VersionRef
	Answers              map[string]any // cleaned by forms.Validate
	Language             string
	Channel              string
	Actor                string // staff user for in-person registrations
	IdempotencyKey, Hash string
	Files                []*filesystem.File
	Now                  time.Time
}

// registrationCollections are the collections a registration writes to.
var registrationCollections = []string{"participants", "cases", "case_events", "timers", "tasks",
	"notifications", "submissions", "consents", "audit_log"}

// Stored is what a registration created.
type Stored struct {
	Submission *core.Record
	Case       *core.Record
	Claim      string // one-time secret for creating an account (not stored)
}

// StoreRegistration writes a registration in one transaction: either all of
// participant, submission, case and first case event exist, or none. The
// public and in-person routes go through the registration writer instead,
// which does the same for several registrations at once.
func StoreRegistration(app core.App, reg Registration) (*Stored, error) {
	// Inside a caller's transaction the after-create hooks could not wait
	// for its commit: there, the records go through Save.
	if app.IsTransactional() {
		return writeRegistration(app, reg)
	}
	prepareInserts(app, registrationCollections...)
	var out *Stored
	var direct *directInsertApp
	err := app.RunInTransaction(func(txApp core.App) error {
		direct = &directInsertApp{App: txApp, actor: actorOfApp(app)}
		var err error
		if out, err = writeRegistration(direct, reg); err != nil {
			return err
		}
		return direct.flush(reg.Now)
	})
	if err != nil {
		return nil, err
	}
	direct.afterCommit(app)
	return out, nil
}

// writeRegistration writes the records of reg with txApp, which must be in a
// transaction.
func writeRegistration(txApp core.App, reg Registration) (*Stored, error) {
	var out Stored
	pcol, err := txApp.FindCachedCollectionByNameOrId("participants")
	if err != nil {
		return nil, err
	}
	p := core.NewRecord(pcol)
	p.Set("tenant", reg.Tenant.Id)
	p.Set("status", "registered")
	p.Set("channel", reg.Channel)
	fillParticipant(p, reg.Answers, reg.Language)
	if err := txApp.Save(p); err != nil {
		return nil, err
	}

	state, caseId := DefaultStartState, core.GenerateDefaultRandomId()
	var start *workflows.Outcome
	if reg.Workflow != nil {
		state = reg.Workflow.StartState()
		if start, err = startWorkflow(caseId, p, reg); err != nil {
			return nil, err
		}
	}
	eventData := map[string]any{"channel": reg.Channel, "language": reg.Language,
		"form_version": reg.FormVersion.Number}
	actorKind := "participant"
	if reg.Actor != "" {
		actorKind = "staff"
	}
	c, err := OpenCase(txApp, NewCase{Tenant: reg.Tenant, Participant: p.Id, OfferType: reg.Offer.Id,
		State: state, Data: reg.Answers, Opened: reg.Now, Actor: reg.Actor, ActorKind: actorKind,
		EventData: eventData, FormVersion: reg.FormVersion.ID, WorkflowVersion: reg.WorkflowVersion.ID,
		ID: caseId, Start: start})
	if err != nil {
		return nil, err
	}

	scol, err := txApp.FindCachedCollectionByNameOrId("submissions")
	if err != nil {
		return nil, err
	}
	out.Claim = security.RandomString(32)
	s := core.NewRecord(scol)
	s.Set("tenant", reg.Tenant.Id)
	s.Set("offer_type", reg.Offer.Id)
	s.Set("form_version", reg.FormVersion.ID)
	s.Set("answers", reg.Answers)
	s.Set("language", reg.Language)
	s.Set("consent", consentRecords(reg))
	s.Set("status", "received")
	s.Set("channel", reg.Channel)
	s.Set("participant", p.Id)
	s.Set("case", c.Id)
	s.Set("reference", c.GetString("reference"))
	s.Set("idempotency_key", reg.IdempotencyKey)
	s.Set("request_hash", reg.Hash)
	s.Set("claim_hash", hashClaim(out.Claim))
	s.Set("claim_expires", reg.Now.Add(claimValidity))
	if len(reg.Files) > 0 {
		s.Set("documents", reg.Files)
	}
	if err := txApp.Save(s); err != nil {
		return nil, err
	}
	if err := storeConsents(txApp, reg, p.Id, s.Id); err != nil {
		return nil, err
	}
	out.Submission, out.Case = s, c
	return &out, nil
}

// consentRecords turns the consent answers into proof of consent: purpose,
// text version, the language of the text shown, a hash of that text, when and
// how — given or refused, per purpose (GDPR Art. 7(1)).
func consentRecords(reg Registration) []map[string]any {
	var out []map[string]any
	for _, c := range reg.Form.Consents() {
		textLang := reg.Language
		if !c.Text.Has(textLang) {
			textLang = "de"
		}
		sum := sha256.Sum256([]byte(c.Text.Get(textLang)))
		given, _ := reg.Answers[c.Key].(bool)
		out = append(out, map[string]any{
			"field": c.Key, "purpose": c.Purpose, "version": c.Version, "given": given,
			"language": textLang, "text_sha256": hex.EncodeToString(sum[:]),
			"at": reg.Now.UTC().Format(time.RFC3339), "channel": reg.Channel, "recorded_by": reg.Actor,
		})
	}
	return out
}

// storeConsents keeps each consent of the registration as a record of its
// own: the live state of a purpose, which a withdrawal later ends.
func storeConsents(txApp core.App, reg Registration, participant, submission string) error {
	col, err := txApp.FindCachedCollectionByNameOrId("consents")
	if err != nil {
		return err
	}
	for i, c := range consentRecords(reg) {
		r := core.NewRecord(col)
		r.Set("tenant", reg.Tenant.Id)
		r.Set("participant", participant)
		r.Set("submission", submission)
		r.Set("field", c["field"])
		r.Set("purpose", c["purpose"])
		r.Set("text_version", c["version"])
		r.Set("language", c["language"])
		r.Set("text_sha256", c["text_sha256"])
		r.Set("given", c["given"])
		r.Set("required", reg.Form.Consents()[i].Required)
		r.Set("at", reg.Now)
		r.Set("channel", reg.Channel)
		r.Set("recorded_by", reg.Actor)
		if err := txApp.Save(r); err != nil {
			return err
		}
	}
	return nil
}

func hashClaim(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// startWorkflow runs the start state's entry actions of a new case (with
// its preset id) and arms its timers, e.g. "first contact within 14 days".
func startWorkflow(caseId string, p *core.Record, reg Registration) (*workflows.Outcome, error) {
	actor := workflows.Actor{Role: workflows.RoleSystem}
	if reg.Actor != "" {
		actor = workflows.Actor{ID: reg.Actor, Role: RoleCounsellor}
	}
	return reg.Workflow.Start(workflows.CaseContext{ID: caseId, Version: reg.WorkflowVersion.ID,
		Opened: reg.Now, Answers: reg.Answers, Participant: participantOf(p), Actor: actor, Now: reg.Now})
}

// DefaultStartState is the state of a case whose offer has no workflow yet.
const DefaultStartState = "angemeldet"
