package hooks

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// gridSDC registers a rows×cols table of counts with row totals, column
// totals and the grand total under prefix, and its lines.
func gridSDC(s *sdc, prefix string, cells [][]int) {
	rows, cols := len(cells), len(cells[0])
	key := func(r, c int) string { return fmt.Sprintf("%s|%d|%d", prefix, r, c) }
	colSum := make([]int, cols+1)
	for r := range rows {
		sum := 0
		for c := range cols {
			s.add(key(r, c), cells[r][c])
			sum += cells[r][c]
			colSum[c] += cells[r][c]
		}
		s.add(key(r, cols), sum)
		colSum[cols] += sum
	}
	for c := 0; c <= cols; c++ {
		s.add(key(rows, c), colSum[c])
	}
	for r := 0; r <= rows; r++ {
		var inner []string
		for c := range cols {
			inner = append(inner, key(r, c))
		}
		s.sum(key(r, cols), inner...)
	}
	for c := 0; c <= cols; c++ {
		var inner []string
		for r := range rows {
			inner = append(inner, key(r, c))
		}
		s.sum(key(rows, c), inner...)
	}
}

// readerValues returns, for each suppressed cell, every value a reader
// could give it: all integer solutions of the published lines with "<5" in
// 1..4 and "x" in 5..limit, enumerated over the free unknowns of the linear
// system ("x" cells are made pivots first, so the search stays small). It
// gives up (nil) after budget steps.
func readerValues(s *sdc, state map[string]string, limit, budget int) map[string]map[int]bool {
	var unknown []string // "x" first: they become the pivots
	for _, want := range []string{suppressedSecondary, suppressedPrimary} {
		for _, k := range s.order {
			if state[k] == want {
				unknown = append(unknown, k)
			}
		}
	}
	col := map[string]int{}
	for i, k := range unknown {
		col[k] = i
	}
	n := len(unknown)
	var m [][]float64 // coefficients | right-hand side
	for _, l := range s.lines {
		row := make([]float64, n+1)
		for _, t := range l {
			if c, ok := col[t.key]; ok {
				row[c] += t.coef
			} else {
				row[n] -= t.coef * float64(s.value[t.key])
			}
		}
		m = append(m, row)
	}
	pivotOf := rref(m, n)                    // column → row
	for i := len(pivotOf); i < len(m); i++ { // the rows left are 0 = rhs
		if math.Abs(m[i][n]) > 1e-9 {
			panic("published figures inconsistent")
		}
	}
	var free []int
	for c := range n {
		if _, ok := pivotOf[c]; !ok {
			free = append(free, c)
		}
	}
	rng := func(k string) (int, int) {
		if state[k] == suppressedSecondary {
			return suppressBelow, limit
		}
		return 1, suppressBelow - 1
	}
	slices.SortStableFunc(free, func(a, b int) int { // short ranges first
		alo, ahi := rng(unknown[a])
		blo, bhi := rng(unknown[b])
		return (ahi - alo) - (bhi - blo)
	})
	out := map[string]map[int]bool{}
	for _, k := range unknown {
		out[k] = map[int]bool{}
	}
	x := make([]float64, n)
	// possible: can every pivot still reach its range with the free unknowns
	// from the i-th on anywhere in theirs?
	possible := func(i int) bool {
		for c, row := range pivotOf {
			lo, hi := m[row][n], m[row][n]
			for fi, f := range free {
				a := m[row][f]
				if fi < i {
					lo -= a * x[f]
					hi -= a * x[f]
					continue
				}
				flo, fhi := rng(unknown[f])
				if a > 0 {
					lo -= a * float64(fhi)
					hi -= a * float64(flo)
				} else {
					lo -= a * float64(flo)
					hi -= a * float64(fhi)
				}
			}
			plo, phi := rng(unknown[c])
			if hi < float64(plo)-1e-6 || lo > float64(phi)+1e-6 {
				return false
			}
		}
		return true
	}
	var enumerate func(i int)
	enumerate = func(i int) {
		if budget--; budget < 0 || !possible(i) {
			return
		}
		if i < len(free) {
			lo, hi := rng(unknown[free[i]])
			for v := lo; v <= hi; v++ {
				x[free[i]] = float64(v)
				enumerate(i + 1)
			}
			return
		}
		for c, row := range pivotOf {
			v := m[row][n]
			for _, f := range free {
				v -= m[row][f] * x[f]
			}
			if math.Abs(v-math.Round(v)) > 1e-6 {
				return
			}
			x[c] = math.Round(v)
		}
		for c, k := range unknown {
			out[k][int(x[c])] = true
		}
	}
	enumerate(0)
	if budget < 0 {
		return nil
	}
	return out
}

// checkProtected fails when a suppressed cell has only one value a reader
// could give it, or when the rules of the states are broken; it returns how
// many "<5" a full search confines to fewer than the values 1 to 4.
func checkProtected(t *testing.T, s *sdc, state map[string]string, limit int) (narrowedPrimaries int, searched bool) {
	t.Helper()
	values := readerValues(s, state, limit, 1_000_000)
	for _, k := range s.order {
		n := s.value[k]
		switch {
		case n >= 1 && n < suppressBelow && state[k] != suppressedPrimary:
			t.Fatalf("%s = %d is not suppressed as <5", k, n)
		case n == 0 && state[k] != "":
			t.Fatalf("%s is zero but suppressed", k)
		case n >= suppressBelow && state[k] == suppressedPrimary:
			t.Fatalf("%s = %d marked <5", k, n)
		}
		if state[k] == "" {
			continue
		}
		if values == nil {
			continue // too large to search: the rules above still hold
		}
		if !values[k][n] {
			t.Fatalf("%s = %d is not among the values found %v", k, n, values[k])
		}
		if s.accepted[k] {
			continue
		}
		if len(values[k]) < 2 {
			t.Fatalf("%s = %d (%s) can be recomputed; states %v", k, n, state[k], state)
		}
		if state[k] == suppressedPrimary && len(values[k]) < suppressBelow-1 {
			narrowedPrimaries++
		}
	}
	return narrowedPrimaries, values != nil
}

func TestSuppressOneSmallCell(t *testing.T) {
	s := newSDC()
	gridSDC(s, "t", [][]int{{3, 12}, {20, 30}})
	state := s.run()
	want := map[string]string{"t|0|0": suppressedPrimary, "t|0|1": suppressedSecondary, "t|1|0": suppressedSecondary, "t|1|1": suppressedSecondary}
	for k, v := range want {
		if state[k] != v {
			t.Errorf("%s: %q, want %q (all: %v)", k, state[k], v, state)
		}
	}
	// totals stay: the four inner cells protect each other in a rectangle
	for _, k := range []string{"t|0|2", "t|1|2", "t|2|0", "t|2|1", "t|2|2"} {
		if state[k] != "" {
			t.Errorf("total %s suppressed: %v", k, state)
		}
	}
	if _, searched := checkProtected(t, s, state, 100); !searched {
		t.Fatal("not searched")
	}
}

// A "<5" beside a single other count of 5 would be exactly 1 (the row total
// is 6 and "x" means 5 or more): the secondary must leave 1 to 4 open.
func TestSuppressKeepsTheWholeRange(t *testing.T) {
	s := newSDC()
	gridSDC(s, "t", [][]int{{1, 5, 30}, {8, 9, 40}})
	state := s.run()
	s.propagate()
	if lo, hi := s.lo["t|0|0"], s.hi["t|0|0"]; lo != 1 || hi != 4 {
		t.Fatalf("t|0|0 confined to %v..%v; states %v", lo, hi, state)
	}
	if n, _ := checkProtected(t, s, state, 100); n != 0 {
		t.Fatalf("%d primaries confined", n)
	}
}

// Two tables with the same totals (the stock by state and by district): a
// total hidden in one is hidden in the other and protected there too.
func TestSuppressLinkedTables(t *testing.T) {
	s := newSDC()
	gridSDC(s, "a", [][]int{{2, 10, 9}, {1, 7, 30}})
	// table b shares the column totals of a (3, 17, 39, 59)
	b := [][]int{{3, 12, 20}, {0, 5, 19}}
	for r, row := range b {
		sum := 0
		for c, n := range row {
			s.add(fmt.Sprintf("b|%d|%d", r, c), n)
			sum += n
		}
		s.add(fmt.Sprintf("b|%d|3", r), sum)
		s.sum(fmt.Sprintf("b|%d|3", r), fmt.Sprintf("b|%d|0", r), fmt.Sprintf("b|%d|1", r), fmt.Sprintf("b|%d|2", r))
	}
	for c := 0; c <= 3; c++ {
		s.sum(fmt.Sprintf("a|2|%d", c), fmt.Sprintf("b|0|%d", c), fmt.Sprintf("b|1|%d", c))
	}
	state := s.run()
	if state["a|2|0"] != suppressedPrimary || state["b|0|0"] != suppressedPrimary {
		t.Fatalf("the shared total 3 and b's 3 must be <5: %v", state)
	}
	if _, searched := checkProtected(t, s, state, 100); !searched {
		t.Fatal("not searched")
	}
}

// Four counts of 1 adding up to a total of 4: every cell is "<5" and yet each
// is exactly 1. Nothing is left to suppress; the cells are accepted.
func TestSuppressAcceptsWhatCannotBeProtected(t *testing.T) {
	s := newSDC()
	for _, k := range []string{"a", "b", "c", "d", "sum"} {
		n := 1
		if k == "sum" {
			n = 4
		}
		s.add(k, n)
	}
	s.sum("sum", "a", "b", "c", "d")
	state := s.run()
	if len(state) != 5 || !s.accepted["a"] {
		t.Fatalf("states %v accepted %v", state, s.accepted)
	}
}

func TestDeterminedColumns(t *testing.T) {
	// x0 + x1 = c, x1 + x2 = d, x2 = e → all three fixed
	m := [][]float64{{1, 1, 0}, {0, 1, 1}, {0, 0, 1}}
	if got := determinedColumns(m, 3); fmt.Sprint(got) != "[0 1 2]" {
		t.Fatalf("%v", got)
	}
	// a rectangle: x0+x1, x2+x3, x0+x2, x1+x3 → none fixed
	m = [][]float64{{1, 1, 0, 0}, {0, 0, 1, 1}, {1, 0, 1, 0}, {0, 1, 0, 1}}
	if got := determinedColumns(m, 4); len(got) != 0 {
		t.Fatalf("%v", got)
	}
}

// Random tables and pairs of linked tables: every count 1–4 is "<5", no zero
// is hidden, and no hidden count can be recomputed by a reader who tries every
// combination that fits the published figures.
func TestSuppressRandomTables(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 2026))
	count := func() int {
		switch p := rng.IntN(100); {
		case p < 30:
			return 0
		case p < 65:
			return 1 + rng.IntN(4)
		default:
			return 5 + rng.IntN(12)
		}
	}
	narrowed, primaries, accepted, unsearched := 0, 0, 0, 0
	for i := range 100 {
		rows, cols := 2+rng.IntN(2), 2+rng.IntN(2)
		cells := make([][]int, rows)
		for r := range cells {
			cells[r] = make([]int, cols)
			for c := range cells[r] {
				cells[r][c] = count()
			}
		}
		s := newSDC()
		gridSDC(s, "t", cells)
		state := s.run()
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			n, ok := checkProtected(t, s, state, s.value[fmt.Sprintf("t|%d|%d", rows, cols)]+suppressBelow)
			narrowed += n
			if !ok {
				unsearched++
			}
		})
		for k, v := range state {
			if v == suppressedPrimary {
				primaries++
			}
			if s.accepted[k] {
				accepted++
			}
		}
	}
	t.Logf("%d primaries, %d confined to fewer than 1–4 by a full search, %d accepted; %d tables too large to search",
		primaries, narrowed, accepted, unsearched)
	if unsearched > 10 {
		t.Fatalf("%d tables not searched", unsearched)
	}
}
