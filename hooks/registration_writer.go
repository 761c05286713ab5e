package hooks

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// maxRegistrationBatch caps how many registrations share one transaction:
// other writers (a transition, a timer) wait at most for this many.
const maxRegistrationBatch = 32

// errWriterStopped answers registrations that arrive while the app shuts down.
var errWriterStopped = errors.New("the registration writer has stopped")

// registrationWriter stores registrations that arrive together in one
// transaction (group commit). SQLite has one writer at a time, and a commit
// costs more than the inserts of a registration: fifty phones sending at once
// would otherwise queue for fifty commits. Nothing waits on purpose: the
// writer takes whatever has queued while it wrote the previous batch, one
// registration when the server is quiet.
//
// Each registration runs in a savepoint of its own, so one that fails (an
// email address a record field refuses, a lost idempotency race) rolls back
// alone; a handler gets its answer only after the commit, so an acknowledged
// registration is on disk.
type registrationWriter struct {
	app     core.App
	queue   chan *pendingRegistration // unbuffered: a send succeeds only while the writer runs
	start   sync.Once
	stop    chan struct{}
	stopped chan struct{}
	// checkpoints is asked to copy the WAL back after each batch.
	checkpoints *walCheckpointer

	// gate is held while a batch is written (tests hold it to queue a batch).
	gate sync.Mutex
	// Counters: registrations handed to the writer, batches written,
	// registrations rolled back to their savepoint.
	entered, batches, rolledBack atomic.Int64
}

type pendingRegistration struct {
	rows   *directInsertApp // the registration's rows, built by the request
	stored *Stored
	now    time.Time
	done   chan registrationResult
}

type registrationResult struct {
	stored *Stored
	err    error
}

func newRegistrationWriter(app core.App, checkpoints *walCheckpointer) *registrationWriter {
	w := &registrationWriter{app: app, checkpoints: checkpoints, queue: make(chan *pendingRegistration),
		stop: make(chan struct{}), stopped: make(chan struct{})}
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		w.shutdown()
		return e.Next()
	})
	return w
}

// Store writes reg on behalf of actor and returns once it has committed.
// Registrations with files take their own transaction (Store hands them to
// StoreRegistration): PocketBase writes files on Save and could not take them
// back for a registration whose savepoint rolls back.
func (w *registrationWriter) Store(reg Registration, actor Actor) (*Stored, error) {
	if len(reg.Files) > 0 {
		return StoreRegistration(As(w.app, actor), reg)
	}
	// Build and validate the rows here, in the request's goroutine: the
	// writer is one goroutine for all requests.
	rows := newBufferingApp(w.app, actor)
	stored, err := writeRegistration(rows, reg)
	if err != nil {
		return nil, err
	}
	w.start.Do(func() { go w.run() })
	w.entered.Add(1)
	p := &pendingRegistration{rows: rows, stored: stored, now: reg.Now, done: make(chan registrationResult, 1)}
	select {
	case w.queue <- p:
	case <-w.stopped:
		return nil, errWriterStopped
	}
	r := <-p.done
	return r.stored, r.err
}

func (w *registrationWriter) run() {
	defer close(w.stopped)
	for {
		select {
		case <-w.stop:
			return
		case p := <-w.queue:
			batch := []*pendingRegistration{p}
		drain:
			for len(batch) < maxRegistrationBatch {
				select {
				case p := <-w.queue:
					batch = append(batch, p)
				default:
					break drain
				}
			}
			w.write(batch)
		}
	}
}

// shutdown stops the writer after the batch it is writing.
func (w *registrationWriter) shutdown() {
	select {
	case <-w.stop:
	default:
		close(w.stop)
	}
}

// write stores batch in one transaction, each registration in a savepoint.
func (w *registrationWriter) write(batch []*pendingRegistration) {
	w.gate.Lock()
	defer w.gate.Unlock()
	w.batches.Add(1)
	prepareInserts(w.app, registrationCollections...)
	results := make([]registrationResult, len(batch))
	written := make([]*directInsertApp, len(batch))
	err := w.app.RunInTransaction(func(tx core.App) error {
		var head *auditHead // the audit chain's head, read by the first registration
		for i, p := range batch {
			d, stored, err := writeInSavepoint(tx, p, head)
			if errors.Is(err, errSavepoint) {
				return err
			}
			results[i], written[i] = registrationResult{stored: stored, err: err}, d
			if err == nil {
				head = d.head
			} else {
				w.rolledBack.Add(1)
			}
		}
		return nil
	})
	w.checkpoints.kick()
	for i, p := range batch {
		switch {
		case err != nil:
			results[i] = registrationResult{err: err}
		case results[i].err == nil:
			written[i].afterCommit(w.app)
		}
		p.done <- results[i]
	}
}

// The savepoint of one registration in the writer's transaction.
const (
	savepointSQL  = "SAVEPOINT registration"
	releaseSQL    = "RELEASE registration"
	rollbackToSQL = "ROLLBACK TO registration"
)

// errSavepoint marks a failure of the savepoint itself: the transaction is
// unusable and the whole batch fails.
var errSavepoint = errors.New("registration savepoint")

func writeInSavepoint(tx core.App, p *pendingRegistration, head *auditHead) (*directInsertApp, *Stored, error) {
	exec := func(sql string) error {
		var err error
		if stmt := txStmt(tx, sql); stmt != nil {
			_, err = stmt.Exec()
		} else {
			_, err = tx.DB().NewQuery(sql).Execute()
		}
		if err != nil {
			return errors.Join(errSavepoint, err)
		}
		return nil
	}
	if err := exec(savepointSQL); err != nil {
		return nil, nil, err
	}
	d := p.rows
	d.head = head
	err := d.apply(tx, p.now)
	if err != nil {
		if rerr := exec(rollbackToSQL); rerr != nil {
			return nil, nil, rerr
		}
	}
	if rerr := exec(releaseSQL); rerr != nil {
		return nil, nil, rerr
	}
	if err != nil {
		return nil, nil, err
	}
	return d, p.stored, nil
}
