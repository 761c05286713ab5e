package forms

import (
	"strconv"
	"time"

	"github.com/multipotenzial/multipotenzial/rules"
)

// Options of one evaluation.
type Options struct {
	// Language of the messages; one of the form's languages, else German.
	Language string
	// Now is the time rules see (today(), age(…)); zero means time.Now().
	Now time.Time
}

// state is one evaluation of a form: the decoded answers, what is hidden,
// and the errors found.
type state struct {
	f         *Form
	env       *rules.Env
	lang      string
	full      bool // Validate: report missing required answers too
	vals      []slot
	rows      [][]*row // repeat groups: their rows, by field index
	secHidden []bool
	required  []string
	errs      FieldErrors
	ruleErrs  []RuleError
}

// path is the answer path of a field: key, group[row] or group[row].key.
// It is built into a string only when needed (an error, a list entry).
type path struct {
	group string // the repeat group; "" at top level
	row   int
	key   string
}

func (p path) String() string {
	if p.group == "" {
		return p.key
	}
	s := p.group + "[" + strconv.Itoa(p.row) + "]"
	if p.key != "" {
		s += "." + p.key
	}
	return s
}

// slot is one answer in the evaluation.
type slot struct {
	value    any // the value in rules; dates are time.Time
	answered bool
	hidden   bool
	failed   bool // the answer was rejected (its error is reported)
}

// row is one row of a repeat group.
type row struct {
	vals []slot
	obj  map[string]any // the row as rules see it (item, list element)
}

// newState takes a state from the form's pool; its slices and rules env
// are reused, everything it hands out (required, errors) is new.
func (f *Form) newState(opts Options, full bool) *state {
	st, _ := f.states.Get().(*state)
	if st == nil {
		st = &state{
			f:         f,
			env:       rules.NewEnv(f.envSchema, rules.Limits{}, f.programs...),
			vals:      make([]slot, len(f.fields)),
			rows:      make([][]*row, len(f.fields)),
			secHidden: make([]bool, len(f.sections)),
		}
	}
	st.full, st.lang = full, f.language(opts.Language)
	st.required, st.errs, st.ruleErrs = nil, FieldErrors{}, nil
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	st.env.Reset(now) // run() sets every value
	return st
}

// release returns the state to the form's pool.
func (st *state) release() {
	st.env.Release()
	clear(st.vals)
	clear(st.rows)
	clear(st.secHidden)
	st.required, st.errs, st.ruleErrs = nil, nil, nil
	st.f.states.Put(st)
}

// fail records the first problem of a path.
func (st *state) fail(path string, p *problem) {
	if _, ok := st.errs[path]; !ok {
		st.errs[path] = p.fieldError(st.lang)
	}
}

// decodeAnswers checks the answers' keys, sizes and types and fills the
// slots. Calculated fields are never taken from the client.
func (st *state) decodeAnswers(answers map[string]any) {
	if answersSize(answers, 0) > MaxAnswersBytes {
		st.fail(FormPath, fail(CodeAnswersTooLarge))
		return
	}
	for key, raw := range answers {
		fd := st.f.byKey[key]
		switch {
		case fd == nil || fd.def.Type == TypeInfo:
			st.fail(key, fail(CodeUnknownField))
		case fd.def.Type == TypeCalculated:
		case fd.def.Type == TypeRepeat:
			st.decodeRows(fd, raw)
		default:
			st.vals[fd.index] = st.decodeSlot(fd, path{key: key}, raw)
		}
	}
}

func (st *state) decodeSlot(fd *field, at path, raw any) slot {
	v, answered, p := fd.decode(raw)
	if p != nil {
		st.fail(at.String(), p)
		return slot{failed: true}
	}
	return slot{value: v, answered: answered}
}

func (st *state) decodeRows(g *field, raw any) {
	s := &st.vals[g.index]
	if raw == nil {
		return
	}
	list, ok := raw.([]any)
	switch {
	case !ok:
		st.fail(g.key, fail(CodeType))
		s.failed = true
		return
	case len(list) > g.hardCap():
		st.fail(g.key, failN(CodeMaxItems, float64(g.hardCap())))
		s.failed = true
		return
	}
	rows := make([]*row, len(list))
	for i, r := range list {
		rows[i] = st.decodeRow(g, path{group: g.key, row: i}, r)
	}
	st.rows[g.index] = rows
	s.answered = len(rows) > 0
}

func (st *state) decodeRow(g *field, at path, raw any) *row {
	rw := &row{vals: make([]slot, len(g.sub)), obj: make(map[string]any, len(g.sub))}
	for _, sub := range g.sub {
		rw.obj[sub.key] = sub.zero
	}
	m, ok := raw.(map[string]any)
	if !ok && raw != nil {
		st.fail(at.String(), fail(CodeType))
	}
	for key, v := range m {
		sub := g.subByKey[key]
		at.key = key
		switch {
		case sub == nil || sub.def.Type == TypeInfo:
			st.fail(at.String(), fail(CodeUnknownField))
		case sub.def.Type == TypeCalculated:
		default:
			rw.vals[sub.index] = st.decodeSlot(sub, at, v)
			if rw.vals[sub.index].answered {
				rw.obj[key] = rw.vals[sub.index].value
			}
		}
	}
	return rw
}

// answersSize estimates the size of the answers as JSON, stopping early
// once over the limit; deep nesting counts as too large.
func answersSize(v any, depth int) int {
	if depth > 4 {
		return MaxAnswersBytes + 1
	}
	size := 8
	switch x := v.(type) {
	case string:
		size += len(x)
	case []any:
		for _, e := range x {
			if size += answersSize(e, depth+1); size > MaxAnswersBytes {
				return size
			}
		}
	case map[string]any:
		for k, e := range x {
			if size += len(k) + answersSize(e, depth+1); size > MaxAnswersBytes {
				return size
			}
		}
	}
	return size
}
