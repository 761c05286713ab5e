package hooks

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/workflows"
)

// caseOverview is what the case view needs besides the record API: labels
// of the case's own workflow version, the participant, and the colleagues a
// case may be assigned to.
type caseOverview struct {
	Case        overviewCase          `json:"case"`
	Participant map[string]any        `json:"participant"`
	Fields      []overviewField       `json:"fields"`
	States      []workflows.StateInfo `json:"states"`
	Transitions map[string]stepLabels `json:"transitions"`
	Staff       []staffMember         `json:"staff"`
	Submission  map[string]any        `json:"submission"`
}

type overviewCase struct {
	caseSummary
	Kind            string `json:"kind"`
	Offer           string `json:"offer"`
	OfferTitle      string `json:"offer_title"`
	Assignee        string `json:"assignee"`
	Opened          string `json:"opened"`
	StateEntered    string `json:"state_entered"`
	SLADue          string `json:"sla_due"`
	Outcome         string `json:"outcome"`
	WorkflowVersion int    `json:"workflow_version"`
}

// overviewField is a workflow case field with its label and, for choices,
// the label of its value.
type overviewField struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Type  string `json:"type"`
	Value any    `json:"value"`
	Text  string `json:"text,omitempty"`
}

// stepLabels names a transition and its step form's fields and options, so
// that the timeline can say what was recorded in German.
type stepLabels struct {
	Label  string                `json:"label"`
	Fields map[string]fieldLabel `json:"fields,omitempty"`
}

type fieldLabel struct {
	Label   string            `json:"label"`
	Type    string            `json:"type"`
	Options map[string]string `json:"options,omitempty"`
}

type staffMember struct {
	ID   string `db:"id" json:"id"`
	Name string `db:"name" json:"name"`
	Role string `db:"role" json:"role"`
}

// participantView lists the participant fields staff see in the profile.
var participantView = []string{"id", "first_name", "last_name", "birth_date", "gender", "nationality",
	"preferred_language", "email", "phone", "messenger", "municipality", "address", "status", "channel", "created"}

// handleCaseOverview: GET /api/mp/cases/{id}/overview?lang=
func (s *service) handleCaseOverview(e *core.RequestEvent) error {
	rec, c, err := loadCaseForStaff(e, func() error { return e.NotFoundError("Case not found.", nil) })
	if err != nil {
		return err
	}
	lang := e.Request.URL.Query().Get("lang")
	out := caseOverview{Fields: []overviewField{}, States: []workflows.StateInfo{}, Transitions: map[string]stepLabels{}}
	var wf *workflows.Workflow
	if v := rec.GetString("workflow_version"); v != "" {
		var ref VersionRef
		if wf, ref, err = s.workflowVersion(e.App, v); err != nil {
			return e.InternalServerError("The workflow could not be loaded.", err)
		}
		out.Case.WorkflowVersion = ref.Number
		out.States = wf.States(lang)
		out.Fields = caseFields(wf, jsonMap(rec, "fields"), lang)
		out.Transitions = transitionLabels(wf, lang)
	}
	out.Case.caseSummary = summarizeCase(rec, wf, lang)
	if wf != nil {
		if st, ok := wf.State(rec.GetString("state"), lang); ok {
			out.Case.Kind = st.Kind
		}
	}
	out.Case.Offer, out.Case.Assignee = rec.GetString("offer_type"), rec.GetString("assignee")
	out.Case.Opened, out.Case.StateEntered = rec.GetString("opened"), rec.GetString("state_entered")
	out.Case.SLADue, out.Case.Outcome = rec.GetString("sla_due"), rec.GetString("outcome")
	if offer, err := e.App.FindRecordById("offer_types", out.Case.Offer); err == nil {
		out.Case.OfferTitle = localizedJSON(offer, "title", lang)
	}
	p, err := e.App.FindRecordById("participants", rec.GetString("participant"))
	if err != nil {
		return e.InternalServerError("The participant could not be loaded.", err)
	}
	out.Participant = map[string]any{}
	for _, f := range participantView {
		out.Participant[f] = p.Get(f)
	}
	if out.Staff, err = colleagues(e.App, c.Tenant); err != nil {
		return e.InternalServerError("The staff could not be loaded.", err)
	}
	if sub, err := e.App.FindFirstRecordByData("submissions", "case", rec.Id); err == nil {
		out.Submission = map[string]any{"id": sub.Id, "channel": sub.GetString("channel"),
			"language": sub.GetString("language"), "created": sub.GetString("created"),
			"documents": sub.GetStringSlice("documents"), "consent": sub.Get("consent"),
			"collectionId": sub.Collection().Id}
	}
	return e.JSON(http.StatusOK, out)
}

// caseFields labels the workflow's case fields in definition order.
func caseFields(wf *workflows.Workflow, values map[string]any, lang string) []overviewField {
	out := []overviewField{}
	for _, cf := range wf.Definition().CaseFields {
		f := overviewField{Key: cf.Key, Label: cf.Label.Get(lang), Type: cf.Type, Value: values[cf.Key]}
		if v, ok := f.Value.(string); ok {
			for _, o := range cf.Options {
				if o.Value == v {
					f.Text = o.Label.Get(lang)
				}
			}
		}
		out = append(out, f)
	}
	return out
}

// transitionLabels labels every transition of the workflow with its step
// form's fields (top level) and options.
func transitionLabels(wf *workflows.Workflow, lang string) map[string]stepLabels {
	out := map[string]stepLabels{}
	for _, t := range wf.Definition().Transitions {
		sl := stepLabels{Label: t.Label.Get(lang)}
		if t.StepForm != nil {
			sl.Fields = map[string]fieldLabel{}
			for _, f := range t.StepForm.Fields {
				fl := fieldLabel{Label: f.Label.Get(lang), Type: f.Type}
				for _, o := range f.Options {
					if fl.Options == nil {
						fl.Options = map[string]string{}
					}
					fl.Options[o.Value] = o.Label.Get(lang)
				}
				sl.Fields[f.Key] = fl
			}
		}
		out[t.Key] = sl
	}
	return out
}

// colleagueOf selects the users a case or task of tenant may be given to:
// its enabled counsellors and tenant admins.
func colleagueOf(tenant string) dbx.Expression {
	return dbx.And(dbx.HashExp{"tenant": tenant, "disabled": false}, dbx.In("role", RoleCounsellor, RoleTenantAdmin))
}

// colleagues are the enabled counsellors and tenant admins of a Träger.
func colleagues(app core.App, tenant string) ([]staffMember, error) {
	out := []staffMember{}
	err := app.DB().Select("id", "name", "role").From("users").Where(colleagueOf(tenant)).OrderBy("name", "id").All(&out)
	return out, err
}

type assignBody struct {
	Assignee        string `json:"assignee"` // a colleague's user id; empty: nobody
	ExpectedUpdated string `json:"expected_updated"`
}

// handleAssignCase: POST /api/mp/cases/{id}/assign — gives the case to a
// colleague of the same Träger (or to nobody) and records who did it in the
// case's timeline, in one transaction.
func (s *service) handleAssignCase(e *core.RequestEvent) error {
	rec, c, err := loadCaseForStaff(e, func() error { return e.NotFoundError("Case not found.", nil) })
	if err != nil {
		return err
	}
	var body assignBody
	if err := e.BindBody(&body); err != nil {
		return writeFieldError(e, "_form", "request_invalid_json", "The request body is not valid JSON.")
	}
	staff, err := colleagues(e.App, c.Tenant)
	if err != nil {
		return e.InternalServerError("The staff could not be loaded.", err)
	}
	if body.Assignee != "" && !slices.ContainsFunc(staff, func(m staffMember) bool { return m.ID == body.Assignee }) {
		return writeFieldError(e, "assignee", "assignee_invalid", "Cases can only be assigned to colleagues of the same Träger.")
	}
	var updated *core.Record
	err = asCaller(e).RunInTransaction(func(tx core.App) error {
		fresh, err := tx.FindRecordById("cases", rec.Id)
		if err != nil {
			return err
		}
		if body.ExpectedUpdated != "" && body.ExpectedUpdated != fresh.GetString("updated") {
			return errCaseChanged
		}
		updated = fresh
		previous := fresh.GetString("assignee")
		if previous == body.Assignee {
			return nil
		}
		fresh.Set("assignee", body.Assignee)
		if err := tx.Save(fresh); err != nil {
			return err
		}
		return AppendEvent(tx, fresh, CaseEvent{Type: EventAssigned, Actor: c.Record.Id, ActorKind: "staff",
			Data: map[string]any{"assignee": body.Assignee, "previous": previous}})
	})
	if err == errCaseChanged {
		return writeWorkflowError(e, errCaseChanged)
	}
	if err != nil {
		return e.InternalServerError("The case could not be assigned.", fmt.Errorf("workspace: assign: %w", err))
	}
	return e.JSON(http.StatusOK, map[string]any{"case": updated})
}
