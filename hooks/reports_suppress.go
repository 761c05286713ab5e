package hooks

import (
	"fmt"
	"math"
	"slices"
)

// Statistical disclosure control of the network report (docs/REPORTING.md):
// counts of 1 to 4 are suppressed ("<5", primary), and further counts ("x",
// secondary) until no suppressed count can be recomputed from the published
// ones. What a reader can use are additive lines: the cells of a row or
// column and their total, tables that share a total (the same key), and the
// stock-flow identity of places in use, entries and exits.

// suppressBelow is the smallest count shown: 1 to suppressBelow-1 are hidden.
const suppressBelow = 5

// Suppression states of a cell.
const (
	suppressedPrimary   = "primary"   // a count of 1 to 4, shown as "<5"
	suppressedSecondary = "secondary" // hidden so that no "<5" can be recomputed, shown as "x"
)

// sdcTerm is one published count in a relation.
type sdcTerm struct {
	key  string
	coef float64 // +1 or -1
}

// sdcLine is a relation a reader can use: the sum of coef·count is zero
// (e.g. the cells of a row minus the row's total).
type sdcLine []sdcTerm

// sdc is one suppression run. Keys are visited in the order they were
// first added, so the result is deterministic.
type sdc struct {
	value    map[string]int
	order    []string
	index    map[string]int // position in order
	totals   map[string]bool
	lines    []sdcLine
	linesOf  map[string][]int
	state    map[string]string
	accepted map[string]bool // cannot be protected further (docs/REPORTING.md)
	wide     map[string]bool // a "<5" given up on keeping all of 1 to 4
	lo, hi   map[string]float64
	err      error // a figure with two values or a line with an unknown one
}

func newSDC() *sdc {
	return &sdc{value: map[string]int{}, index: map[string]int{}, totals: map[string]bool{},
		linesOf: map[string][]int{}, state: map[string]string{}, accepted: map[string]bool{}, wide: map[string]bool{}}
}

// add registers a published count; a key that comes again must carry the
// same value (it is the same figure in another table).
func (s *sdc) add(key string, n int) {
	if old, ok := s.value[key]; ok {
		if old != n && s.err == nil {
			s.err = fmt.Errorf("reports: %s is %d and %d", key, old, n)
		}
		return
	}
	s.value[key] = n
	s.index[key] = len(s.order)
	s.order = append(s.order, key)
}

// line adds a relation between registered counts.
func (s *sdc) line(l sdcLine) {
	for _, t := range l {
		if _, ok := s.value[t.key]; !ok && s.err == nil {
			s.err = fmt.Errorf("reports: line with the unknown figure %s", t.key)
		}
		s.linesOf[t.key] = append(s.linesOf[t.key], len(s.lines))
	}
	s.lines = append(s.lines, l)
}

// sum adds the line "the inner cells add up to total".
func (s *sdc) sum(total string, inner ...string) {
	l := make(sdcLine, 0, len(inner)+1)
	for _, k := range inner {
		l = append(l, sdcTerm{k, 1})
	}
	s.totals[total] = true
	s.line(append(l, sdcTerm{total, -1}))
}

// run decides which cells are suppressed and returns key → state. First
// every suppressed cell must keep more than one possible value (by bounds
// and by linear algebra); then, where a few more suppressed counts in its
// own lines achieve it, a "<5" should keep all of 1 to 4.
func (s *sdc) run() map[string]string {
	for _, k := range s.order {
		if n := s.value[k]; n >= 1 && n < suppressBelow {
			s.state[k] = suppressedPrimary
		}
	}
	// Each round suppresses one more cell or gives up on one: it ends.
	for range 3*len(s.order) + 3 {
		if k := s.pinned(); k != "" {
			s.protect(k, true)
			continue
		}
		if k := s.determined(); k != "" {
			s.protect(k, false)
			continue
		}
		if k := s.confined(); k != "" {
			s.widen(k)
			continue
		}
		break
	}
	return s.state
}

// pinned returns a suppressed cell a reader can fix to one value by
// propagating bounds through the lines ("<5" counts as 1 to 4, "x" as 5 or
// more, shown cells as themselves): a "<5" first, then an "x" (it would be as
// good as shown and pin others).
func (s *sdc) pinned() string {
	s.propagate()
	for _, want := range []string{suppressedPrimary, suppressedSecondary} {
		for _, k := range s.order {
			if s.state[k] == want && !s.accepted[k] && s.lo[k] >= s.hi[k] {
				return k
			}
		}
	}
	return ""
}

// confined returns a "<5" the bounds confine to fewer than the values 1 to 4
// (say 1 to 2) that has not been given up on.
func (s *sdc) confined() string {
	s.propagate()
	for _, k := range s.order {
		if s.state[k] == suppressedPrimary && !s.accepted[k] && !s.wide[k] && !s.open(k, s.lo[k], s.hi[k], true) {
			return k
		}
	}
	return ""
}

// open reports whether the interval lo..hi protects the suppressed cell k:
// more than one value, or (whole) for a "<5" all of 1 to 4.
func (s *sdc) open(k string, lo, hi float64, whole bool) bool {
	if whole && s.state[k] == suppressedPrimary {
		return lo <= 1 && hi >= suppressBelow-1
	}
	return hi > lo
}

// openIn reports whether line l alone leaves its j-th term k open.
func (s *sdc) openIn(k string, l sdcLine, j int, whole bool) bool {
	lo, hi := s.lineBounds(l, j)
	return s.open(k, lo, hi, whole)
}

func (s *sdc) initialBounds(k string) (float64, float64) {
	switch s.state[k] {
	case suppressedPrimary:
		return 1, suppressBelow - 1
	case suppressedSecondary:
		return suppressBelow, math.Inf(1)
	}
	v := float64(s.value[k])
	return v, v
}

// propagate computes each cell's interval as a reader could: narrowing each
// term of each line by the intervals of the line's other terms, until
// nothing changes.
func (s *sdc) propagate() {
	s.lo, s.hi = map[string]float64{}, map[string]float64{}
	for _, k := range s.order {
		s.lo[k], s.hi[k] = s.initialBounds(k)
	}
	for range 100 {
		changed := false
		for _, l := range s.lines {
			for j, t := range l {
				if s.state[t.key] == "" {
					continue
				}
				lo, hi := s.lineBounds(l, j)
				if lo > s.lo[t.key] {
					s.lo[t.key], changed = lo, true
				}
				if hi < s.hi[t.key] {
					s.hi[t.key], changed = hi, true
				}
			}
		}
		if !changed {
			return
		}
	}
}

// lineBounds is the interval of term j of line l that the line's other
// terms allow: coef_j·x_j = −Σ others.
func (s *sdc) lineBounds(l sdcLine, j int) (float64, float64) {
	var lo, hi float64 // of Σ coef·x over the other terms
	for i, t := range l {
		switch {
		case i == j:
		case t.coef > 0:
			lo += s.lo[t.key]
			hi += s.hi[t.key]
		default:
			lo -= s.hi[t.key]
			hi -= s.lo[t.key]
		}
	}
	if l[j].coef > 0 {
		return -hi, -lo
	}
	return lo, hi
}

// determined returns the first suppressed cell whose value follows exactly
// from the lines (linear algebra over all tables at once, bounds aside).
func (s *sdc) determined() string {
	var unknown []string
	col := map[string]int{}
	for _, k := range s.order {
		if s.state[k] != "" {
			col[k] = len(unknown)
			unknown = append(unknown, k)
		}
	}
	var m [][]float64
	for _, l := range s.lines {
		row := make([]float64, len(unknown))
		used := false
		for _, t := range l {
			if c, ok := col[t.key]; ok {
				row[c] += t.coef
				used = true
			}
		}
		if used {
			m = append(m, row)
		}
	}
	for _, c := range determinedColumns(m, len(unknown)) {
		if !s.accepted[unknown[c]] {
			return unknown[c]
		}
	}
	return ""
}

// determinedColumns returns the columns of m whose unit vector lies in its
// row space: those unknowns are fixed by the equations, whatever the others
// are.
func determinedColumns(m [][]float64, cols int) []int {
	pivotRow := rref(m, cols)
	var out []int
	for c := range cols {
		pr, ok := pivotRow[c]
		if !ok {
			continue
		}
		alone := true
		for j := 0; j < cols && alone; j++ {
			alone = j == c || math.Abs(m[pr][j]) <= rrefEps
		}
		if alone {
			out = append(out, c)
		}
	}
	return out
}

const rrefEps = 1e-9

// rref brings m to reduced row echelon form in place, pivoting on its first
// cols columns (rows may be longer, e.g. a right-hand side), and returns
// each pivot column's row.
func rref(m [][]float64, cols int) map[int]int {
	pivotRow := map[int]int{}
	r := 0
	for c := 0; c < cols && r < len(m); c++ {
		p, best := -1, rrefEps
		for i := r; i < len(m); i++ {
			if a := math.Abs(m[i][c]); a > best {
				p, best = i, a
			}
		}
		if p < 0 {
			continue
		}
		m[r], m[p] = m[p], m[r]
		f := m[r][c]
		for j := range m[r] {
			m[r][j] /= f
		}
		for i := range m {
			if g := m[i][c]; i != r && math.Abs(g) > rrefEps {
				for j := range m[i] {
					m[i][j] -= g * m[r][j]
				}
			}
		}
		pivotRow[c] = r
		r++
	}
	return pivotRow
}

// protect suppresses one more count for the pinned or recomputable k,
// preferring an inner cell to a total (hiding a total spreads to every table
// that shares it), and a cell that closes a cycle of suppressed cells:
//  1. for a pinned k, an opener (see openers) of a line that pins k, if it is
//     an inner cell that closes a cycle; else such an opener of a pinned
//     suppressed cell next to k (the cause of k's pinning);
//  2. an inner opener of k;
//  3. the first inner candidate in the lines of k, then in the lines of the
//     suppressed cells next to k, and so on;
//  4. a total among k's openers, then any candidate of k's lines;
//  5. every shown count connected to k; when even that changes nothing (tiny
//     tables), k is accepted as it is.
func (s *sdc) protect(k string, pinned bool) {
	s.propagate()
	var local []opener
	if pinned {
		local = s.openers(k, false, false)
	}
	good := func(o opener) bool { return o.closes && !s.totals[o.key] }
	inner := func(o opener) bool { return !s.totals[o.key] }
	pick := ""
	if i := slices.IndexFunc(local, good); i >= 0 {
		pick = local[i].key
	}
	if pick == "" && pinned {
		for _, n := range s.neighbours(k) {
			if s.lo[n] < s.hi[n] {
				continue
			}
			if os := s.openers(n, false, true); slices.ContainsFunc(os, good) {
				pick = os[slices.IndexFunc(os, good)].key
				break
			}
		}
	}
	if pick == "" {
		if i := slices.IndexFunc(local, inner); i >= 0 {
			pick = local[i].key
		} else if c := s.nearestInner(k); c != "" {
			pick = c
		} else if len(local) > 0 {
			pick = local[0].key
		} else {
			for _, li := range s.linesOf[k] {
				if cands := s.candidates(s.lines[li]); len(cands) > 0 {
					pick = cands[0]
					break
				}
			}
		}
	}
	switch {
	case pick != "":
		s.state[pick] = suppressedSecondary
	case !s.suppressConnected(k):
		s.accepted[k] = true
	}
}

// neighbours are the suppressed cells in k's lines, in order.
func (s *sdc) neighbours(k string) []string {
	var out []string
	for _, li := range s.linesOf[k] {
		for _, t := range s.lines[li] {
			if t.key != k && s.state[t.key] != "" && !slices.Contains(out, t.key) {
				out = append(out, t.key)
			}
		}
	}
	return out
}

// widen suppresses one more inner count in a line that confines the "<5"
// k, one that gives k all of 1 to 4 in that line. Without one, k stays as it
// is (it keeps at least two values): hiding a total for this would spread
// through every table that shares it.
func (s *sdc) widen(k string) {
	for _, o := range s.openers(k, true, true) {
		if !s.totals[o.key] {
			s.state[o.key] = suppressedSecondary
			return
		}
	}
	s.wide[k] = true
}

// opener is a candidate that, suppressed, opens a cell in one of its lines.
type opener struct {
	key    string
	closes bool // its other lines already hold a suppressed cell: it needs no partner
}

// openers returns, for each line that confines k (to one value, or with
// whole to fewer than 1 to 4), a candidate that opens k in that line, one
// that closes a cycle before any other; when none opens k, the line's last
// candidate, unless only is set.
func (s *sdc) openers(k string, whole, only bool) []opener {
	var out []opener
	for _, li := range s.linesOf[k] {
		l := s.lines[li]
		j := slices.IndexFunc(l, func(t sdcTerm) bool { return t.key == k })
		cands := s.candidates(l)
		if len(cands) == 0 || s.openIn(k, l, j, whole) {
			continue
		}
		var opening []opener
		for _, c := range cands {
			s.lo[c], s.hi[c] = suppressBelow, math.Inf(1) // as if c were "x"
			if s.openIn(k, l, j, whole) {
				opening = append(opening, opener{c, s.closesCycle(c, li)})
			}
			s.lo[c], s.hi[c] = s.initialBounds(c)
		}
		switch i := slices.IndexFunc(opening, func(o opener) bool { return o.closes }); {
		case i >= 0:
			out = append(out, opening[i])
		case len(opening) > 0:
			out = append(out, opening[0])
		case !only:
			c := cands[len(cands)-1]
			out = append(out, opener{c, s.closesCycle(c, li)})
		}
	}
	return out
}

// closesCycle reports whether a line of c other than the li-th already
// holds a suppressed cell.
func (s *sdc) closesCycle(c string, li int) bool {
	for _, lj := range s.linesOf[c] {
		if lj == li {
			continue
		}
		for _, t := range s.lines[lj] {
			if t.key != c && s.state[t.key] != "" {
				return true
			}
		}
	}
	return false
}

// nearestInner searches the lines of k, then those of the suppressed cells
// in them, breadth first, for a shown inner count.
func (s *sdc) nearestInner(k string) string {
	seen := map[string]bool{k: true}
	seenLine := map[int]bool{}
	frontier := []string{k}
	for len(frontier) > 0 {
		var next []string
		for _, cur := range frontier {
			for _, li := range s.linesOf[cur] {
				if seenLine[li] {
					continue
				}
				seenLine[li] = true
				for _, c := range s.candidates(s.lines[li]) {
					if !s.totals[c] {
						return c
					}
				}
				for _, t := range s.lines[li] {
					if s.state[t.key] != "" && !seen[t.key] {
						seen[t.key] = true
						next = append(next, t.key)
					}
				}
			}
		}
		frontier = next
	}
	return ""
}

// candidates are the shown non-zero counts of l: inner cells before totals
// (hiding a total spreads to every table that shares it), then smallest
// first, then first added first. Zeros stay shown: "x" is never zero.
func (s *sdc) candidates(l sdcLine) []string {
	var out []string
	for _, t := range l {
		if s.state[t.key] == "" && s.value[t.key] > 0 && !slices.Contains(out, t.key) {
			out = append(out, t.key)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		switch {
		case s.totals[a] != s.totals[b]:
			if s.totals[a] {
				return 1
			}
			return -1
		case s.value[a] != s.value[b]:
			return s.value[a] - s.value[b]
		}
		return s.index[a] - s.index[b]
	})
	return out
}

// suppressConnected suppresses every shown non-zero count reachable from k
// through lines; it reports whether anything changed.
func (s *sdc) suppressConnected(k string) bool {
	seen := map[string]bool{k: true}
	queue := []string{k}
	changed := false
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, li := range s.linesOf[cur] {
			for _, t := range s.lines[li] {
				if seen[t.key] {
					continue
				}
				seen[t.key] = true
				queue = append(queue, t.key)
				if s.state[t.key] == "" && s.value[t.key] > 0 {
					s.state[t.key] = suppressedSecondary
					changed = true
				}
			}
		}
	}
	return changed
}
