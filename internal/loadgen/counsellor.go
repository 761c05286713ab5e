package loadgen

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
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

// CounsellorMix lets n counsellors work for d: 80 % reads (inbox, own
// cases, case view, the case's events) and 20 % workflow transitions
// (the options of a case, then one allowed transition with its step form
// filled in). Where the server has no transition routes yet, the writes are
// reassignments of a case (a PATCH through the record API) and write says so.
func CounsellorMix(ctx context.Context, env *Env, n int, d time.Duration) ([]Summary, string, error) {
	staff, err := loginCounsellors(ctx, env)
	if err != nil {
		return nil, "", err
	}
	probe, err := env.C.Send(ctx, Request{Method: "GET", Path: "/api/mp/cases/" + staff[0].cases[0] + "/transitions", Token: staff[0].token})
	if err != nil {
		return nil, "", err
	}
	transitions := probe.Status == 200
	write := "workflow transitions (GET options, POST one allowed transition)"
	if !transitions {
		write = fmt.Sprintf("reassignments (PATCH assignee): GET /api/mp/cases/{id}/transitions answered %d", probe.Status)
	}
	samples, elapsed := Load{Clients: n, Duration: d}.Run(ctx, env.C, func(ctx context.Context, w *Worker) {
		me := staff[w.ID%len(staff)]
		caseID := me.cases[w.Rand.IntN(len(me.cases))]
		switch r := w.Rand.Float64(); {
		case r < 0.40:
			_, _ = w.Do(ctx, "inbox", Request{Method: "GET", Path: "/api/collections/cases/records?" + InboxQuery.Encode(), Token: me.token})
		case r < 0.50:
			q := url.Values{"perPage": {"20"}, "skipTotal": {"1"}, "sort": {"-updated"}, "filter": {"assignee = '" + me.id + "'"}}
			_, _ = w.Do(ctx, "my-cases", Request{Method: "GET", Path: "/api/collections/cases/records?" + q.Encode(), Token: me.token})
		case r < 0.65:
			_, _ = w.Do(ctx, "case-view", Request{Method: "GET", Path: "/api/collections/cases/records/" + caseID + "?expand=participant", Token: me.token})
		case r < 0.80:
			q := url.Values{"perPage": {"50"}, "skipTotal": {"1"}, "sort": {"created"}, "filter": {"case = '" + caseID + "'"}}
			_, _ = w.Do(ctx, "case-events", Request{Method: "GET", Path: "/api/collections/case_events/records?" + q.Encode(), Token: me.token})
		case transitions:
			takeTransition(ctx, w, me.token, caseID)
		default:
			body, _ := json.Marshal(map[string]string{"assignee": me.id})
			_, _ = w.Do(ctx, "reassign", Request{Method: "PATCH", Path: "/api/collections/cases/records/" + caseID, Token: me.token, Body: body})
		}
	})
	return Summarize(samples, elapsed), write, nil
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
