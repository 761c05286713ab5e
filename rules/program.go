package rules

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/vm"
)

// Program is a compiled rule. It is immutable and safe for concurrent use.
type Program struct {
	source   string
	kind     Kind
	paths    []string
	deps     []string
	answered []string // the paths answered() asks about
	prog     *vm.Program
}

// Source returns the rule as written.
func (p *Program) Source() string { return p.source }

// Kind returns the kind of result the program gives.
func (p *Program) Kind() Kind { return p.kind }

// Deps returns the top-level names the rule reads, sorted. answered(x)
// counts as reading x.
func (p *Program) Deps() []string { return p.deps }

// Paths returns what the rule reads in more detail: top-level names and
// name.field where a field of an object is read by its literal name.
func (p *Program) Paths() []string { return p.paths }

// EvalError is a rule that failed while running: the budget ran out, a text
// got too long, or an operation failed (such as an index out of range).
type EvalError struct {
	Diagnostic
	// Err is one of ErrOpLimit, ErrDeadline, ErrStringTooLong, ErrMemory,
	// or nil for other failures.
	Err error
}

func (e *EvalError) Error() string {
	return fmt.Sprintf("%s (%d:%d)", e.Message, e.Line, e.Column)
}

func (e *EvalError) Unwrap() error { return e.Err }

// Eval runs the program against env and returns its result: bool, float64,
// string or time.Time by the program's kind.
func (p *Program) Eval(env *Env) (any, error) {
	if env.ctx.err != nil { // the evaluation's budget is spent
		return nil, &EvalError{Diagnostic: at(p.source, CodeType, env.ctx.err.Error(), 0, 0), Err: env.ctx.err}
	}
	out, err := env.machine().Run(p.prog, env.vars)
	if err != nil {
		return nil, p.evalError(err, env)
	}
	return p.convert(out)
}

// EvalBool runs a program of kind Bool.
func (p *Program) EvalBool(env *Env) (bool, error) {
	out, err := p.Eval(env)
	b, _ := out.(bool)
	return b, err
}

func (p *Program) evalError(err error, env *Env) error {
	var fe *file.Error
	if !errors.As(err, &fe) {
		return &EvalError{Diagnostic: at(p.source, CodeType, err.Error(), 0, 0)}
	}
	cause := env.ctx.err
	if cause == nil && fe.Message == "memory budget exceeded" {
		cause = ErrMemory
	}
	msg := humanize(fe.Message)
	if cause != nil {
		msg = cause.Error()
	}
	return &EvalError{Diagnostic: at(p.source, CodeType, msg, fe.From, fe.To), Err: cause}
}

// convert checks a result against the program's kind; numbers become
// float64 and must be finite (x/0 gives +Inf in expr).
func (p *Program) convert(out any) (any, error) {
	ok := true
	switch p.kind {
	case Bool:
		_, ok = out.(bool)
	case String:
		_, ok = out.(string)
	case Date:
		_, ok = out.(time.Time)
	case Number:
		var f float64
		f, ok = NumberOf(out)
		if ok && (math.IsInf(f, 0) || math.IsNaN(f)) {
			return nil, &EvalError{Diagnostic: at(p.source, CodeResultType, "the rule gives no finite number (division by zero?)", 0, 0)}
		}
		out = f
	}
	if !ok {
		return nil, &EvalError{Diagnostic: at(p.source, CodeResultType,
			fmt.Sprintf("the rule must give a %s, but gave %s", p.kind, humanize(fmt.Sprintf("%T", out))), 0, 0)}
	}
	return out, nil
}

// NumberOf converts the number forms decoded JSON and rules produce
// (float64, int, int64, float32, json.Number) to float64.
func NumberOf(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case float32:
		return float64(n), true
	case json.Number:
		f, err := strconv.ParseFloat(string(n), 64)
		return f, err == nil
	}
	return 0, false
}
