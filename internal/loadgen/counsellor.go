package loadgen

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Counsellors are the demo counsellor accounts (LIFT and BWTW have two each).
var Counsellors = []string{"beratung1@lift.demo", "beratung2@lift.demo", "beratung1@bwtw.demo", "beratung2@bwtw.demo"}

// counsellor is a logged-in counsellor and the ids of their Träger's cases.
type counsellor struct {
	token, id string
	cases     []string
}

// InboxQuery is the inbox page: the 20 most recently changed open cases of
// the counsellor's Träger (the API rule adds the Träger), with the
// participant's name, without the total count.
var InboxQuery = url.Values{"page": {"1"}, "perPage": {"20"}, "skipTotal": {"1"}, "sort": {"-updated"},
	"filter": {"state != 'abgeschlossen' && state != 'abgebrochen'"}, "expand": {"participant"},
	"fields": {"id,reference,state,assignee,opened,updated,expand.participant.first_name,expand.participant.last_name"}}

func loginCounsellors(ctx context.Context, env *Env) ([]counsellor, error) {
	var out []counsellor
	for _, email := range Counsellors {
		a, err := env.C.Login(ctx, "users", email, env.DemoPassword)
		if err != nil {
			return nil, err
		}
		c := counsellor{token: a.Token, id: a.ID}
		for page := 1; page <= 20; page++ {
			var list struct {
				Items []struct {
					ID string `json:"id"`
				} `json:"items"`
			}
			q := url.Values{"page": {fmt.Sprint(page)}, "perPage": {"500"}, "skipTotal": {"1"}, "fields": {"id"}}
			if err := env.C.JSON(ctx, "GET", "/api/collections/cases/records?"+q.Encode(), c.token, nil, &list); err != nil {
				return nil, err
			}
			for _, it := range list.Items {
				c.cases = append(c.cases, it.ID)
			}
			if len(list.Items) < 500 {
				break
			}
		}
		if len(c.cases) == 0 {
			return nil, fmt.Errorf("%s sees no cases", email)
		}
		out = append(out, c)
	}
	return out, nil
}

// counsellorOp is one kind of counsellor request and its share of the mix.
type counsellorOp struct {
	kind   string
	weight float64
	do     func(ctx context.Context, w *Worker, me counsellor, caseID string)
}

// counsellorOps is the mix: 80 % reads (30 % the inbox of their Träger, 10 %
// their own cases, 20 % a case's overview, 20 % its events) and 20 % workflow
// transitions (the options of a case, then one allowed transition with its
// step form filled in). Reads use the workspace routes where the server has
// them, else the record API; without the transition routes the writes are
// reassignments through POST /api/mp/cases/{id}/assign (the record API
// refuses a case's assignee). The text says which.
func counsellorOps(ctx context.Context, env *Env, me counsellor) ([]counsellorOp, string, error) {
	get := func(kind, path string) func(ctx context.Context, w *Worker, me counsellor, caseID string) {
		return func(ctx context.Context, w *Worker, me counsellor, caseID string) {
			_, _ = w.Do(ctx, kind, Request{Method: "GET", Path: strings.ReplaceAll(path, "{case}", caseID), Token: me.token})
		}
	}
	probe, err := env.C.Send(ctx, Request{Method: "GET", Path: "/api/mp/cases/" + me.cases[0] + "/transitions", Token: me.token})
	if err != nil {
		return nil, "", err
	}
	inbox, err := env.C.Send(ctx, Request{Method: "GET", Path: "/api/mp/inbox?scope=all&per_page=1", Token: me.token})
	if err != nil {
		return nil, "", err
	}
	events := url.Values{"perPage": {"50"}, "skipTotal": {"1"}, "sort": {"created"}, "filter": {"case = '{case}'"}}
	var ops []counsellorOp
	var text string
	if inbox.Status == 200 {
		text = "reads through the workspace routes (/api/mp/inbox, /api/mp/cases/{id}/overview)"
		ops = []counsellorOp{
			{"inbox", 0.30, get("inbox", "/api/mp/inbox?scope=all&page=1&per_page=25&lang=de")},
			{"inbox-mine", 0.10, get("inbox-mine", "/api/mp/inbox?scope=mine&page=1&per_page=25&lang=de")},
			{"case-overview", 0.20, get("case-overview", "/api/mp/cases/{case}/overview?lang=de")},
		}
	} else {
		text = "reads through the record API (no /api/mp/inbox yet)"
		mine := url.Values{"perPage": {"20"}, "skipTotal": {"1"}, "sort": {"-updated"}, "filter": {"assignee = '" + me.id + "'"}}
		ops = []counsellorOp{
			{"inbox", 0.30, get("inbox", "/api/collections/cases/records?"+InboxQuery.Encode())},
			{"inbox-mine", 0.10, func(ctx context.Context, w *Worker, me counsellor, _ string) {
				mine.Set("filter", "assignee = '"+me.id+"'")
				_, _ = w.Do(ctx, "inbox-mine", Request{Method: "GET", Path: "/api/collections/cases/records?" + mine.Encode(), Token: me.token})
			}},
			{"case-view", 0.20, get("case-view", "/api/collections/cases/records/{case}?expand=participant")},
		}
	}
	ops = append(ops, counsellorOp{"case-events", 0.20, get("case-events", "/api/collections/case_events/records?"+
		strings.ReplaceAll(events.Encode(), url.QueryEscape("{case}"), "{case}"))})
	if probe.Status == 200 {
		text = "workflow transitions (GET options, POST one allowed transition); " + text
		ops = append(ops, counsellorOp{"transition", 0.20, func(ctx context.Context, w *Worker, me counsellor, caseID string) {
			takeTransition(ctx, w, me.token, caseID)
		}})
	} else {
		text = fmt.Sprintf("reassignments (POST …/assign; the transition route answered %d); %s", probe.Status, text)
		ops = append(ops, counsellorOp{"reassign", 0.20, func(ctx context.Context, w *Worker, me counsellor, caseID string) {
			body, _ := json.Marshal(map[string]string{"assignee": me.id})
			_, _ = w.Do(ctx, "reassign", Request{Method: "POST", Path: "/api/mp/cases/" + caseID + "/assign", Token: me.token, Body: body})
		}})
	}
	return ops, text, nil
}

// CounsellorMix lets n counsellors work for d in the mix of counsellorOps
// (the text says which routes it used, and the server's CPU per request).
func CounsellorMix(ctx context.Context, env *Env, n int, d time.Duration) ([]Summary, string, error) {
	staff, err := loginCounsellors(ctx, env)
	if err != nil {
		return nil, "", err
	}
	ops, text, err := counsellorOps(ctx, env, staff[0])
	if err != nil {
		return nil, "", err
	}
	cpu0 := env.CPU()
	samples, elapsed := Load{Clients: n, Duration: d}.Run(ctx, env.C, func(ctx context.Context, w *Worker) {
		me := staff[w.ID%len(staff)]
		r := w.Rand.Float64()
		for _, op := range ops {
			if r -= op.weight; r < 0 || op.kind == ops[len(ops)-1].kind {
				op.do(ctx, w, me, me.cases[w.Rand.IntN(len(me.cases))])
				return
			}
		}
	})
	sums := Summarize(samples, elapsed)
	if cpu := env.CPU() - cpu0; cpu > 0 {
		text += fmt.Sprintf("; server CPU %s per request of the mix", ms(cpu/time.Duration(max(1, len(samples)))))
	}
	return sums, text, nil
}

// CounsellorKinds runs each kind of counsellor request alone, with n
// clients for d each, and reports its latency and the server's CPU per
// request (a transition's includes its options request).
func CounsellorKinds(ctx context.Context, env *Env, n int, d time.Duration) ([]Summary, error) {
	staff, err := loginCounsellors(ctx, env)
	if err != nil {
		return nil, err
	}
	ops, _, err := counsellorOps(ctx, env, staff[0])
	if err != nil {
		return nil, err
	}
	var out []Summary
	for _, op := range ops {
		cpu0 := env.CPU()
		samples, elapsed := Load{Clients: n, Duration: d}.Run(ctx, env.C, func(ctx context.Context, w *Worker) {
			me := staff[w.ID%len(staff)]
			op.do(ctx, w, me, me.cases[w.Rand.IntN(len(me.cases))])
		})
		sums := Summarize(samples, elapsed)
		// A transition is two requests (options, then the transition): its
		// CPU per request covers both.
		last := &sums[len(sums)-1]
		last.ServerCPU = (env.CPU() - cpu0) * time.Duration(last.N) / time.Duration(max(1, len(samples))) * time.Duration(len(sums))
		out = append(out, sums...)
	}
	return out, nil
}

// option is what GET /api/mp/cases/{id}/transitions says about one transition.
type option struct {
	Key      string          `json:"key"`
	Allowed  bool            `json:"allowed"`
	StepForm json.RawMessage `json:"step_form"`
}

// takeTransition reads the case's options and takes a random allowed one
// that keeps the case open, filling its step form.
func takeTransition(ctx context.Context, w *Worker, token, caseID string) {
	res, err := w.Do(ctx, "options", Request{Method: "GET", Path: "/api/mp/cases/" + caseID + "/transitions?lang=de", Token: token})
	if err != nil || res.Status != 200 {
		return
	}
	var out struct {
		Case struct {
			Updated string `json:"updated"`
		} `json:"case"`
		Options []option `json:"options"`
	}
	if json.Unmarshal(res.Body, &out) != nil {
		return
	}
	var allowed []option
	for _, o := range out.Options {
		if o.Allowed && o.Key != "abbrechen" && o.Key != "abschliessen" {
			allowed = append(allowed, o)
		}
	}
	if len(allowed) == 0 {
		return
	}
	o := allowed[w.Rand.IntN(len(allowed))]
	body, _ := json.Marshal(map[string]any{"step": fillStepForm(o.StepForm), "comment": "Lasttest",
		"language": "de", "expected_updated": out.Case.Updated})
	_, _ = w.Do(ctx, "transition", Request{Method: "POST", Path: "/api/mp/cases/" + caseID + "/transitions/" + o.Key,
		Token: token, Body: body})
}

// fillStepForm answers every field of a localized step form plausibly:
// dates a week ahead, the first option of a choice, yes for booleans.
func fillStepForm(raw json.RawMessage) map[string]any {
	type field struct {
		Key     string `json:"key"`
		Type    string `json:"type"`
		Min     *float64
		Options []struct {
			Value string `json:"value"`
		} `json:"options"`
	}
	var f struct {
		Fields   []field `json:"fields"`
		Sections []struct {
			Fields []field `json:"fields"`
		} `json:"sections"`
		Form *struct {
			Sections []struct {
				Fields []field `json:"fields"`
			} `json:"sections"`
		} `json:"form"`
	}
	answers := map[string]any{}
	if len(raw) == 0 || json.Unmarshal(raw, &f) != nil {
		return answers
	}
	fields := f.Fields
	for _, s := range f.Sections {
		fields = append(fields, s.Fields...)
	}
	if f.Form != nil {
		for _, s := range f.Form.Sections {
			fields = append(fields, s.Fields...)
		}
	}
	for _, fd := range fields {
		switch fd.Type {
		case "date":
			answers[fd.Key] = time.Now().AddDate(0, 0, 7).Format("2006-01-02")
		case "text", "textarea":
			answers[fd.Key] = "Lasttest"
		case "number", "integer":
			v := 1.0
			if fd.Min != nil {
				v = *fd.Min
			}
			answers[fd.Key] = v
		case "boolean", "consent":
			answers[fd.Key] = true
		case "choice":
			if len(fd.Options) > 0 {
				answers[fd.Key] = fd.Options[0].Value
			}
		case "multichoice":
			if len(fd.Options) > 0 {
				answers[fd.Key] = []string{fd.Options[0].Value}
			}
		}
	}
	return answers
}
