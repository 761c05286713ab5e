package loadgen

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// Staff who subscribe: every tenant admin and counsellor of the demo (FAU and
// VHS have only their admin).
var subscriberAccounts = []string{"admin@lift.demo", "beratung1@lift.demo", "beratung2@lift.demo",
	"admin@bwtw.demo", "beratung1@bwtw.demo", "beratung2@bwtw.demo", "admin@fau.demo", "admin@vhs.demo"}

// subscriber is one open realtime connection subscribed to cases/*.
type subscriber struct {
	tenant string // record id of the subscriber's Träger

	mu    sync.Mutex
	recv  map[string]time.Time // case reference → when it arrived
	leaks int                  // cases of another Träger (must stay 0)
	err   error
}

type caseEvent struct {
	Action string `json:"action"`
	Record struct {
		Reference string `json:"reference"`
		Tenant    string `json:"tenant"`
	} `json:"record"`
}

// subscribe opens GET /api/realtime, waits for the client id and subscribes
// to cases/* with token; the stream is read until ctx ends.
func subscribe(ctx context.Context, c *Client, sse *http.Client, token, tenant string) (*subscriber, error) {
	req, _ := http.NewRequestWithContext(ctx, "GET", c.Base+"/api/realtime", nil)
	req.Header.Set("Accept", "text/event-stream")
	res, err := sse.Do(req)
	if err != nil {
		return nil, err
	}
	if res.StatusCode != 200 {
		res.Body.Close()
		return nil, fmt.Errorf("realtime: status %d", res.StatusCode)
	}
	rd := bufio.NewReader(res.Body)
	name, data, err := readEvent(rd)
	if err != nil || name != "PB_CONNECT" {
		res.Body.Close()
		return nil, fmt.Errorf("realtime: no PB_CONNECT (%q, %v)", name, err)
	}
	var hello struct {
		ClientID string `json:"clientId"`
	}
	_ = json.Unmarshal(data, &hello)
	if err := c.JSON(ctx, "POST", "/api/realtime", token,
		map[string]any{"clientId": hello.ClientID, "subscriptions": []string{"cases/*"}}, nil); err != nil {
		res.Body.Close()
		return nil, err
	}
	s := &subscriber{tenant: tenant, recv: map[string]time.Time{}}
	go func() {
		defer res.Body.Close()
		for {
			name, data, err := readEvent(rd)
			if err != nil {
				if ctx.Err() == nil {
					s.mu.Lock()
					s.err = err
					s.mu.Unlock()
				}
				return
			}
			if name != "cases/*" {
				continue
			}
			now := time.Now()
			var ev caseEvent
			if json.Unmarshal(data, &ev) != nil || ev.Action != "create" {
				continue
			}
			s.mu.Lock()
			if ev.Record.Tenant != s.tenant {
				s.leaks++
			} else if _, seen := s.recv[ev.Record.Reference]; !seen {
				s.recv[ev.Record.Reference] = now
			}
			s.mu.Unlock()
		}
	}()
	return s, nil
}

// readEvent reads one server-sent event (event name and data).
func readEvent(rd *bufio.Reader) (string, []byte, error) {
	var name string
	var data bytes.Buffer
	for {
		line, err := rd.ReadString('\n')
		if err != nil {
			if err == io.EOF && data.Len() > 0 {
				return name, data.Bytes(), nil
			}
			return "", nil, err
		}
		line = strings.TrimRight(line, "\r\n")
		switch {
		case line == "":
			if name != "" || data.Len() > 0 {
				return name, data.Bytes(), nil
			}
		case strings.HasPrefix(line, "event:"):
			name = strings.TrimSpace(line[6:])
		case strings.HasPrefix(line, "data:"):
			data.WriteString(strings.TrimPrefix(line[5:], " "))
		}
	}
}

// RealtimeReport is what the subscribers saw.
type RealtimeReport struct {
	Subscribers        int
	Rate               float64
	Publish            Summary // the registrations sent while they listened
	Expected           int     // deliveries due: each new case to each subscriber of its Träger
	Delivered          int
	Leaks              int // deliveries to another Träger's staff (must be 0)
	Broken             int // streams that ended early
	P50, P95, P99, Max time.Duration
	ServerCPU          time.Duration // the server's CPU time while publishing and delivering
	Acked              []Ack
}

// Print writes the report.
func (r *RealtimeReport) Print(w io.Writer) {
	fmt.Fprintln(w, r.Publish.Line("rt-publish"))
	fmt.Fprintf(w, "realtime: %d subscribers, %.0f registrations/s: delivered %d of %d (%.2f %%), leaks %d, broken streams %d\n",
		r.Subscribers, r.Rate, r.Delivered, r.Expected, 100*float64(r.Delivered)/float64(max(1, r.Expected)), r.Leaks, r.Broken)
	fmt.Fprintf(w, "  delivery latency (request sent → event received): p50 %s  p95 %s  p99 %s  max %s\n",
		ms(r.P50), ms(r.P95), ms(r.P99), ms(r.Max))
	if r.ServerCPU > 0 && r.Delivered > 0 {
		fmt.Fprintf(w, "  server CPU %s per registration with its %.1f deliveries\n",
			ms(r.ServerCPU/time.Duration(max(1, len(r.Acked)))), float64(r.Delivered)/float64(max(1, len(r.Acked))))
	}
}

// Problems lists correctness failures.
func (r *RealtimeReport) Problems() []string {
	var p []string
	if r.Leaks > 0 {
		p = append(p, fmt.Sprintf("realtime: %d cases reached another Träger's staff", r.Leaks))
	}
	if r.Delivered < r.Expected {
		p = append(p, fmt.Sprintf("realtime: %d of %d deliveries missing", r.Expected-r.Delivered, r.Expected))
	}
	if r.Broken > 0 {
		p = append(p, fmt.Sprintf("realtime: %d streams broke", r.Broken))
	}
	if r.Publish.C5xx+r.Publish.Errs > 0 {
		p = append(p, fmt.Sprintf("realtime publishers: %s (%s)", r.Publish.StatusList(), r.Publish.FirstErr))
	}
	return p
}

// Realtime opens n subscribers (staff of all four Träger, subscribed to
// cases/*), sends registrations at rate per second for d, and measures how
// many new cases reached whom, and how fast.
func Realtime(ctx context.Context, env *Env, n int, rate float64, d time.Duration) (*RealtimeReport, error) {
	ids, err := env.C.LookupTenants(ctx, env.SU)
	if err != nil {
		return nil, err
	}
	var accounts []Account
	for _, email := range subscriberAccounts {
		a, err := env.C.Login(ctx, "users", email, env.DemoPassword)
		if err != nil {
			return nil, err
		}
		accounts = append(accounts, a)
	}
	subCtx, stopSubs := context.WithCancel(ctx)
	defer stopSubs()
	sse := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: n + 8, DisableCompression: true}}
	subs := make([]*subscriber, 0, n)
	perTenant := map[string]int{}
	for i := range n {
		a := accounts[i%len(accounts)]
		s, err := subscribe(subCtx, env.C, sse, a.Token, a.Tenant)
		if err != nil {
			return nil, fmt.Errorf("subscriber %d: %w", i, err)
		}
		subs = append(subs, s)
		perTenant[a.Tenant]++
	}

	total := int(rate*d.Seconds()) + 16
	pows, err := env.C.FetchPows(ctx, total, 16)
	if err != nil {
		return nil, err
	}
	run := RunID("rt")
	cpu0 := env.CPU()
	var mu sync.Mutex
	sent := map[string]time.Time{} // reference → request start
	rep := &RealtimeReport{Subscribers: n, Rate: rate}
	samples, elapsed := Paced(ctx, env.C, rate, d, 32, func(ctx context.Context, w *Worker) {
		if w.Seq >= len(pows) {
			return
		}
		reg := NewRegistration(w.Rand, run, w.Seq)
		start := time.Now()
		res, err := w.Do(ctx, "submit", reg.Request(pows[w.Seq]))
		if err != nil || res.Status != 201 {
			return
		}
		a := Ack{Tenant: reg.Tenant, Key: reg.Key}
		if json.Unmarshal(res.Body, &a) == nil {
			mu.Lock()
			sent[a.Reference] = start
			rep.Acked = append(rep.Acked, a)
			mu.Unlock()
		}
	})
	rep.Publish = summarize("submit", samples, elapsed)
	for _, a := range rep.Acked {
		rep.Expected += perTenant[ids[a.Tenant].Tenant]
	}
	deadline := time.Now().Add(10 * time.Second)
	var lat []time.Duration
	for {
		lat, rep.Delivered, rep.Leaks, rep.Broken = lat[:0], 0, 0, 0
		for _, s := range subs {
			s.mu.Lock()
			for ref, at := range s.recv {
				if start, ok := sent[ref]; ok {
					lat = append(lat, at.Sub(start))
					rep.Delivered++
				}
			}
			rep.Leaks += s.leaks
			if s.err != nil {
				rep.Broken++
			}
			s.mu.Unlock()
		}
		if rep.Delivered >= rep.Expected || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	rep.ServerCPU = env.CPU() - cpu0
	rep.Publish.ServerCPU = rep.ServerCPU
	slices.Sort(lat)
	rep.P50, rep.P95, rep.P99 = Percentile(lat, 50), Percentile(lat, 95), Percentile(lat, 99)
	if len(lat) > 0 {
		rep.Max = lat[len(lat)-1]
	}
	return rep, nil
}
