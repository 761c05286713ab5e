package hooks_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/multipotenzial/multipotenzial/hooks"
	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// lazyBody is a request body built in BeforeTestFunc, once the app exists
// (the proof of work must come from the same app).
type lazyBody struct{ r io.Reader }

func (b *lazyBody) Read(p []byte) (int, error) { return b.r.Read(p) }

// withPow returns a body and a BeforeTestFunc that fills it with a solved
// proof of work and the given answers.
func withPow(answers map[string]any, lang string) (io.Reader, func(testing.TB, *tests.TestApp, *core.ServeEvent)) {
	body := &lazyBody{}
	return body, func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
		mux, err := e.Router.BuildMux()
		if err != nil {
			t.Fatal(err)
		}
		rec := httpGet(mux, "/api/mp/public/pow")
		c := testapp.Response{Status: rec.Code, Body: rec.Body.Bytes()}.JSON()
		pow := map[string]string{"challenge": c["challenge"].(string),
			"nonce": testapp.SolvePow(c["challenge"].(string), int(c["difficulty"].(float64)))}
		body.r = bytes.NewReader([]byte(jsonBody(submitBody(answers, lang, pow))))
	}
}

// counts returns how many participants, submissions, cases and events exist.
func counts(t testing.TB, app core.App) [4]int64 {
	var out [4]int64
	for i, c := range []string{"participants", "submissions", "cases", "case_events"} {
		n, err := app.CountRecords(c)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = n
	}
	return out
}

// storesNothing fails the scenario when anything was written.
func storesNothing() (func(testing.TB, *tests.TestApp, *core.ServeEvent), func(testing.TB, *tests.TestApp, *http.Response)) {
	var before [4]int64
	return func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) { before = counts(t, app) },
		func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			if after := counts(t, app); after != before {
				t.Fatalf("stored something: %v → %v", before, after)
			}
		}
}

func TestSubmissionRejections(t *testing.T) {
	key := map[string]string{"Idempotency-Key": "test-key-0001"}
	type tc struct {
		name    string
		headers map[string]string
		body    string
		want    []string
	}
	cases := []tc{
		{"no idempotency key", nil, jsonBody(submitBody(intakeAnswers(), "de", nil)),
			[]string{`"_form":{"code":"idempotency_key_required"`}},
		{"not JSON", key, `{"answers":`, []string{`"code":"request_invalid_json"`}},
		{"a required answer missing, message in English", key, jsonBody(submitBody(with("last_name", nil), "en", nil)),
			[]string{`"last_name":{"code":"validation_required","message":"Please fill in this field."`}},
		{"a required answer missing, message in Arabic", key, jsonBody(submitBody(with("last_name", nil), "ar", nil)),
			[]string{`"last_name":{"code":"validation_required","message":"يرجى ملء هذا الحقل."`}},
		{"an unknown field", key, jsonBody(submitBody(with("tenant", "bwtw"), "de", nil)),
			[]string{`"tenant":{"code":"validation_unknown_field"`}},
		{"a wrong type", key, jsonBody(submitBody(with("birth_date", 1994), "de", nil)),
			[]string{`"birth_date":{"code":"validation_`}},
		{"consent refused", key, jsonBody(submitBody(with("data_processing_consent", false), "de", nil)),
			[]string{`"data_processing_consent":{"code":"validation_consent_required"`}},
		{"the honeypot filled", key, strings.Replace(jsonBody(submitBody(intakeAnswers(), "de", nil)), `"website":""`, `"website":"http://spam"`, 1),
			[]string{`"website":{"code":"honeypot_filled"`}},
		{"valid answers without proof of work", key, jsonBody(submitBody(intakeAnswers(), "de", nil)),
			[]string{`"pow":{"code":"pow_missing"`}},
		{"a forged proof of work", key, jsonBody(submitBody(intakeAnswers(), "de", map[string]string{"challenge": "a.9999999999.6.x", "nonce": "1"})),
			[]string{`"pow":{"code":"pow_invalid"`}},
	}
	for _, c := range cases {
		before, after := storesNothing()
		s := tests.ApiScenario{
			Name: c.name, Method: http.MethodPost, URL: bwtwIntake + "/submissions", Headers: c.headers,
			Body: strings.NewReader(c.body), ExpectedStatus: 400, ExpectedContent: c.want,
			ExpectedEvents: map[string]int{"*": 0}, TestAppFactory: testapp.Factory,
			BeforeTestFunc: before, AfterTestFunc: after,
		}
		s.Test(t)
	}
}

func TestSubmissionStoresEverythingInOneGo(t *testing.T) {
	body, before := withPow(with("work_permit", "yes", "has_children", false), "ar")
	s := tests.ApiScenario{
		Name: "a valid registration", Method: http.MethodPost, URL: bwtwIntake + "/submissions",
		Headers: map[string]string{"Idempotency-Key": "test-key-0002"}, Body: body,
		ExpectedStatus: 201, ExpectedContent: []string{`"reference":"BWTW-`, `"claim":"`},
		// 9 records: participant, case, first event, submission, the three
		// consents of the demo form, and what the workflow's start state does
		// (the task "Erstkontakt aufnehmen", its SLA timer), inserted directly
		// (direct_insert.go) and announced after the commit; the 6 audit
		// entries (participant, case, submission, consents) raise no events.
		ExpectedEvents: map[string]int{"*": 0, "OnModelAfterCreateSuccess": 9, "OnRecordAfterCreateSuccess": 9},
		TestAppFactory: testapp.Factory,
		BeforeTestFunc: before,
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
			sub, err := app.FindFirstRecordByData("submissions", "idempotency_key", "test-key-0002")
			if err != nil {
				t.Fatal(err)
			}
			offer, _ := app.FindRecordById("offer_types", sub.GetString("offer_type"))
			if sub.GetString("form_version") == "" || sub.GetString("form_version") != offer.GetString("form_version") {
				t.Fatal("submission not pinned to the published form version")
			}
			answers := map[string]any{}
			_ = sub.UnmarshalJSONField("answers", &answers)
			if _, ok := answers["work_permit"]; ok {
				t.Fatal("the answer to a hidden field (work_permit) was stored")
			}
			if answers["age_years"] == nil {
				t.Fatal("calculated value not stored")
			}
			c, err := app.FindRecordById("cases", sub.GetString("case"))
			if err != nil || c.GetString("state") != "angemeldet" || c.GetString("reference") != sub.GetString("reference") {
				t.Fatalf("case: %v %v", c, err)
			}
			p, err := app.FindRecordById("participants", sub.GetString("participant"))
			if err != nil || p.GetString("last_name") != "Khalil" || p.GetString("status") != "registered" ||
				p.GetString("tenant") != sub.GetString("tenant") || p.GetString("preferred_language") != "ar" {
				t.Fatalf("participant: %v %v", p, err)
			}
			ev, err := app.FindFirstRecordByData("case_events", "case", c.Id)
			if err != nil || ev.GetString("type") != "created" {
				t.Fatalf("first event: %v", err)
			}
			if c.GetString("workflow_version") == "" || c.GetDateTime("sla_due").IsZero() {
				t.Fatal("case not pinned to the workflow or without its SLA")
			}
			task, err := app.FindFirstRecordByData("tasks", "case", c.Id)
			if err != nil || !strings.Contains(task.GetString("title"), "Erstkontakt") || task.GetDateTime("due").IsZero() {
				t.Fatalf("no first-contact task: %v %v", task, err)
			}
			if n, _ := app.CountRecords("timers", dbxHash("case", c.Id)); n == 0 {
				t.Fatal("no timer armed")
			}
			var consent []map[string]any
			_ = sub.UnmarshalJSONField("consent", &consent)
			if len(consent) == 0 || consent[0]["purpose"] == "" || consent[0]["version"] == "" ||
				consent[0]["language"] != "ar" || consent[0]["given"] != true || consent[0]["channel"] != "online" {
				t.Fatalf("consent record incomplete: %v", consent)
			}
			// What PocketBase's Save would have done for the directly inserted records.
			if p.GetDateTime("created").IsZero() || c.GetDateTime("updated").IsZero() || p.GetString("search") == "" {
				t.Fatalf("created/updated/search not set: %v %v", p, c)
			}
			var audited []struct {
				Collection string `db:"collection"`
				ActorKind  string `db:"actor_kind"`
			}
			_ = app.DB().Select("collection", "actor_kind").From("audit_log").
				Where(dbxHash("tenant", sub.GetString("tenant"))).AndWhere(dbx.NewExp("record IN ({:p},{:c},{:s})",
				dbx.Params{"p": p.Id, "c": c.Id, "s": sub.Id})).All(&audited)
			if len(audited) != 3 || audited[0].ActorKind != "anonymous" {
				t.Fatalf("audit entries of participant, case, submission: %+v", audited)
			}
			if n, _ := app.CountRecords("audit_log", dbx.HashExp{"collection": "consents", "action": "create"},
				dbx.NewExp("record IN (SELECT id FROM consents WHERE participant = {:p})", dbx.Params{"p": p.Id})); n != 3 {
				t.Fatalf("%d audit entries for the 3 consents", n)
			}
			if brk, _, err := hooks.VerifyAuditChain(app); brk != nil || err != nil {
				t.Fatalf("audit chain: %+v %v", brk, err)
			}
		},
	}
	s.Test(t)
}
