package loadgen

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"
)

// Worker is one load client: it sends one request after another and keeps
// its own samples (merged when the phase ends, so recording takes no lock).
type Worker struct {
	ID      int
	Seq     int // number of the current operation within the phase (0, 1, …)
	Rand    *rand.Rand
	C       *Client
	samples []Sample
}

func newWorker(id int, c *Client, start time.Time) *Worker {
	return &Worker{ID: id, C: c, Rand: rand.New(rand.NewPCG(uint64(id)+1, uint64(start.UnixNano())))}
}

// Do sends r, times it and records the sample under kind.
func (w *Worker) Do(ctx context.Context, kind string, r Request) (Response, error) {
	start := time.Now()
	res, err := w.C.Send(ctx, r)
	w.Record(kind, time.Since(start), res.Status, err)
	return res, err
}

// Record adds a sample measured by the caller.
func (w *Worker) Record(kind string, latency time.Duration, status int, err error) {
	w.samples = append(w.samples, Sample{Kind: kind, Latency: latency, Status: status, Err: err})
}

// Load describes a closed-loop phase: Clients workers, each starting its next
// operation as soon as the last one is answered, until Total operations were
// started or Duration has passed (whichever is set, or first).
type Load struct {
	Clients  int
	Duration time.Duration
	Total    int
}

// Op is one operation of a worker; it records its own samples via w.Do.
type Op func(ctx context.Context, w *Worker)

// Run runs op under l and returns every sample and the phase's wall time.
// Cancelling ctx stops the phase early (requests in flight are abandoned).
func (l Load) Run(ctx context.Context, c *Client, op Op) ([]Sample, time.Duration) {
	if l.Duration > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, l.Duration)
		defer cancel()
	}
	var next atomic.Int64
	workers := make([]*Worker, max(1, l.Clients))
	var wg sync.WaitGroup
	start := time.Now()
	for i := range workers {
		w := newWorker(i, c, start)
		workers[i] = w
		wg.Go(func() {
			for ctx.Err() == nil {
				seq := int(next.Add(1) - 1)
				if l.Total > 0 && seq >= l.Total {
					return
				}
				w.Seq = seq
				op(ctx, w)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all []Sample
	for _, w := range workers {
		for _, s := range w.samples {
			// A request cut off by the end of the phase is not a failure of
			// the server: leave it out.
			if s.Err != nil && (errors.Is(s.Err, context.DeadlineExceeded) || errors.Is(s.Err, context.Canceled)) {
				continue
			}
			all = append(all, s)
		}
	}
	return all, elapsed
}

// Paced runs op at a fixed rate (open loop) for d, with at most workers
// operations in flight; it is used where the arrival rate, not the server's
// speed, should set the pace (e.g. publishers for realtime subscribers).
func Paced(ctx context.Context, c *Client, rate float64, d time.Duration, workers int, op Op) ([]Sample, time.Duration) {
	tickCtx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	ticks := make(chan int, workers*4)
	ws := make([]*Worker, workers)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range ws {
		w := newWorker(i, c, start)
		ws[i] = w
		wg.Go(func() {
			for seq := range ticks {
				w.Seq = seq
				op(ctx, w)
			}
		})
	}
	interval := time.Duration(float64(time.Second) / rate)
	for seq := 0; ; seq++ {
		at := start.Add(time.Duration(seq) * interval)
		if wait := time.Until(at); wait > 0 {
			select {
			case <-tickCtx.Done():
			case <-time.After(wait):
			}
		}
		if tickCtx.Err() != nil {
			break
		}
		ticks <- seq
	}
	close(ticks)
	wg.Wait()
	elapsed := time.Since(start)
	var all []Sample
	for _, w := range ws {
		all = append(all, w.samples...)
	}
	return all, elapsed
}
