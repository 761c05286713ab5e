package rules

import (
	"sync"
	"time"

	"github.com/expr-lang/expr/vm"
)

// Env is the input of one evaluation: a value and an answered flag for every
// schema name, the clock and the budget. Fill it after [Env.Begin], run any
// number of programs compiled against the same schema, and call
// [Env.Release] when done. An Env is not safe for concurrent use; reuse it
// (for example from a sync.Pool) rather than allocating one per evaluation.
type Env struct {
	vars     map[string]any
	zero     []slot
	flagKeys map[string]string // answered path -> env key
	ctx      evalCtx
	lim      Limits
	vm       *vm.VM
}

type slot struct {
	key  string
	zero any
}

// vmPool holds VMs: a *vm.Program is shared, a VM is not.
var vmPool = sync.Pool{New: func() any { return new(vm.VM) }}

// NewEnv returns an Env for programs compiled against schema. A zero
// Limits means [DefaultLimits]. When programs are given, the Env runs only
// those and keeps only the answered flags they read, which makes filling
// it cheaper.
func NewEnv(schema Schema, lim Limits, programs ...*Program) *Env {
	e := &Env{lim: lim.orDefault(), flagKeys: map[string]string{}}
	for name, t := range schema {
		e.zero = append(e.zero, slot{name, t.Zero()})
	}
	paths := schema.answerablePaths()
	if len(programs) > 0 {
		paths = nil
		for _, p := range programs {
			paths = append(paths, p.answered...)
		}
	}
	for _, p := range paths {
		if _, dup := e.flagKeys[p]; !dup {
			e.flagKeys[p] = answeredPrefix + p
			e.zero = append(e.zero, slot{answeredPrefix + p, false})
		}
	}
	e.vars = make(map[string]any, len(e.zero)+1)
	e.vars[ctxName] = &e.ctx
	e.Begin(time.Now())
	return e
}

// Begin starts an evaluation at the given time: a fresh budget and deadline,
// and every value unanswered (its typed zero value).
func (e *Env) Begin(now time.Time) {
	e.Reset(now)
	for _, s := range e.zero {
		e.vars[s.key] = s.zero
	}
}

// Reset starts an evaluation like Begin but keeps the values, for a caller
// that sets every value and answered flag anew anyway (it saves a write
// per name).
func (e *Env) Reset(now time.Time) { e.ctx.begin(now, e.lim) }

// Set sets a value and whether it was answered. The value must have the
// run-time form of its schema type: string, float64, bool, time.Time (see
// [ParseDate]), []any of strings, []any of map[string]any with every field
// set, or map[string]any. nil sets the typed zero value.
func (e *Env) Set(name string, v any, answered bool) {
	if v == nil {
		v = e.zeroOf(name)
	}
	e.vars[name] = v
	e.SetAnswered(name, answered)
}

// SetAnswered sets the answered flag of a name or of object.field.
func (e *Env) SetAnswered(path string, answered bool) {
	if key, ok := e.flagKeys[path]; ok {
		e.vars[key] = answered
	}
}

// Value returns the current value of a name.
func (e *Env) Value(name string) any { return e.vars[name] }

// Today returns the evaluation's date (midnight Europe/Berlin).
func (e *Env) Today() time.Time { return e.ctx.today }

// Release returns the Env's VM to the pool; the Env stays usable.
func (e *Env) Release() {
	if e.vm != nil {
		vmPool.Put(e.vm)
		e.vm = nil
	}
}

func (e *Env) machine() *vm.VM {
	if e.vm == nil {
		e.vm = vmPool.Get().(*vm.VM)
	}
	e.vm.MemoryBudget = e.lim.MemoryBudget
	return e.vm
}

func (e *Env) zeroOf(name string) any {
	for _, s := range e.zero {
		if s.key == name {
			return s.zero
		}
	}
	return nil
}
