package loadgen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"
)

// BadInputConfig sizes the bad-input drill.
type BadInputConfig struct {
	Rounds  int // every case this many times (the heavy ones once)
	Clients int
}

// BadInputReport is what the drill saw.
type BadInputReport struct {
	Requests  int
	ByCase    map[string]map[int]int // case → status → count (0: no answer)
	MemBefore Mem
	MemAfter  Mem
	Problems  []string
}

// badCase is one kind of hostile request.
type badCase struct {
	name  string
	heavy bool // sent once per drill (tens of megabytes)
	build func(ctx context.Context, b *badEnv) (Request, error)
}

// badEnv is what the cases need: tokens and ids of the demo data.
type badEnv struct {
	env                 *Env
	counsellor, admin   string // tokens of a BWTW counsellor and tenant admin
	caseID, participant string // a BWTW case and its participant
	seq                 int
	mu                  sync.Mutex
}

func (b *badEnv) key() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.seq++
	return fmt.Sprintf("bad-%d-%d", time.Now().UnixNano(), b.seq)
}

// BadInput sends malformed, mistyped, oversized, deeply nested and
// invalid-UTF-8 requests to every public and staff route, concurrently and
// many times. Every answer must be below 500, and the server must stay up.
func BadInput(ctx context.Context, env *Env, cfg BadInputConfig, out io.Writer) (*BadInputReport, error) {
	b := &badEnv{env: env}
	counsellor, err := env.C.Login(ctx, "users", "beratung1@bwtw.demo", env.DemoPassword)
	if err != nil {
		return nil, err
	}
	admin, err := env.C.Login(ctx, "users", "admin@bwtw.demo", env.DemoPassword)
	if err != nil {
		return nil, err
	}
	b.counsellor, b.admin = counsellor.Token, admin.Token
	var list struct {
		Items []struct {
			ID          string `json:"id"`
			Participant string `json:"participant"`
		} `json:"items"`
	}
	if err := env.C.JSON(ctx, "GET", "/api/collections/cases/records?perPage=1", b.counsellor, nil, &list); err != nil || len(list.Items) == 0 {
		return nil, fmt.Errorf("no case for the counsellor: %v", err)
	}
	b.caseID, b.participant = list.Items[0].ID, list.Items[0].Participant

	rep := &BadInputReport{ByCase: map[string]map[int]int{}}
	rep.MemBefore, _ = env.Mem()
	cases := badCases()
	var jobs []badCase
	for _, c := range cases {
		if c.heavy {
			jobs = append(jobs, c)
		}
	}
	for range max(1, cfg.Rounds) {
		for _, c := range cases {
			if !c.heavy {
				jobs = append(jobs, c)
			}
		}
	}
	var mu sync.Mutex
	firstBody := map[string]string{}
	Load{Clients: max(1, cfg.Clients), Total: len(jobs)}.Run(ctx, env.C, func(ctx context.Context, w *Worker) {
		c := jobs[w.Seq]
		req, err := c.build(ctx, b)
		status := -1
		var res Response
		if err == nil {
			res, err = env.C.Send(ctx, req)
			status = res.Status
		}
		mu.Lock()
		defer mu.Unlock()
		rep.Requests++
		if rep.ByCase[c.name] == nil {
			rep.ByCase[c.name] = map[int]int{}
		}
		rep.ByCase[c.name][max(status, 0)]++
		if (err != nil || status >= 500) && firstBody[c.name] == "" {
			firstBody[c.name] = fmt.Sprintf("%d %v %.300s", status, err, res.Body)
		}
	})
	names := make([]string, 0, len(rep.ByCase))
	for n := range rep.ByCase {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		var parts []string
		bad := false
		for status, count := range rep.ByCase[n] {
			parts = append(parts, fmt.Sprintf("%d×%d", status, count))
			bad = bad || status >= 500 || status == 0
		}
		sort.Strings(parts)
		mark := "ok "
		if bad {
			mark = "BAD"
			rep.Problems = append(rep.Problems, fmt.Sprintf("%s: %s (%s)", n, strings.Join(parts, " "), firstBody[n]))
		}
		fmt.Fprintf(out, "  %s %-34s %s\n", mark, n, strings.Join(parts, " "))
	}
	if env.Server != nil && !env.Server.Alive() {
		rep.Problems = append(rep.Problems, "the server process died")
	} else if res, err := env.C.Send(ctx, Request{Method: "GET", Path: "/api/health"}); err != nil || res.Status != 200 {
		rep.Problems = append(rep.Problems, fmt.Sprintf("health check after the drill: %d %v", res.Status, err))
	}
	rep.MemAfter, _ = env.Mem()
	fmt.Fprintf(out, "bad input: %d requests, %d kinds; server memory %s → %s\n", rep.Requests, len(names), rep.MemBefore, rep.MemAfter)
	return rep, nil
}

// raw is a request with a fixed body.
func raw(method, path, token, contentType string, body []byte, header map[string]string) func(context.Context, *badEnv) (Request, error) {
	return func(context.Context, *badEnv) (Request, error) {
		return Request{Method: method, Path: path, Token: token, ContentType: contentType, Body: body, Header: header}, nil
	}
}

// submitRaw posts body to the submission route with a fresh idempotency key.
func submitRaw(body []byte) func(context.Context, *badEnv) (Request, error) {
	return submitAs("application/json", func() []byte { return body })
}

func submitAs(contentType string, body func() []byte) func(context.Context, *badEnv) (Request, error) {
	return func(_ context.Context, b *badEnv) (Request, error) {
		return Request{Method: "POST", Path: SubmitPath("bwtw"), ContentType: contentType, Body: body(),
			Header: map[string]string{"Idempotency-Key": b.key()}}, nil
	}
}

// submitValid sends a complete registration with a valid proof of work
// whose answers are changed by edit: it reaches the storage path.
func submitValid(edit func(map[string]any)) func(context.Context, *badEnv) (Request, error) {
	return func(ctx context.Context, b *badEnv) (Request, error) {
		pow, err := b.env.C.FetchPow(ctx)
		if err != nil {
			return Request{}, err
		}
		reg := NewRegistration(newRand(), "bad", 1)
		reg.Tenant, reg.Key = "bwtw", b.key()
		edit(reg.Body["answers"].(map[string]any))
		return reg.Request(pow), nil
	}
}

func withAnswers(answers string) []byte {
	return []byte(`{"answers":` + answers + `,"language":"de","website":""}`)
}

func nested(depth int, open, close string) string {
	return strings.Repeat(open, depth) + strings.Repeat(close, depth)
}

func jsonOf(v any) []byte {
	raw, _ := json.Marshal(v)
	return raw
}

func multipartBody(parts int, payload string, fileField string, fileSize int) (string, []byte) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("payload", payload)
	for i := range parts {
		_ = mw.WriteField(fmt.Sprintf("junk_%d", i), strings.Repeat("x", 100))
	}
	if fileField != "" {
		fw, _ := mw.CreateFormFile(fileField, "scan.pdf")
		_, _ = fw.Write(append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte{'A'}, fileSize)...))
	}
	_ = mw.Close()
	return mw.FormDataContentType(), buf.Bytes()
}

// badCases lists the hostile requests. Heavy ones are sent once.
func badCases() []badCase {
	evaluate := "/api/mp/public/offers/bwtw/" + IntakeOffer + "/evaluate"
	manyKeys := map[string]any{}
	for i := range 50000 {
		manyKeys[fmt.Sprintf("k%d", i)] = i
	}
	longRows := make([]any, 20000)
	for i := range longRows {
		longRows[i] = map[string]any{"language": "Arabisch", "level": "native"}
	}
	validPayload := string(jsonOf(map[string]any{"answers": IntakeAnswers(newRand(), 1), "language": "de"}))
	cases := []badCase{
		{name: "json truncated", build: submitRaw([]byte(`{"answers":`))},
		{name: "json binary garbage", build: submitRaw([]byte("\x00\x01\x02\xff{}"))},
		{name: "json trailing garbage", build: submitRaw([]byte(`{"answers":{}} xyz`))},
		{name: "json array root", build: submitRaw([]byte(`[1,2,3]`))},
		{name: "json null root", build: submitRaw([]byte(`null`))},
		{name: "json empty body", build: submitRaw([]byte(``))},
		{name: "answers wrong type", build: submitRaw(withAnswers(`[1,"2",null]`))},
		{name: "answers number overflow", build: submitRaw(withAnswers(`1e999`))},
		{name: "fields wrong types", build: submitRaw(withAnswers(`{"first_name":{"a":1},"birth_date":[1],"has_children":"yes",
			"children_count":"zwei","mobility":"car","languages":"x","school_years":1e308,"data_processing_consent":"true"}`))},
		{name: "fields huge numbers", build: submitRaw(withAnswers(`{"school_years":1e400,"children_count":-1e400,"max_commute_minutes":123456789012345678901234567890}`))},
		{name: "repeat rows wrong types", build: submitRaw(withAnswers(`{"languages":[1,"x",null,[[]],{"language":{"x":1}}],"work_experience":{"0":{}}}`))},
		{name: "deep nesting 10k arrays", build: submitRaw(withAnswers(`{"first_name":` + nested(10000, "[", "]") + `}`))},
		{name: "deep nesting 100k objects", build: submitRaw(withAnswers(nested(100000, `{"a":`, `}`)))},
		{name: "invalid utf-8 in a value", build: submitRaw(withAnswers("{\"first_name\":\"\xff\xfe\xfd\",\"last_name\":\"\xc0\xaf\"}"))},
		{name: "invalid utf-8 in a key", build: submitRaw(withAnswers("{\"first\xffname\":\"x\"}"))},
		{name: "lone surrogate escape", build: submitRaw(withAnswers(`{"first_name":"\ud800","last_name":"\udfff\ud800"}`))},
		{name: "nul characters", build: submitRaw(withAnswers(`{"first_name":"a\u0000b","postal_code":"\u0000\u0000\u0000\u0000\u0000"}`))},
		{name: "duplicate keys", build: submitRaw([]byte(`{"answers":{"first_name":"a","first_name":"b"},"answers":{}}`))},
		{name: "50,000 answer keys", build: submitRaw(jsonOf(map[string]any{"answers": manyKeys}))},
		{name: "1 MB text answer", build: submitRaw(jsonOf(map[string]any{"answers": map[string]any{"first_name": strings.Repeat("ä", 1<<19)}}))},
		{name: "20,000 repeat rows", build: submitRaw(jsonOf(map[string]any{"answers": map[string]any{"languages": longRows}}))},
		{name: "language wrong type", build: submitRaw([]byte(`{"answers":{},"language":{"x":1}}`))},
		{name: "language path and bidi", build: submitRaw([]byte(`{"answers":{},"language":"../../ar\u202e"}`))},
		{name: "pow wrong type", build: submitRaw([]byte(`{"answers":{},"pow":"abc"}`))},
		{name: "pow fields wrong type", build: submitRaw([]byte(`{"answers":{},"pow":{"challenge":5,"nonce":[1]}}`))},
		{name: "form_version wrong type", build: submitRaw([]byte(`{"answers":{},"form_version":"x"}`))},
		{name: "form_version overflow", build: submitRaw([]byte(`{"answers":{},"form_version":1e20}`))},
		{name: "honeypot object", build: submitRaw([]byte(`{"answers":{},"website":{"a":1}}`))},
		{name: "no idempotency key", build: raw("POST", SubmitPath("bwtw"), "", "", withAnswers(`{}`), nil)},
		{name: "idempotency key invalid utf-8", build: raw("POST", SubmitPath("bwtw"), "", "", withAnswers(`{}`),
			map[string]string{"Idempotency-Key": "abc\xff\xfedefgh"})},
		{name: "idempotency key 10k chars", build: raw("POST", SubmitPath("bwtw"), "", "", withAnswers(`{}`),
			map[string]string{"Idempotency-Key": strings.Repeat("k", 10000)})},
		{name: "text/plain body", build: submitAs("text/plain", func() []byte { return withAnswers(`{}`) })},
		{name: "multipart bad boundary", build: submitAs("multipart/form-data; boundary=zzz", func() []byte { return []byte("--yyy\r\njunk\r\n") })},
		{name: "multipart no boundary", build: submitAs("multipart/form-data", func() []byte { return []byte("junk") })},
		{name: "multipart payload not json", build: func(_ context.Context, b *badEnv) (Request, error) {
			ct, body := multipartBody(0, "{{{", "", 0)
			return Request{Method: "POST", Path: SubmitPath("bwtw"), ContentType: ct, Body: body,
				Header: map[string]string{"Idempotency-Key": b.key()}}, nil
		}},
		{name: "multipart 1000 parts", build: func(_ context.Context, b *badEnv) (Request, error) {
			ct, body := multipartBody(1000, validPayload, "", 0)
			return Request{Method: "POST", Path: SubmitPath("bwtw"), ContentType: ct, Body: body,
				Header: map[string]string{"Idempotency-Key": b.key()}}, nil
		}},
		{name: "multipart file in unknown field", build: func(_ context.Context, b *badEnv) (Request, error) {
			ct, body := multipartBody(0, validPayload, "tenant", 1000)
			return Request{Method: "POST", Path: SubmitPath("bwtw"), ContentType: ct, Body: body,
				Header: map[string]string{"Idempotency-Key": b.key()}}, nil
		}},
		{name: "multipart 12 MB document", heavy: true, build: func(_ context.Context, b *badEnv) (Request, error) {
			ct, body := multipartBody(0, validPayload, "qualification_documents", 12<<20)
			return Request{Method: "POST", Path: SubmitPath("bwtw"), ContentType: ct, Body: body,
				Header: map[string]string{"Idempotency-Key": b.key()}}, nil
		}},
		{name: "61 MB body", heavy: true, build: submitRaw(withAnswers(`{"first_name":"` + strings.Repeat("a", 61<<20) + `"}`))},
		{name: "2 MB header", heavy: true, build: raw("GET", "/api/mp/public/offers", "", "", nil,
			map[string]string{"X-Junk": strings.Repeat("h", 2<<20)})},
		{name: "form email the record refuses", build: submitValid(func(a map[string]any) { a["email"] = "a..b@example.org" })},
		{name: "form bidi, zero-width, emoji names", build: submitValid(func(a map[string]any) {
			a["first_name"], a["last_name"] = "\u202eAmal\u200b😀", "\u200fحداد\u0301"
		})},
		{name: "form dates out of range", build: submitValid(func(a map[string]any) {
			a["birth_date"], a["permit_valid_until"] = "2026-02-30", "99999-12-31"
		})},

		{name: "evaluate malformed", build: raw("POST", evaluate, "", "", []byte(`{"answers":`), nil)},
		{name: "evaluate wrong types", build: raw("POST", evaluate, "", "", withAnswers(`{"birth_date":{"x":[1]},"children_count":"x","languages":[[]]}`), nil)},
		{name: "evaluate deep nesting", build: raw("POST", evaluate, "", "", withAnswers(`{"first_name":`+nested(20000, "[", "]")+`}`), nil)},
		{name: "evaluate invalid utf-8", build: raw("POST", evaluate, "", "", withAnswers("{\"first_name\":\"\xff\"}"), nil)},
		{name: "evaluate 300 KB body", build: raw("POST", evaluate, "", "", withAnswers(`{"first_name":"`+strings.Repeat("x", 300<<10)+`"}`), nil)},

		{name: "offer path invalid utf-8", build: raw("GET", "/api/mp/public/offers/%ff%fe/%c0%af?lang=%ff", "", "", nil, nil)},
		{name: "offer path 8 KB", build: raw("GET", "/api/mp/public/offers/"+strings.Repeat("a", 8<<10)+"/x", "", "", nil, nil)},
		{name: "accounts malformed", build: raw("POST", "/api/mp/public/accounts", "", "", []byte(`{"reference":5,"claim":[],"email":{},"password":null}`), nil)},
		{name: "accounts invalid utf-8", build: raw("POST", "/api/mp/public/accounts", "", "", []byte("{\"reference\":\"\xff\",\"claim\":\"\xfe\"}"), nil)},
		{name: "realtime malformed", build: raw("POST", "/api/realtime", "", "", []byte(`{"clientId":[1],"subscriptions":"x"}`), nil)},
		{name: "realtime 10k subscriptions", build: raw("POST", "/api/realtime", "", "", jsonOf(map[string]any{
			"clientId": strings.Repeat("c", 300), "subscriptions": make([]string, 10000)}), nil)},
		{name: "login wrong types", build: raw("POST", "/api/collections/users/auth-with-password", "", "", []byte(`{"identity":5,"password":{"x":1}}`), nil)},

		{name: "list filter unbalanced", build: func(_ context.Context, b *badEnv) (Request, error) {
			return Request{Method: "GET", Path: "/api/collections/cases/records?filter=" + url.QueryEscape("((((state = 'x'") + "&sort=-&perPage=-1&page=-5", Token: b.counsellor}, nil
		}},
		{name: "list filter 100 KB", build: func(_ context.Context, b *badEnv) (Request, error) {
			return Request{Method: "GET", Path: "/api/collections/cases/records?filter=" + url.QueryEscape("reference ~ '"+strings.Repeat("%", 100<<10)+"'"), Token: b.counsellor}, nil
		}},
		{name: "list filter deep parentheses", build: func(_ context.Context, b *badEnv) (Request, error) {
			return Request{Method: "GET", Path: "/api/collections/cases/records?filter=" + url.QueryEscape(nested(5000, "(", ")")), Token: b.counsellor}, nil
		}},
		{name: "list huge page and expand", build: func(_ context.Context, b *badEnv) (Request, error) {
			return Request{Method: "GET", Path: "/api/collections/cases/records?perPage=1000000000&page=99999999999999999999&expand=" +
				strings.Repeat("participant.", 20) + "x&fields=" + url.QueryEscape("*,expand.*:excerpt(-5,true)"), Token: b.counsellor}, nil
		}},
		{name: "create case wrong types", build: func(_ context.Context, b *badEnv) (Request, error) {
			return Request{Method: "POST", Path: "/api/collections/cases/records", Token: b.counsellor,
				Body: []byte(`{"tenant":[1],"state":{"x":1},"data":` + nested(5000, "[", "]") + `}`)}, nil
		}},
		{name: "update case malformed", build: func(_ context.Context, b *badEnv) (Request, error) {
			return Request{Method: "PATCH", Path: "/api/collections/cases/records/" + b.caseID, Token: b.counsellor,
				Body: []byte("{\"assignee\":\"\xff\",")}, nil
		}},
		{name: "update participant wrong types", build: func(_ context.Context, b *badEnv) (Request, error) {
			return Request{Method: "PATCH", Path: "/api/collections/participants/records/" + b.participant, Token: b.counsellor,
				Body: []byte(`{"email":{"a":1},"phone":[1,2],"birth_date":"9999-99-99","preferred_language":"\u202e"}`)}, nil
		}},
		{name: "transition malformed", build: func(_ context.Context, b *badEnv) (Request, error) {
			return Request{Method: "POST", Path: "/api/mp/cases/" + b.caseID + "/transitions/termin_vereinbaren", Token: b.counsellor,
				Body: []byte(`{"step":`)}, nil
		}},
		{name: "transition step wrong types", build: func(_ context.Context, b *badEnv) (Request, error) {
			return Request{Method: "POST", Path: "/api/mp/cases/" + b.caseID + "/transitions/termin_vereinbaren", Token: b.counsellor,
				Body: []byte(`{"step":{"meeting_date":{"x":` + nested(2000, "[", "]") + `}},"expected_updated":5,"language":[]}`)}, nil
		}},
		{name: "transition unknown key, bad id", build: func(_ context.Context, b *badEnv) (Request, error) {
			return Request{Method: "POST", Path: "/api/mp/cases/%ff%00/transitions/" + strings.Repeat("x", 3000), Token: b.counsellor,
				Body: []byte(`{}`)}, nil
		}},
		{name: "definition check hostile", build: func(_ context.Context, b *badEnv) (Request, error) {
			return Request{Method: "POST", Path: "/api/mp/definitions/check", Token: b.admin,
				Body: []byte(`{"kind":"form","definition":{"sections":[{"key":"s","fields":[{"key":"x","type":"text","visible_if":"` +
					strings.Repeat("(", 3000) + `"}]}]}}`)}, nil
		}},
		{name: "definition check wrong types", build: func(_ context.Context, b *badEnv) (Request, error) {
			return Request{Method: "POST", Path: "/api/mp/definitions/check", Token: b.admin,
				Body: []byte(`{"kind":["form"],"definition":"` + strings.Repeat("\\u0000", 1000) + `"}`)}, nil
		}},
	}
	return cases
}
