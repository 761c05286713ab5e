package hooks_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/hooks"
	"github.com/multipotenzial/multipotenzial/internal/testapp"
	"github.com/multipotenzial/multipotenzial/workflows"
)

// registerHealth registers someone with a health answer given under the
// health consent, and returns the case.
func registerHealth(t *testing.T, app core.App, c *testapp.Client, key, lastName string) *core.Record {
	t.Helper()
	res := c.DoWith("POST", "/api/mp/public/offers/lift/integrationsbegleitung/submissions",
		map[string]string{"Idempotency-Key": key},
		submitBody(with("last_name", lastName, "health_consent", true, "health_restrictions", "Rücken: keine schweren Lasten"),
			"de", testapp.Pow(t, c)))
	if res.Status != 201 {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
	sub, _ := app.FindRecordById("submissions", res.JSON()["submission"].(string))
	cs, _ := app.FindRecordById("cases", sub.GetString("case"))
	return cs
}

func consentOf(t *testing.T, app core.App, participant, purpose string) *core.Record {
	t.Helper()
	r, err := app.FindFirstRecordByFilter("consents", "participant = {:p} && purpose = {:u}", dbx.Params{"p": participant, "u": purpose})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestConsentWithdrawal(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	cs := registerHealth(t, app, c, "withdraw-1", "Haddad")
	pid := cs.GetString("participant")
	health := consentOf(t, app, pid, "health_data")
	if !health.GetBool("given") || health.GetString("text_version") == "" || health.GetString("text_sha256") == "" {
		t.Fatalf("consent record incomplete: %v", health)
	}
	url := "/api/mp/consents/" + health.Id + "/withdraw"
	if res := c.Do("POST", url, testapp.Token(t, app, testapp.BwtwCounsellor), nil); res.Status != 404 {
		t.Fatalf("another Träger withdrew: %d", res.Status)
	}
	res := c.Do("POST", url, testapp.Token(t, app, testapp.LiftCounsellor), nil)
	if res.Status != 200 || !strings.Contains(string(res.Body), `"health_restrictions"`) {
		t.Fatalf("withdraw: %d %s", res.Status, res.Body)
	}
	for _, r := range []*core.Record{fresh(t, app, cs), mustFind(t, app, "submissions", "case", cs.Id)} {
		if strings.Contains(r.GetString("data")+r.GetString("answers"), "schweren Lasten") {
			t.Fatalf("the health answer survived its consent in %s", r.Collection().Name)
		}
	}
	if w := fresh(t, app, health); w.GetDateTime("withdrawn_at").IsZero() || w.GetString("withdrawal_channel") != "in_person" {
		t.Fatalf("withdrawal not recorded: %v", w)
	}
	if n, _ := app.CountRecords("case_events", dbx.HashExp{"case": cs.Id, "type": "consent_withdrawn"}); n != 1 {
		t.Fatal("no consent_withdrawn event")
	}
	if res := c.Do("POST", url, testapp.Token(t, app, testapp.LiftCounsellor), nil); res.Status != 409 {
		t.Fatalf("second withdrawal: %d", res.Status)
	}

	// Withdrawing the consent the registration needs restricts processing.
	main := consentOf(t, app, pid, "data_processing")
	if res := c.Do("POST", "/api/mp/consents/"+main.Id+"/withdraw", testapp.Token(t, app, testapp.LiftAdmin), nil); res.Status != 200 ||
		!strings.Contains(string(res.Body), `"restricted":true`) {
		t.Fatalf("required consent: %d %s", res.Status, res.Body)
	}
	res = c.Do("POST", "/api/mp/cases/"+cs.Id+"/transitions/termin_vereinbaren", testapp.Token(t, app, testapp.LiftCounsellor),
		map[string]any{"step": map[string]any{"meeting_date": time.Now().Format(time.DateOnly)}})
	if res.Status != 422 || !strings.Contains(string(res.Body), "processing_restricted") {
		t.Fatalf("a restricted case moved: %d %s", res.Status, res.Body)
	}

	// The person withdraws online, as easily as they consented.
	ahmad, _ := app.FindAuthRecordByEmail("participant_accounts", testapp.LiftParticipant)
	own := consentOf(t, app, ahmad.GetString("participant"), "jobcenter_exchange")
	res = c.Do("POST", "/api/mp/consents/"+own.Id+"/withdraw", testapp.Token(t, app, testapp.LiftParticipant), nil)
	if res.Status != 200 || fresh(t, app, own).GetString("withdrawal_channel") != "online" {
		t.Fatalf("self-withdrawal: %d %s", res.Status, res.Body)
	}
	if res := c.Do("POST", url, testapp.Token(t, app, testapp.LiftParticipant), nil); res.Status != 404 {
		t.Fatalf("a participant withdrew someone else's consent: %d", res.Status)
	}
}

func TestExport(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	cs := registerHealth(t, app, c, "export-1", "Exportiert")
	pid := cs.GetString("participant")
	walk(t, app, cs.Id, testapp.LiftCounsellor, toPlan("yes")[0])

	res := c.Do("GET", "/api/mp/participants/"+pid+"/export", testapp.Token(t, app, testapp.LiftCounsellor), nil)
	if res.Status != 200 {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
	body := string(res.Body)
	for _, want := range []string{`"last_name":"Exportiert"`, `"cases":[`, `"submissions":[`, `"case_events":[`, `"tasks":[`,
		`"purpose":"health_data"`, "schweren Lasten", `"actor":"staff"`} {
		if !strings.Contains(body, want) {
			t.Errorf("export lacks %s", want)
		}
	}
	for _, leak := range []string{"lift.demo", "Richter", "idempotency_key", "claim_hash", "Al-Hassan"} {
		if strings.Contains(body, leak) {
			t.Errorf("export contains %q", leak)
		}
	}
	if n, _ := app.CountRecords("audit_log", dbx.HashExp{"record": pid, "action": "export"}); n != 1 {
		t.Fatal("the export was not logged")
	}
	if res := c.Do("GET", "/api/mp/participants/"+pid+"/export", testapp.Token(t, app, testapp.BwtwAdmin), nil); res.Status != 404 {
		t.Fatalf("another Träger exported: %d", res.Status)
	}
	if res := c.Do("GET", "/api/mp/participants/"+pid+"/export", testapp.Token(t, app, testapp.NetworkAdmin), nil); res.Status != 403 {
		t.Fatalf("a network admin exported: %d", res.Status)
	}
	page := c.Do("GET", "/api/mp/participants/"+pid+"/export?format=html", testapp.Token(t, app, testapp.LiftAdmin), nil)
	if page.Status != 200 || !strings.Contains(string(page.Body), "Auskunft") || !strings.Contains(string(page.Body), "Exportiert") {
		t.Fatalf("printable page: %d", page.Status)
	}
	mine := c.Do("GET", "/api/mp/me/export?format=zip", testapp.Token(t, app, testapp.LiftParticipant), nil)
	if mine.Status != 200 {
		t.Fatalf("own export: %d %s", mine.Status, mine.Body)
	}
	z, err := zip.NewReader(bytes.NewReader(mine.Body), int64(len(mine.Body)))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, f := range z.File {
		names[f.Name] = true
	}
	if !names["export.json"] || !names["export.html"] {
		t.Fatalf("zip: %v", names)
	}
}

// The person's own export never holds the counsellors' internal notes or
// their comments on steps (never shown to the person): it says what it left
// out and why. The Träger's export (Art. 15, by staff) keeps both.
func TestSelfExportLeavesOutInternalNotes(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	cs := caseOf(t, app, "Al-Hassan")
	staff := testapp.Token(t, app, testapp.LiftCounsellor)
	note, comment := "Vertraulich: wirkt erschöpft", "Intern: Rückfrage beim Jobcenter"
	if res := c.Do("POST", "/api/collections/case_notes/records", staff,
		map[string]any{"tenant": cs.GetString("tenant"), "case": cs.Id, "body": note}); res.Status != 200 {
		t.Fatalf("note: %d %s", res.Status, res.Body)
	}
	walk(t, app, cs.Id, testapp.LiftCounsellor, workflows.Request{Transition: "erstgespraech_gefuehrt", Comment: comment})

	self := testapp.Token(t, app, testapp.LiftParticipant)
	mine := c.Do("GET", "/api/mp/me/export", self, nil)
	if mine.Status != 200 {
		t.Fatalf("own export: %d %s", mine.Status, mine.Body)
	}
	body := string(mine.Body)
	for _, want := range []string{`"last_name":"Al-Hassan"`, `"transition":"erstgespraech_gefuehrt"`,
		`"left_out":[{"what":"internal_notes","collection":"case_notes","count":`,
		`{"what":"step_comments","collection":"case_events","field":"data.comment","count":`, "Auskunft darüber"} {
		if !strings.Contains(body, want) {
			t.Errorf("own export lacks %s", want)
		}
	}
	for _, leak := range []string{note, comment, `"case_notes":[`, `"comment":`} {
		if strings.Contains(body, leak) {
			t.Errorf("own export contains %q", leak)
		}
	}
	var ex hooks.PersonExport
	if err := json.Unmarshal(mine.Body, &ex); err != nil {
		t.Fatal(err)
	}
	notes, _ := app.CountRecords("case_notes", dbx.HashExp{"case": cs.Id})
	if len(ex.LeftOut) != 2 || int64(ex.LeftOut[0].Count) != notes || ex.LeftOut[1].Count < 1 {
		t.Fatalf("left_out %+v, %d notes", ex.LeftOut, notes)
	}

	page := c.Do("GET", "/api/mp/me/export?format=html", self, nil)
	if p := string(page.Body); page.Status != 200 || strings.Contains(p, "Vertraulich") || strings.Contains(p, "Rückfrage") ||
		!strings.Contains(p, "Nicht enthalten") {
		t.Fatalf("own printable page: %d %s", page.Status, p)
	}
	zipped := c.Do("GET", "/api/mp/me/export?format=zip", self, nil)
	z, err := zip.NewReader(bytes.NewReader(zipped.Body), int64(len(zipped.Body)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		r, _ := f.Open()
		raw, _ := io.ReadAll(r)
		r.Close()
		if strings.Contains(string(raw), "Vertraulich") || strings.Contains(string(raw), "Rückfrage") {
			t.Fatalf("own zip: %s holds an internal note", f.Name)
		}
	}

	// The Träger's export keeps them, and leaves nothing out.
	theirs := c.Do("GET", "/api/mp/participants/"+cs.GetString("participant")+"/export", staff, nil)
	for _, want := range []string{note, comment, `"case_notes":[`, `"left_out":[]`} {
		if !strings.Contains(string(theirs.Body), want) {
			t.Errorf("the Träger's export lacks %s", want)
		}
	}
}

// Erasure leaves no identifying value in the database files (after a
// checkpoint and VACUUM) or in file storage, and a tombstone in the trail.
func TestErasureLeavesNoTrace(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	const name = "Zzyzxowska"
	// A document whose content names the person, and a health answer.
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.WriteField("payload", jsonBody(submitBody(with("last_name", name, "health_consent", true,
		"health_restrictions", "Rücken: keine schweren Lasten", "has_foreign_qualification", true,
		"qualification_title", "Schneiderin", "recognition_status", "in_progress"), "de", testapp.Pow(t, c))))
	fw, _ := w.CreateFormFile("qualification_documents", "zeugnis.pdf")
	_, _ = fw.Write([]byte("%PDF-1.4\n% Zeugnis für " + name + "\n%%EOF\n"))
	_ = w.Close()
	req := httptest.NewRequest("POST", "/api/mp/public/offers/lift/integrationsbegleitung/submissions", &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Idempotency-Key", "erasure-with-document")
	sent := c.Send(req)
	if sent.Status != 201 {
		t.Fatalf("%d %s", sent.Status, sent.Body)
	}
	sub, _ := app.FindRecordById("submissions", sent.JSON()["submission"].(string))
	cs, _ := app.FindRecordById("cases", sub.GetString("case"))
	pid := cs.GetString("participant")
	if len(sub.GetStringSlice("documents")) != 1 {
		t.Fatal("the document was not stored")
	}

	if res := c.Do("POST", "/api/mp/participants/"+pid+"/erase", testapp.Token(t, app, testapp.LiftCounsellor), nil); res.Status != 403 {
		t.Fatalf("a counsellor erased: %d", res.Status)
	}
	if res := c.Do("POST", "/api/mp/participants/"+pid+"/erase", testapp.Token(t, app, testapp.BwtwAdmin), nil); res.Status != 404 {
		t.Fatalf("another Träger erased: %d", res.Status)
	}
	res := c.Do("POST", "/api/mp/participants/"+pid+"/erase", testapp.Token(t, app, testapp.LiftAdmin), map[string]any{"mode": "anonymise"})
	if res.Status != 200 {
		t.Fatalf("erase: %d %s", res.Status, res.Body)
	}
	after := fresh(t, app, cs)
	if after.GetString("state") != cs.GetString("state") || after.GetString("reference") == "" {
		t.Fatal("anonymising lost the case's course")
	}
	if n, _ := app.CountRecords("case_events", dbx.HashExp{"case": cs.Id, "type": "erased"}); n != 1 {
		t.Fatal("no tombstone in the case's trail")
	}
	if n, _ := app.CountRecords("audit_log", dbx.HashExp{"record": pid, "action": "erase"}); n != 1 {
		t.Fatal("no tombstone in the audit log")
	}
	if brk, _, _ := hooks.VerifyAuditChain(app); brk != nil {
		t.Fatalf("erasure broke the audit chain: %v", brk)
	}
	if docs := fresh(t, app, sub).GetStringSlice("documents"); len(docs) != 0 {
		t.Fatalf("documents kept: %v", docs)
	}
	// VACUUM rebuilds the file through the WAL: checkpoint before and after.
	for _, q := range []string{"PRAGMA wal_checkpoint(TRUNCATE)", "VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"} {
		if _, err := app.DB().NewQuery(q).Execute(); err != nil {
			t.Fatal(err)
		}
		if _, err := app.AuxDB().NewQuery(q).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	_ = filepath.Walk(app.DataDir(), func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return nil
		}
		raw, _ := os.ReadFile(path)
		for _, s := range []string{name, "schweren Lasten"} {
			if bytes.Contains(raw, []byte(s)) {
				t.Errorf("%q is still in %s", s, path)
				if os.Getenv("MP_DEBUG_ERASURE") != "" {
					i := bytes.Index(raw, []byte(s))
					t.Logf("context: %q", raw[max(0, i-300):min(len(raw), i+100)])
				}
			}
		}
		return nil
	})
}

func TestRemovalAndRetention(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	closed := registered(t, app, c, "lift", "retention-closed")
	walk(t, app, closed.Id, testapp.LiftCounsellor, workflows.Request{Transition: "abbrechen",
		Step: map[string]any{"reason": "moved_away"}})
	unclaimed := registered(t, app, c, "bwtw", "retention-unclaimed")

	soon := time.Now().AddDate(0, 0, 30)
	run, err := hooks.RunRetention(app, soon)
	if err != nil || fresh(t, app, closed).GetString("data") == "{}" {
		t.Fatalf("anonymised before the period ran out: %+v %v", run, err)
	}
	later := time.Now().AddDate(0, 0, hooks.DefaultRetentionDays+1)
	if _, err := hooks.RunRetention(app, later); err != nil {
		t.Fatal(err)
	}
	p, _ := app.FindRecordById("participants", closed.GetString("participant"))
	if p.GetString("status") != "anonymised" || p.GetString("last_name") == "Khalil" {
		t.Fatalf("the closed case's person was not anonymised: %v", p)
	}
	if _, err := app.FindRecordById("cases", unclaimed.Id); err == nil {
		t.Fatal("the unclaimed registration was not removed")
	}
	again, err := hooks.RunRetention(app, later)
	if err != nil || again.Anonymised+again.Removed != 0 {
		t.Fatalf("a second run did something: %+v %v", again, err)
	}
}

func TestProcessingRecords(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	res := c.Do("GET", "/api/mp/processing-records", testapp.Token(t, app, testapp.LiftAdmin), nil)
	if res.Status != 200 || strings.Count(string(res.Body), `"controller":"LIFT gGmbH"`) != 1 ||
		strings.Contains(string(res.Body), "Bildungswerk") || !strings.Contains(string(res.Body), "Gesundheitliche") ||
		!strings.Contains(string(res.Body), "Art. 9") {
		t.Fatalf("tenant admin: %d %s", res.Status, res.Body)
	}
	if res := c.Do("GET", "/api/mp/processing-records", testapp.Token(t, app, testapp.LiftCounsellor), nil); res.Status != 403 {
		t.Fatalf("a counsellor: %d", res.Status)
	}
	all := c.Do("GET", "/api/mp/processing-records?format=html", testapp.Token(t, app, testapp.NetworkAdmin), nil)
	if all.Status != 200 || strings.Count(string(all.Body), "<h2>") != 4 {
		t.Fatalf("network admin: %d", all.Status)
	}
}

func mustFind(t *testing.T, app core.App, collection, field, value string) *core.Record {
	t.Helper()
	r, err := app.FindFirstRecordByData(collection, field, value)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
