package hooks_test

import (
	"bytes"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

func TestSubmissionIdempotency(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	body := submitBody(intakeAnswers(), "de", testapp.Pow(t, c))
	h := map[string]string{"Idempotency-Key": "retry-after-dropped-connection"}

	first := c.DoWith("POST", bwtwIntake+"/submissions", h, body)
	if first.Status != 201 {
		t.Fatalf("first: %d %s", first.Status, first.Body)
	}
	before := counts(t, app)
	again := c.DoWith("POST", bwtwIntake+"/submissions", h, body) // the same request, proof already used
	if again.Status != 201 || again.JSON()["reference"] != first.JSON()["reference"] || again.JSON()["replayed"] != true {
		t.Fatalf("retry: %d %s", again.Status, again.Body)
	}
	if after := counts(t, app); after != before {
		t.Fatalf("the retry stored something: %v → %v", before, after)
	}

	other := submitBody(with("first_name", "Jemand"), "de", testapp.Pow(t, c))
	if res := c.DoWith("POST", bwtwIntake+"/submissions", h, other); res.Status != 409 ||
		!strings.Contains(string(res.Body), "idempotency_key_reused") {
		t.Fatalf("same key, other request: %d %s", res.Status, res.Body)
	}

	t.Run("concurrent requests with one key create one submission", func(t *testing.T) {
		h := map[string]string{"Idempotency-Key": "double-click-key"}
		body := submitBody(intakeAnswers(), "de", testapp.Pow(t, c))
		before := counts(t, app)
		var wg sync.WaitGroup
		refs := make([]string, 4)
		for i := range refs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res := c.DoWith("POST", bwtwIntake+"/submissions", h, body)
				if res.Status == 201 {
					refs[i] = res.JSON()["reference"].(string)
				}
			}()
		}
		wg.Wait()
		after := counts(t, app)
		if after[1] != before[1]+1 || after[2] != before[2]+1 {
			t.Fatalf("want exactly one new submission and case: %v → %v", before, after)
		}
		for _, r := range refs {
			if r != "" && r != refs[0] && refs[0] != "" {
				t.Fatalf("different references for one key: %v", refs)
			}
		}
	})
}

func TestSubmissionWithDocument(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	answers := with("has_foreign_qualification", true, "qualification_title", "Elektronikerin",
		"recognition_status", "in_progress")

	send := func(key, name string, content []byte) testapp.Response {
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		_ = w.WriteField("payload", jsonBody(submitBody(answers, "de", testapp.Pow(t, c))))
		fw, _ := w.CreateFormFile("qualification_documents", name)
		_, _ = fw.Write(content)
		_ = w.Close()
		req := httptest.NewRequest("POST", bwtwIntake+"/submissions", &buf)
		req.Header.Set("Content-Type", w.FormDataContentType())
		req.Header.Set("Idempotency-Key", key)
		return c.Send(req)
	}

	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	res := send("with-document-1", "zeugnis.pdf", pdf)
	if res.Status != 201 {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
	sub, err := app.FindRecordById("submissions", res.JSON()["submission"].(string))
	if err != nil {
		t.Fatal(err)
	}
	docs := sub.GetStringSlice("documents")
	if len(docs) != 1 || !strings.HasPrefix(docs[0], "zeugnis") {
		t.Fatalf("documents: %v", docs)
	}
	answersStored := map[string]any{}
	_ = sub.UnmarshalJSONField("answers", &answersStored)
	if list, _ := answersStored["qualification_documents"].([]any); len(list) != 1 || list[0] != docs[0] {
		t.Fatalf("the answer does not name the stored file: %v", answersStored["qualification_documents"])
	}

	before := counts(t, app)
	res = send("with-document-2", "skript.html", []byte("<html><script>alert(1)</script></html>"))
	if res.Status != 400 || !strings.Contains(string(res.Body), `"qualification_documents":{"code":"validation_file_type"`) {
		t.Fatalf("a HTML file: %d %s", res.Status, res.Body)
	}
	if after := counts(t, app); after != before {
		t.Fatalf("a refused upload stored something: %v → %v", before, after)
	}
}

// A document in a repeat group row travels as group[i].key.
func TestSubmissionWithDocumentInRow(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	answers := with("work_experience", []any{
		map[string]any{"occupation": "Elektriker", "country": "Syrien", "years": 4, "has_certificate": true}})
	send := func(key, part string) testapp.Response {
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		_ = w.WriteField("payload", jsonBody(submitBody(answers, "de", testapp.Pow(t, c))))
		fw, _ := w.CreateFormFile(part, "zeugnis.pdf")
		_, _ = fw.Write([]byte("%PDF-1.4\n%%EOF\n"))
		_ = w.Close()
		req := httptest.NewRequest("POST", bwtwIntake+"/submissions", &buf)
		req.Header.Set("Content-Type", w.FormDataContentType())
		req.Header.Set("Idempotency-Key", key)
		return c.Send(req)
	}
	res := send("row-document-1", "work_experience[0].certificate")
	if res.Status != 201 {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
	sub, _ := app.FindRecordById("submissions", res.JSON()["submission"].(string))
	stored := map[string]any{}
	_ = sub.UnmarshalJSONField("answers", &stored)
	row := stored["work_experience"].([]any)[0].(map[string]any)
	if certs, _ := row["certificate"].([]any); len(certs) != 1 || len(sub.GetStringSlice("documents")) != 1 ||
		certs[0] != sub.GetStringSlice("documents")[0] {
		t.Fatalf("row file not stored with its answer: %v / %v", row, sub.GetStringSlice("documents"))
	}
	for _, part := range []string{"work_experience[3].certificate", "unknown_field", "work_experience[0].occupation"} {
		if res := send("row-document-"+part, part); res.Status != 400 {
			t.Fatalf("part %q: %d %s", part, res.Status, res.Body)
		}
	}
}

// A page that loaded version 1 cannot submit after version 2 was published:
// the consent text may have changed.
func TestSubmissionFormVersionChanged(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	body := submitBody(intakeAnswers(), "de", testapp.Pow(t, c))
	body["form_version"] = 7
	res := c.DoWith("POST", bwtwIntake+"/submissions", map[string]string{"Idempotency-Key": "stale-form-page"}, body)
	if res.Status != 409 || !strings.Contains(string(res.Body), "form_version_changed") {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
	body["form_version"] = 1
	if res := c.DoWith("POST", bwtwIntake+"/submissions", map[string]string{"Idempotency-Key": "current-form-page"}, body); res.Status != 201 {
		t.Fatalf("the current version: %d %s", res.Status, res.Body)
	}
}

func TestSubmissionRateLimit(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	limit := 0
	for _, r := range app.Settings().RateLimits.Rules {
		if r.Label == "mp_submit" {
			limit = r.MaxRequests
		}
	}
	if limit == 0 {
		t.Fatal("no mp_submit rule")
	}
	var last testapp.Response
	for i := 0; i <= limit; i++ {
		// invalid bodies are cheap and still count: a flood is a flood
		last = c.DoWith("POST", bwtwIntake+"/submissions", map[string]string{"Idempotency-Key": "flood-key-000"}, map[string]any{})
	}
	if last.Status != 429 {
		t.Fatalf("request %d: status %d, want 429", limit+1, last.Status)
	}
	if ra := last.Header.Get("Retry-After"); ra == "" || ra == "0" {
		t.Fatalf("429 without a useful Retry-After: %q", ra)
	}
	if res := c.Do("GET", "/api/mp/public/offers", "", nil); res.Status != 200 {
		t.Fatalf("the catalogue is limited too: %d", res.Status)
	}
}

func TestParticipantAccountOnRequest(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	res := c.DoWith("POST", bwtwIntake+"/submissions", map[string]string{"Idempotency-Key": "account-wanted"},
		submitBody(intakeAnswers(), "de", testapp.Pow(t, c)))
	if res.Status != 201 {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
	accountsBefore, _ := app.CountRecords("participant_accounts")
	if accountsBefore != 2 {
		t.Fatalf("registering created an account (bcrypt on the hot path): %d", accountsBefore)
	}
	ref, claim := res.JSON()["reference"].(string), res.JSON()["claim"].(string)
	account := map[string]any{"reference": ref, "claim": claim, "email": "rasha@example.test", "password": "sicheres-passwort-1"}

	if r := c.Do("POST", "/api/mp/public/accounts", "", map[string]any{"reference": ref, "claim": "guessed",
		"email": "x@example.test", "password": "sicheres-passwort-1"}); r.Status != 400 {
		t.Fatalf("a guessed claim: %d %s", r.Status, r.Body)
	}
	if r := c.Do("POST", "/api/mp/public/accounts", "", account); r.Status != 201 {
		t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	if r := c.Do("POST", "/api/mp/public/accounts", "", account); r.Status != 400 {
		t.Fatalf("a used claim: %d %s", r.Status, r.Body)
	}
	login := c.Do("POST", "/api/collections/participant_accounts/auth-with-password", "",
		map[string]any{"identity": "rasha@example.test", "password": "sicheres-passwort-1"})
	if login.Status != 200 {
		t.Fatalf("login: %d %s", login.Status, login.Body)
	}
	cases := c.Do("GET", "/api/collections/cases/records", login.JSON()["token"].(string), nil)
	if cases.JSON()["totalItems"].(float64) != 1 || !strings.Contains(string(cases.Body), ref) {
		t.Fatalf("the participant should see exactly their case: %s", cases.Body)
	}
}
