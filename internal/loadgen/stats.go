package loadgen

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"
)

// Sample is one timed request.
type Sample struct {
	Kind    string // what was asked, e.g. "submit", "inbox"
	Latency time.Duration
	Status  int   // HTTP status; 0 with Err when no answer came
	Err     error // transport error (connection refused, reset, timeout)
}

// Summary sums up the samples of one kind.
type Summary struct {
	Kind                 string
	N                    int
	OK, C4xx, C5xx, Errs int // 2xx/3xx, 4xx, 5xx, no answer
	Statuses             map[int]int
	Elapsed              time.Duration // wall time of the phase
	P50, P90, P95, P99   time.Duration
	Max                  time.Duration
	FirstErr             string
	ServerCPU            time.Duration // CPU time the server used during the phase (0: unknown)
}

// CPUPerOp is the server's CPU time per request of the phase.
func (s Summary) CPUPerOp() time.Duration {
	if s.N == 0 {
		return 0
	}
	return s.ServerCPU / time.Duration(s.N)
}

// Rate is requests per second over the phase's wall time.
func (s Summary) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.N) / s.Elapsed.Seconds()
}

// Summarize groups samples by kind, in order of first appearance.
func Summarize(samples []Sample, elapsed time.Duration) []Summary {
	byKind := map[string][]Sample{}
	var order []string
	for _, s := range samples {
		if _, ok := byKind[s.Kind]; !ok {
			order = append(order, s.Kind)
		}
		byKind[s.Kind] = append(byKind[s.Kind], s)
	}
	out := make([]Summary, 0, len(order))
	for _, k := range order {
		out = append(out, summarize(k, byKind[k], elapsed))
	}
	return out
}

func summarize(kind string, samples []Sample, elapsed time.Duration) Summary {
	s := Summary{Kind: kind, N: len(samples), Elapsed: elapsed, Statuses: map[int]int{}}
	lat := make([]time.Duration, 0, len(samples))
	for _, x := range samples {
		switch {
		case x.Err != nil || x.Status == 0:
			s.Errs++
			if s.FirstErr == "" && x.Err != nil {
				s.FirstErr = x.Err.Error()
			}
		case x.Status >= 500:
			s.C5xx++
		case x.Status >= 400:
			s.C4xx++
		default:
			s.OK++
		}
		if x.Status != 0 {
			s.Statuses[x.Status]++
			lat = append(lat, x.Latency)
		}
	}
	slices.Sort(lat)
	s.P50, s.P90, s.P95, s.P99 = Percentile(lat, 50), Percentile(lat, 90), Percentile(lat, 95), Percentile(lat, 99)
	if len(lat) > 0 {
		s.Max = lat[len(lat)-1]
	}
	return s
}

// Percentile returns the nearest-rank percentile p (0–100) of sorted.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(p/100*float64(len(sorted))+0.999999) - 1
	return sorted[max(0, min(rank, len(sorted)-1))]
}

// Header is the column line of [Summary.Line].
const Header = "phase                     n     ok   4xx   5xx  err    req/s     p50     p90     p95     p99     max  cpu/req"

// Line formats s as one table row under [Header].
func (s Summary) Line(phase string) string {
	name := phase
	if s.Kind != "" && s.Kind != phase {
		name = phase + "/" + s.Kind
	}
	cpu := "-"
	if s.ServerCPU > 0 {
		cpu = ms(s.CPUPerOp())
	}
	return fmt.Sprintf("%-22s %6d %6d %5d %5d %4d %8.0f %7s %7s %7s %7s %7s %8s", trim(name, 22), s.N, s.OK, s.C4xx,
		s.C5xx, s.Errs, s.Rate(), ms(s.P50), ms(s.P90), ms(s.P95), ms(s.P99), ms(s.Max), cpu)
}

// StatusList formats the status counts, e.g. "201×980 400×20".
func (s Summary) StatusList() string {
	codes := make([]int, 0, len(s.Statuses))
	for c := range s.Statuses {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	parts := make([]string, 0, len(codes))
	for _, c := range codes {
		parts = append(parts, fmt.Sprintf("%d×%d", c, s.Statuses[c]))
	}
	return strings.Join(parts, " ")
}

// PrintTable writes summaries of one phase under a header.
func PrintTable(w io.Writer, phase string, sums []Summary) {
	for _, s := range sums {
		fmt.Fprintln(w, s.Line(phase))
	}
}

func ms(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return fmt.Sprintf("%.0fs", d.Seconds())
	case d >= 100*time.Millisecond:
		return fmt.Sprintf("%.0fms", float64(d)/1e6)
	case d >= time.Millisecond:
		return fmt.Sprintf("%.1fms", float64(d)/1e6)
	default:
		return fmt.Sprintf("%.2fms", float64(d)/1e6)
	}
}

func trim(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
