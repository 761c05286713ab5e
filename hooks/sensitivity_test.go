package hooks_test

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// Special-category answers (GDPR Art. 9, here health restrictions) reach only
// the case's assignee, the tenant admin and the person, never lists or
// realtime messages, and each read is in the audit log.
func TestSpecialCategoryAnswers(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	res := c.DoWith("POST", "/api/mp/public/offers/lift/integrationsbegleitung/submissions",
		map[string]string{"Idempotency-Key": "special-case"},
		submitBody(with("health_consent", true, "health_restrictions", "Keine schweren Lasten (Rücken)"), "de", testapp.Pow(t, c)))
	if res.Status != 201 {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
	sub, _ := app.FindRecordById("submissions", res.JSON()["submission"].(string))
	cs, _ := app.FindRecordById("cases", sub.GetString("case"))
	assignee, _ := app.FindAuthRecordByEmail("users", testapp.LiftCounsellor)
	cs.Set("assignee", assignee.Id)
	if err := app.Save(cs); err != nil {
		t.Fatal(err)
	}
	const secret = "schweren Lasten"
	get := func(who, url string) string {
		res := c.Do("GET", url, testapp.Token(t, app, who), nil)
		if res.Status != 200 {
			t.Fatalf("%s %s: %d %s", who, url, res.Status, res.Body)
		}
		return string(res.Body)
	}
	caseURL := "/api/collections/cases/records/" + cs.Id
	reads := func() int64 {
		n, _ := app.CountRecords("audit_log", dbx.HashExp{"record": cs.Id, "action": "read_special"})
		return n
	}

	for _, probe := range []struct{ who, url string }{
		{testapp.LiftCounsellor2, caseURL},
		{testapp.LiftCounsellor2, "/api/collections/submissions/records/" + sub.Id},
		{testapp.LiftCounsellor2, "/api/mp/cases/" + cs.Id + "/form"},
		{testapp.LiftCounsellor, "/api/collections/cases/records?filter=id='" + cs.Id + "'"},
		{testapp.LiftAdmin, "/api/collections/submissions/records?filter=case='" + cs.Id + "'"},
	} {
		if body := get(probe.who, strings.ReplaceAll(probe.url, "'", "%27")); strings.Contains(body, secret) {
			t.Errorf("%s reads the health answer at %s", probe.who, probe.url)
		}
	}
	if reads() != 0 {
		t.Fatal("a redacted read was logged as a read")
	}
	for _, who := range []string{testapp.LiftCounsellor, testapp.LiftAdmin} {
		if body := get(who, caseURL); !strings.Contains(body, secret) {
			t.Errorf("%s (who needs it) does not see the health answer", who)
		}
	}
	if n := reads(); n != 2 {
		t.Fatalf("%d reads logged, want 2", n)
	}
	entry, _ := app.FindFirstRecordByFilter("audit_log", "record = {:r} && action = 'read_special'", dbx.Params{"r": cs.Id})
	if entry.GetString("actor") != assignee.Id || !strings.Contains(entry.GetString("fields"), "health_restrictions") {
		t.Fatalf("read entry: %v", entry)
	}

	// Realtime: even the assignee's subscription gets the change without it.
	srv := httptest.NewServer(c.Handler())
	t.Cleanup(srv.Close)
	t.Cleanup(srv.CloseClientConnections)
	events := subscribe(t, srv.URL, testapp.Token(t, app, testapp.LiftCounsellor), "cases/"+cs.Id, "cases/*")
	cs.Set("state_entered", time.Now())
	if err := app.Save(cs); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(collect(events, time.Second), "\n")
	if !strings.Contains(got, cs.Id) || strings.Contains(got, secret) {
		t.Fatalf("realtime: %s", got)
	}
}
