package testapp

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"
)

// Seeded accounts (see package demo).
const (
	NetworkAdmin     = "koordination@netzwerk.demo"
	LiftAdmin        = "admin@lift.demo"
	LiftCounsellor   = "beratung1@lift.demo"
	LiftCounsellor2  = "beratung2@lift.demo"
	BwtwAdmin        = "admin@bwtw.demo"
	BwtwCounsellor   = "beratung1@bwtw.demo"
	BwtwCounsellor2  = "beratung2@bwtw.demo"
	LiftParticipant  = "ahmad.alhassan@teilnehmende.demo"
	BwtwParticipant  = "samir.darwish@teilnehmende.demo"
	SuperuserEmail   = "root@multipotenzial.test"
	participantsAuth = "participant_accounts"
)

// Token returns an auth token for a seeded staff or participant account.
func Token(t testing.TB, app core.App, email string) string {
	t.Helper()
	col := "users"
	if email == LiftParticipant || email == BwtwParticipant {
		col = participantsAuth
	}
	rec, err := app.FindAuthRecordByEmail(col, email)
	if err != nil {
		t.Fatalf("testapp: no account %s: %v", email, err)
	}
	tok, err := rec.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// SuperuserToken creates a superuser in app and returns its token.
func SuperuserToken(t testing.TB, app core.App) string {
	t.Helper()
	col, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		t.Fatal(err)
	}
	su, err := app.FindAuthRecordByEmail(col, SuperuserEmail)
	if err != nil {
		su = core.NewRecord(col)
		su.SetEmail(SuperuserEmail)
		su.SetRandomPassword()
		if err := app.Save(su); err != nil {
			t.Fatal(err)
		}
	}
	tok, err := su.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// Tenant returns the Träger with the given slug.
func Tenant(t testing.TB, app core.App, slug string) *core.Record {
	t.Helper()
	rec, err := app.FindFirstRecordByData("tenants", "slug", slug)
	if err != nil {
		t.Fatalf("testapp: no tenant %s: %v", slug, err)
	}
	return rec
}

// First returns the first record of collection that belongs to the tenant
// with the given slug.
func First(t testing.TB, app core.App, collection, tenantSlug string) *core.Record {
	t.Helper()
	recs, err := app.FindRecordsByFilter(collection, "tenant = {:t}", "created", 1, 0,
		map[string]any{"t": Tenant(t, app, tenantSlug).Id})
	if err != nil || len(recs) == 0 {
		t.Fatalf("testapp: no %s in %s: %v", collection, tenantSlug, err)
	}
	return recs[0]
}
