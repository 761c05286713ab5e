package hooks_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// matrixFixtures holds, per collection, one target record of LIFT ("own") and
// one of BWTW ("other"), plus what a create or update request needs.
type matrixFixtures struct {
	t       testing.TB
	app     core.App
	tenant  map[string]*core.Record // side → tenant
	targets map[string]map[string]*core.Record
}

func newMatrixFixtures(t testing.TB, app core.App) *matrixFixtures {
	t.Helper()
	fx := &matrixFixtures{t: t, app: app, targets: map[string]map[string]*core.Record{},
		tenant: map[string]*core.Record{"own": testapp.Tenant(t, app, "lift"), "other": testapp.Tenant(t, app, "bwtw")}}
	user := func(email string) *core.Record {
		r, err := app.FindAuthRecordByEmail("users", email)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	account := func(email string) *core.Record {
		r, err := app.FindAuthRecordByEmail("participant_accounts", email)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	own, other := account(testapp.LiftParticipant), account(testapp.BwtwParticipant)
	participant := func(acc *core.Record) *core.Record {
		r, err := app.FindRecordById("participants", acc.GetString("participant"))
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	caseOf := func(p *core.Record) *core.Record {
		r, err := app.FindFirstRecordByData("cases", "participant", p.Id)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	eventOf := func(c *core.Record) *core.Record {
		r, err := app.FindFirstRecordByData("case_events", "case", c.Id)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	region := func(tenant *core.Record) *core.Record {
		r, err := app.FindRecordById("regions", tenant.GetStringSlice("regions")[0])
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	pOwn, pOther := participant(own), participant(other)
	cOwn, cOther := caseOf(pOwn), caseOf(pOther)
	fx.targets = map[string]map[string]*core.Record{
		"regions":              {"own": region(fx.tenant["own"]), "other": region(fx.tenant["other"])},
		"tenants":              {"own": fx.tenant["own"], "other": fx.tenant["other"]},
		"users":                {"own": user(testapp.LiftCounsellor2), "other": user(testapp.BwtwCounsellor)},
		"participants":         {"own": pOwn, "other": pOther},
		"participant_accounts": {"own": own, "other": other},
		"offer_types":          {"own": fx.draftOffer("own"), "other": fx.draftOffer("other")},
		"cases":                {"own": cOwn, "other": cOther},
		"case_events":          {"own": eventOf(cOwn), "other": eventOf(cOther)},
		"submissions":          {"own": fx.submission(cOwn), "other": fx.submission(cOther)},
	}
	for _, side := range []string{"own", "other"} {
		c := fx.targets["cases"][side]
		put := func(collection string, rec *core.Record) {
			if fx.targets[collection] == nil {
				fx.targets[collection] = map[string]*core.Record{}
			}
			fx.targets[collection][side] = rec
		}
		put("tasks", fx.save("tasks", map[string]any{"tenant": c.GetString("tenant"), "case": c.Id, "title": "Anrufen"}))
		put("timers", fx.save("timers", map[string]any{"tenant": c.GetString("tenant"), "case": c.Id,
			"timer_id": "fixture-" + side, "due": "2030-01-01 00:00:00.000Z", "status": "pending"}))
		put("notifications", fx.save("notifications", map[string]any{"tenant": c.GetString("tenant"), "case": c.Id,
			"status": "pending", "subject": "Hallo"}))
		// Written by the side's counsellor (the uploader may delete a document).
		author := map[string]string{"own": testapp.LiftCounsellor, "other": testapp.BwtwCounsellor}[side]
		writer, err := app.FindAuthRecordByEmail("users", author)
		if err != nil {
			t.Fatal(err)
		}
		put("case_notes", fx.save("case_notes", map[string]any{"tenant": c.GetString("tenant"), "case": c.Id,
			"author": writer.Id, "body": "Interne Notiz"}))
		put("case_documents", fx.save("case_documents", map[string]any{"tenant": c.GetString("tenant"), "case": c.Id,
			"uploaded_by": writer.Id, "title": "Lebenslauf"}))
	}
	for _, side := range []string{"own", "other"} {
		tenant := fx.tenant[side].Id
		for _, collection := range []string{"audit_log", "consents"} {
			recs, err := app.FindRecordsByFilter(collection, "tenant = {:t}", "", 1, 0, map[string]any{"t": tenant})
			if err != nil || len(recs) == 0 {
				t.Fatalf("no %s of %s: %v", collection, side, err)
			}
			if fx.targets[collection] == nil {
				fx.targets[collection] = map[string]*core.Record{}
			}
			fx.targets[collection][side] = recs[0]
		}
	}
	for _, kind := range []string{"form_versions", "workflow_versions"} {
		fx.targets[kind] = map[string]*core.Record{"own": fx.version(kind, "own"), "other": fx.version(kind, "other")}
	}
	return fx
}

func (fx *matrixFixtures) target(collection, side string) *core.Record {
	r := fx.targets[collection][side]
	if r == nil {
		fx.t.Fatalf("no %s target for %s", side, collection)
	}
	return r
}

func (fx *matrixFixtures) save(collection string, data map[string]any) *core.Record {
	col, err := fx.app.FindCollectionByNameOrId(collection)
	if err != nil {
		fx.t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.Load(data)
	if err := fx.app.Save(r); err != nil {
		fx.t.Fatalf("fixture %s: %v", collection, err)
	}
	return r
}

func (fx *matrixFixtures) draftOffer(side string) *core.Record {
	return fx.save("offer_types", map[string]any{"tenant": fx.tenant[side].Id, "slug": "entwurf",
		"title": map[string]string{"de": "Entwurf"}, "category": "social", "status": "draft"})
}

// version publishes a version of its own offer, so the draft offer target
// stays deletable (an offer with published versions can only be archived).
func (fx *matrixFixtures) version(collection, side string) *core.Record {
	offer := fx.save("offer_types", map[string]any{"tenant": fx.tenant[side].Id, "slug": "veroeffentlicht-" + strings.ReplaceAll(collection, "_", "-"),
		"title": map[string]string{"de": "Veröffentlicht"}, "category": "social", "status": "active"})
	return fx.save(collection, map[string]any{"tenant": offer.GetString("tenant"), "offer_type": offer.Id,
		"version": 1, "definition": map[string]any{"sections": []any{}}})
}

func (fx *matrixFixtures) submission(c *core.Record) *core.Record {
	return fx.save("submissions", map[string]any{"tenant": c.GetString("tenant"), "offer_type": c.GetString("offer_type"),
		"case": c.Id, "participant": c.GetString("participant"), "status": "received", "language": "de",
		"answers": map[string]any{"first_name": "x"}})
}

// createBody is a valid new record of the side's Träger, so that a denial
// can only come from access control.
func (fx *matrixFixtures) createBody(collection, side string) map[string]any {
	tenant := fx.tenant[side].Id
	switch collection {
	case "regions":
		return map[string]any{"name": "Testkreis", "code": "TEST"}
	case "tenants":
		return map[string]any{"name": "Neuer Träger", "slug": "neu"}
	case "users":
		return map[string]any{"email": "neu@" + side + ".test", "password": "passwort-12345", "passwordConfirm": "passwort-12345",
			"name": "Neu", "role": "tenant_admin", "tenant": tenant}
	case "participants":
		return map[string]any{"tenant": tenant, "first_name": "Neu", "last_name": "Person", "status": "registered"}
	case "participant_accounts":
		return map[string]any{"email": "neu@" + side + ".test", "password": "passwort-12345", "passwordConfirm": "passwort-12345",
			"participant": fx.targets["participants"][side].Id, "tenant": tenant}
	case "offer_types":
		return map[string]any{"tenant": tenant, "slug": "neu", "title": map[string]string{"de": "Neu"},
			"category": "social", "status": "draft"}
	case "cases":
		return map[string]any{"tenant": tenant, "participant": fx.targets["participants"][side].Id,
			"offer_type": fx.targets["cases"][side].GetString("offer_type"), "reference": "NEU-1", "state": "angemeldet",
			"opened": "2026-01-01 00:00:00.000Z"}
	case "case_events":
		return map[string]any{"tenant": tenant, "case": fx.targets["cases"][side].Id, "type": "note"}
	case "submissions":
		return map[string]any{"tenant": tenant, "offer_type": fx.targets["cases"][side].GetString("offer_type"), "status": "received"}
	case "tasks":
		return map[string]any{"tenant": tenant, "case": fx.targets["cases"][side].Id, "title": "Neue Aufgabe"}
	case "audit_log":
		return map[string]any{"tenant": tenant, "seq": 999999, "action": "create", "at": "2026", "hash": "x"}
	case "consents":
		return map[string]any{"tenant": tenant, "participant": fx.targets["participants"][side].Id,
			"purpose": "data_processing", "at": "2026-01-01 00:00:00.000Z", "given": true}
	case "timers":
		return map[string]any{"tenant": tenant, "case": fx.targets["cases"][side].Id, "timer_id": "neu-" + side,
			"due": "2030-01-01 00:00:00.000Z", "status": "pending"}
	case "notifications":
		return map[string]any{"tenant": tenant, "case": fx.targets["cases"][side].Id, "status": "pending"}
	case "form_versions", "workflow_versions":
		return map[string]any{"tenant": tenant, "offer_type": fx.targets["offer_types"][side].Id, "version": 9,
			"definition": map[string]any{"sections": []any{}}}
	case "case_notes":
		return map[string]any{"tenant": tenant, "case": fx.targets["cases"][side].Id, "body": "Neue Notiz"}
	case "case_documents":
		return map[string]any{"tenant": tenant, "case": fx.targets["cases"][side].Id, "title": "Neues Dokument"}
	}
	fx.t.Fatalf("no create body for %s", collection)
	return nil
}

// updateBody is one field change that the record's own staff could make.
func (fx *matrixFixtures) updateBody(collection, side string) (string, any) {
	switch collection {
	case "regions":
		return "name", "Geänderter Kreis"
	case "tenants":
		return "phone", "0000 111"
	case "users":
		return "name", "Geänderter Name"
	case "participants":
		return "phone", "+49 000 000"
	case "participant_accounts":
		return "emailVisibility", true
	case "offer_types":
		return "capacity", 7
	case "cases":
		other := map[string]string{"own": testapp.LiftCounsellor2, "other": testapp.BwtwCounsellor2}[side]
		u, err := fx.app.FindAuthRecordByEmail("users", other)
		if err != nil {
			fx.t.Fatal(err)
		}
		return "assignee", u.Id
	case "case_events":
		return "type", "changed"
	case "submissions":
		return "status", "accepted"
	case "form_versions", "workflow_versions":
		return "note", "geändert"
	case "tasks":
		return "done", true
	case "audit_log":
		return "action", "forged"
	case "consents":
		return "given", false
	case "timers":
		return "status", "void"
	case "notifications":
		return "status", "sent"
	case "case_notes":
		return "body", "Geänderte Notiz"
	case "case_documents":
		return "title", "Geänderter Titel"
	}
	fx.t.Fatalf("no update body for %s", collection)
	return "", nil
}
