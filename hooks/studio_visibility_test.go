package hooks_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// An offer's drafts are shown only to who administers it; a public offer
// is visible to everyone, its unpublished drafts are not.
func TestStudioDraftsHidden(t *testing.T) {
	view := map[string]int{"*": 0, "OnRecordViewRequest": 1, "OnRecordEnrich": 1}
	list := map[string]int{"*": 0, "OnRecordsListRequest": 1, "OnRecordEnrich": 4} // the four Träger's intake offers
	drafts := []string{`"form_draft"`, `"workflow_draft"`}
	for _, c := range []struct {
		name, who, tenant string
		list              bool
		status            int
		want, notWant     []string
		events            map[string]int
	}{
		{name: "the Träger's admin sees the drafts", who: testapp.BwtwAdmin, tenant: "bwtw", status: 200,
			want: []string{`"form_draft":{`, `"workflow_draft":{`}, events: view},
		{name: "another Träger's admin sees the public offer without drafts", who: testapp.LiftAdmin, tenant: "bwtw", status: 200,
			want: []string{`"slug":"integrationsbegleitung"`}, notWant: drafts, events: view},
		{name: "a counsellor of the Träger: no drafts", who: testapp.BwtwCounsellor, tenant: "bwtw", status: 200,
			want: []string{`"form_version":"`}, notWant: drafts, events: view},
		{name: "a network admin: no drafts of a Träger's offer", who: testapp.NetworkAdmin, tenant: "bwtw", status: 200,
			notWant: drafts, events: view},
		{name: "a participant: no drafts", who: testapp.BwtwParticipant, tenant: "bwtw", status: 200, notWant: drafts, events: view},
		{name: "anonymous: no drafts", tenant: "bwtw", status: 200, notWant: drafts, events: view},
		{name: "the public list shows no drafts", tenant: "bwtw", list: true, status: 200,
			want: []string{`"slug":"integrationsbegleitung"`}, notWant: drafts, events: list},
		{name: "another Träger's admin listing: LIFT's own drafts only", who: testapp.LiftAdmin, list: true, status: 200,
			want: []string{`"form_draft":{`}, events: list},
	} {
		s := tests.ApiScenario{Name: c.name, Method: http.MethodGet, ExpectedStatus: c.status,
			ExpectedContent: c.want, NotExpectedContent: c.notWant, ExpectedEvents: c.events}
		s.TestAppFactory = func(t testing.TB) *tests.TestApp {
			app := testapp.Factory(t)
			s.URL = "/api/collections/offer_types/records"
			if !c.list {
				s.URL += "/" + testapp.First(t, app, "offer_types", c.tenant).Id
			}
			if c.who != "" {
				s.Headers = map[string]string{"Authorization": testapp.Token(t, app, c.who)}
			}
			return app
		}
		s.Test(t)
	}
}

// Tenant admins see their staff's addresses (to manage them); counsellors
// and other Träger do not.
func TestStudioStaffEmails(t *testing.T) {
	for _, c := range []struct {
		name, who     string
		want, notWant []string
		listed        int // BWTW's admin and two counsellors
	}{
		{"the Träger's admin sees the addresses", testapp.BwtwAdmin, []string{`"email":"beratung1@bwtw.demo"`, `"email":"beratung2@bwtw.demo"`}, nil, 3},
		{"a network admin sees them", testapp.NetworkAdmin, []string{`"email":"beratung1@bwtw.demo"`}, nil, 3},
		{"a counsellor sees the colleagues without addresses", testapp.BwtwCounsellor, []string{`"name":"Leila Nasser (Demo)"`}, []string{`"email":"beratung2@bwtw.demo"`}, 3},
		{"another Träger's admin sees nobody", testapp.LiftAdmin, []string{`"items":[]`}, []string{"bwtw.demo"}, 0},
	} {
		events := map[string]int{"*": 0, "OnRecordsListRequest": 1}
		if c.listed > 0 {
			events["OnRecordEnrich"] = c.listed
		}
		s := tests.ApiScenario{Name: c.name, Method: http.MethodGet, ExpectedStatus: 200,
			ExpectedContent: c.want, NotExpectedContent: c.notWant, ExpectedEvents: events}
		s.TestAppFactory = func(t testing.TB) *tests.TestApp {
			app := testapp.Factory(t)
			s.URL = "/api/collections/users/records?filter=" + "tenant%3D%22" + testapp.Tenant(t, app, "bwtw").Id + "%22"
			s.Headers = map[string]string{"Authorization": testapp.Token(t, app, c.who)}
			return app
		}
		s.Test(t)
	}
}
