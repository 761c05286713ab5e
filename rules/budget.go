package rules

import (
	"errors"
	"time"
)

// Limits bound one evaluation: all programs run against one [Env] between
// [Env.Begin] calls share them.
type Limits struct {
	// MaxOps is the number of loop iterations (predicate bodies) allowed.
	MaxOps int
	// Timeout is the wall-clock time allowed, checked inside loops.
	Timeout time.Duration
	// MemoryBudget is expr's VM memory budget per program run, counted in
	// list elements (ranges, literals, map/filter results).
	MemoryBudget uint
	// MaxString is the longest text (in bytes) a rule may build.
	MaxString int
	// MaxStringTotal is the number of text bytes all rules may build.
	MaxStringTotal int
}

// DefaultLimits are the limits used when a zero Limits is given.
var DefaultLimits = Limits{
	MaxOps:         10_000,
	Timeout:        50 * time.Millisecond,
	MemoryBudget:   100_000,
	MaxString:      64 << 10,
	MaxStringTotal: 1 << 20,
}

// Errors that stop an evaluation. They are wrapped in an [*EvalError].
var (
	ErrOpLimit       = errors.New("rule stopped: too many steps")
	ErrDeadline      = errors.New("rule stopped: took too long")
	ErrStringTooLong = errors.New("rule stopped: text too long")
	ErrMemory        = errors.New("rule stopped: memory budget exceeded")
)

// evalCtx is injected into the env of every program as "__ctx": the clock of
// the evaluation and its budget. It has no exported fields or methods, so a
// rule cannot do anything with it but pass it to the engine's functions.
type evalCtx struct {
	now, today       time.Time
	nowAny, todayAny any
	ops, maxOps      int
	deadline         time.Time
	bytes            int
	lim              Limits
	err              error
}

func (c *evalCtx) begin(now time.Time, lim Limits) {
	now = now.In(berlin)
	y, m, d := now.Date()
	c.now, c.today = now, time.Date(y, m, d, 0, 0, 0, 0, berlin)
	c.nowAny, c.todayAny = c.now, c.today
	c.ops, c.maxOps, c.bytes = 0, lim.MaxOps, 0
	c.deadline = time.Now().Add(lim.Timeout)
	c.lim = lim
	c.err = nil
}

// tick is called at the start of every loop iteration.
func (c *evalCtx) tick() error {
	c.ops++
	if c.ops > c.maxOps {
		c.err = ErrOpLimit
	} else if c.ops&7 == 0 && time.Now().After(c.deadline) {
		c.err = ErrDeadline
	}
	return c.err
}

// grow charges n bytes of text a rule is about to build.
func (c *evalCtx) grow(n int) error {
	c.bytes += n
	if n > c.lim.MaxString || c.bytes > c.lim.MaxStringTotal {
		c.err = ErrStringTooLong
	}
	return c.err
}

func (l Limits) orDefault() Limits {
	if l == (Limits{}) {
		return DefaultLimits
	}
	return l
}
