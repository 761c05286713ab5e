package demo

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/multipotenzial/multipotenzial/demo/content"
	"github.com/multipotenzial/multipotenzial/hooks"
)

// Account is one demo login.
type Account struct {
	Email, Name, Role, Tenant string // Tenant is a slug; empty for network admins
	Collection                string // users or participant_accounts
}

// Seed writes the demo data set in one transaction and returns its accounts,
// all with password.
func Seed(app core.App, password string) ([]Account, error) {
	var accounts []Account
	err := app.RunInTransaction(func(txApp core.App) error {
		tenants, err := tenantsBySlug(txApp)
		if err != nil {
			return err
		}
		staffIds := map[string]string{}
		for _, s := range staff {
			id, err := createStaff(txApp, s, tenants, password)
			if err != nil {
				return err
			}
			staffIds[s.Email] = id
			accounts = append(accounts, Account{Email: s.Email, Name: s.Name, Role: s.Role, Tenant: s.Tenant, Collection: "users"})
		}
		offers := map[string]string{}
		for slug, t := range tenants {
			id, err := createIntakeOffer(txApp, t, staffIds["admin@"+slug+".demo"])
			if err != nil {
				return err
			}
			offers[slug] = id
		}
		now := time.Now()
		for _, p := range people {
			t := tenants[p.Tenant]
			pid, err := createParticipant(txApp, p, t)
			if err != nil {
				return err
			}
			if err := openDemoCase(txApp, p, t, pid, offers[p.Tenant], staffIds[p.Assignee], now); err != nil {
				return err
			}
			if p.AccountEmail != "" {
				if err := createParticipantAccount(txApp, p, pid, t, password); err != nil {
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

func createStaff(app core.App, s staffMember, tenants map[string]*core.Record, password string) (string, error) {
	col, err := app.FindCachedCollectionByNameOrId("users")
	if err != nil {
		return "", err
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
	return u.Id, app.Save(u)
}

// createIntakeOffer creates the Träger's intake offer and publishes the demo
// intake form through the same path an admin's publish takes.
func createIntakeOffer(app core.App, tenant *core.Record, admin string) (string, error) {
	col, err := app.FindCachedCollectionByNameOrId("offer_types")
	if err != nil {
		return "", err
	}
	o := core.NewRecord(col)
	o.Set("tenant", tenant.Id)
	o.Set("slug", IntakeOfferSlug)
	o.Set("title", intakeTitle)
	o.Set("description", intakeDescription)
	o.Set("category", "professional")
	o.Set("capacity", tenant.GetInt("capacity"))
	o.Set("public", true)
	o.Set("status", "active")
	o.Set("regions", tenant.GetStringSlice("regions"))
	o.Set("form_draft", types.JSONRaw(content.IntakeForm))
	if err := app.Save(o); err != nil {
		return "", err
	}
	res, err := hooks.PublishForm(app, o, content.IntakeForm, admin, "Demo")
	if err != nil {
		return "", fmt.Errorf("publish intake form: %w %v %v", err, res.Diagnostics, res.Tests)
	}
	return o.Id, nil
}

func createParticipant(app core.App, p person, tenant *core.Record) (string, error) {
	col, err := app.FindCachedCollectionByNameOrId("participants")
	if err != nil {
		return "", err
	}
	r := core.NewRecord(col)
	r.Set("tenant", tenant.Id)
	r.Set("first_name", p.First)
	r.Set("last_name", p.Last)
	r.Set("birth_date", p.Birth)
	r.Set("gender", p.Gender)
	r.Set("nationality", p.Nationality)
	r.Set("preferred_language", p.Language)
	r.Set("phone", p.Phone)
	r.Set("municipality", p.Municipality)
	r.Set("status", "active")
	r.Set("channel", "online")
	if p.State == StateRegistered {
		r.Set("status", "registered")
	}
	return r.Id, app.Save(r)
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

// openDemoCase opens a case and walks it along the standard path up to the
// person's current state, so the timeline has something to show.
func openDemoCase(app core.App, p person, tenant *core.Record, participantId, offerId, assignee string, now time.Time) error {
	opened := now.AddDate(0, 0, -p.DaysAgo)
	c, err := hooks.OpenCase(app, hooks.NewCase{Tenant: tenant, Participant: participantId, OfferType: offerId,
		State: StateRegistered, Opened: opened, ActorKind: "participant",
		EventData: map[string]any{"channel": "online"}})
	if err != nil {
		return err
	}
	from := StateRegistered
	for _, to := range standardPath[1:] {
		if from == p.State {
			break
		}
		if err := hooks.AppendEvent(app, c, hooks.CaseEvent{Type: hooks.EventTransition, From: from, To: to,
			Actor: assignee, ActorKind: "staff"}); err != nil {
			return err
		}
		from = to
	}
	c.Set("state", p.State)
	c.Set("assignee", assignee)
	c.Set("state_entered", now.AddDate(0, 0, -p.DaysAgo/3))
	return app.Save(c)
}
