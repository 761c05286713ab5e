package demo

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/multipotenzial/multipotenzial/demo/content"
	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/hooks"
	"github.com/multipotenzial/multipotenzial/workflows"
)

// Account is one demo login.
type Account struct {
	Email, Name, Role, Tenant string // Tenant is a slug; empty for network admins
	Collection                string // users or participant_accounts
}

// intake is a Träger's published intake offer.
type intake struct {
	offer       *core.Record
	form        *forms.Form
	formRef     hooks.VersionRef
	workflow    *workflows.Workflow
	workflowRef hooks.VersionRef
}

// Seed writes the demo data set and returns its accounts, all with
// password. Cases go through the real paths: registration, then the
// workflow's transitions at past dates, so timelines, tasks and timers are
// what they would be.
func Seed(app core.App, password string) ([]Account, error) {
	var accounts []Account
	err := app.RunInTransaction(func(txApp core.App) error {
		tenants, err := tenantsBySlug(txApp)
		if err != nil {
			return err
		}
		staffRecs := map[string]*core.Record{}
		for _, s := range staff {
			u, err := createStaff(txApp, s, tenants, password)
			if err != nil {
				return err
			}
			staffRecs[s.Email] = u
			accounts = append(accounts, Account{Email: s.Email, Name: s.Name, Role: s.Role, Tenant: s.Tenant, Collection: "users"})
		}
		intakes := map[string]*intake{}
		for slug, t := range tenants {
			in, err := publishIntake(txApp, t, staffRecs["admin@"+slug+".demo"])
			if err != nil {
				return fmt.Errorf("%s: %w", slug, err)
			}
			intakes[slug] = in
		}
		for _, p := range people {
			pid, err := registerPerson(txApp, p, tenants[p.Tenant], intakes[p.Tenant], staffRecs[p.Assignee])
			if err != nil {
				return fmt.Errorf("%s %s: %w", p.First, p.Last, err)
			}
			if p.AccountEmail != "" {
				if err := createParticipantAccount(txApp, p, pid, tenants[p.Tenant], password); err != nil {
					return err
				}
				accounts = append(accounts, Account{Email: p.AccountEmail, Name: p.First + " " + p.Last,
					Role: "participant", Tenant: p.Tenant, Collection: "participant_accounts"})
			}
		}
		return nil
	})
	return accounts, err
}

func tenantsBySlug(app core.App) (map[string]*core.Record, error) {
	all, err := app.FindAllRecords("tenants")
	if err != nil {
		return nil, err
	}
	m := make(map[string]*core.Record, len(all))
	for _, t := range all {
		m[t.GetString("slug")] = t
	}
	return m, nil
}

func createStaff(app core.App, s staffMember, tenants map[string]*core.Record, password string) (*core.Record, error) {
	col, err := app.FindCachedCollectionByNameOrId("users")
	if err != nil {
		return nil, err
	}
	u := core.NewRecord(col)
	u.SetEmail(s.Email)
	u.SetPassword(password)
	u.SetVerified(true)
	u.Set("name", s.Name)
	u.Set("role", s.Role)
	if s.Tenant != "" {
		u.Set("tenant", tenants[s.Tenant].Id)
	}
	return u, app.Save(u)
}

// publishIntake creates the Träger's intake offer and publishes the demo
// form and workflow through the same functions an admin's publish uses.
func publishIntake(app core.App, tenant, admin *core.Record) (*intake, error) {
	col, err := app.FindCachedCollectionByNameOrId("offer_types")
	if err != nil {
		return nil, err
	}
	o := core.NewRecord(col)
	o.Set("tenant", tenant.Id)
	o.Set("slug", content.IntakeOffer)
	o.Set("title", intakeTitle)
	o.Set("description", intakeDescription)
	o.Set("category", "professional")
	o.Set("capacity", tenant.GetInt("capacity"))
	o.Set("public", true)
	o.Set("status", "active")
	o.Set("regions", tenant.GetStringSlice("regions"))
	o.Set("form_draft", types.JSONRaw(content.IntakeForm))
	o.Set("workflow_draft", types.JSONRaw(content.IntakeWorkflow))
	if err := app.Save(o); err != nil {
		return nil, err
	}
	in := &intake{offer: o}
	fres, err := hooks.PublishForm(app, o, content.IntakeForm, admin.Id, "Demo")
	if err != nil {
		return nil, fmt.Errorf("publish intake form: %w %v %v", err, fres.Diagnostics, fres.Tests)
	}
	in.formRef = hooks.VersionRef{ID: fres.Version.Id, Number: fres.Number}
	if in.form, err = forms.Load(content.IntakeForm); err != nil {
		return nil, err
	}
	wres, err := hooks.PublishWorkflow(app, o, content.IntakeWorkflow, in.form.Schema(), admin.Id, "Demo")
	if err != nil {
		return nil, fmt.Errorf("publish workflow: %w %v", err, wres.Diagnostics)
	}
	in.workflowRef = hooks.VersionRef{ID: wres.Version.Id, Number: wres.Number}
	in.workflow, err = workflows.Load(content.IntakeWorkflow, in.form.Schema())
	return in, err
}

func createParticipantAccount(app core.App, p person, participantId string, tenant *core.Record, password string) error {
	col, err := app.FindCachedCollectionByNameOrId("participant_accounts")
	if err != nil {
		return err
	}
	a := core.NewRecord(col)
	a.SetEmail(p.AccountEmail)
	a.SetPassword(password)
	a.SetVerified(true)
	a.Set("participant", participantId)
	a.Set("tenant", tenant.Id)
	return app.Save(a)
}
