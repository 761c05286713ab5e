package forms

import (
	"fmt"
	"strings"
)

// orderAll fixes the evaluation order: a section or field comes after
// everything its visibility or calculation reads, so one pass computes all.
// A cycle (a calculated field that needs itself, two fields that hide each
// other) is an error.
func (c *compiler) orderAll() {
	f := c.form
	n := len(f.sections)
	nodes := make([]node, 0, n+len(f.fields))
	for _, s := range f.sections {
		nodes = append(nodes, node{section: s})
	}
	for _, fd := range f.fields {
		nodes = append(nodes, node{field: fd})
	}
	// Rules read top-level fields only (item is not a field key).
	edges := func(i int) []int {
		var out []int
		add := func(p *rule) {
			for _, dep := range deps(p) {
				if fd, ok := f.byKey[dep]; ok {
					out = append(out, n+fd.index)
				}
			}
		}
		if s := nodes[i].section; s != nil {
			add(s.visible)
			return out
		}
		fd := nodes[i].field
		if fd.section.visible != nil {
			out = append(out, fd.section.index)
		}
		add(fd.visible)
		add(fd.calc)
		for _, sub := range fd.sub {
			add(sub.visible)
			add(sub.calc)
		}
		return out
	}
	order, cycle := topoSort(len(nodes), edges)
	if cycle != nil {
		c.cycle(nodes, cycle)
		return
	}
	for _, i := range order {
		f.order = append(f.order, nodes[i])
	}
	for _, fd := range f.fields {
		c.orderRow(fd)
	}
}

// orderRow orders the sub-fields of a repeat group by what they read of item.
func (c *compiler) orderRow(g *field) {
	edges := func(i int) []int {
		var out []int
		for _, p := range [...]*rule{g.sub[i].visible, g.sub[i].calc} {
			for _, key := range itemReads(p, g) {
				out = append(out, g.subByKey[key].index)
			}
		}
		return out
	}
	order, cycle := topoSort(len(g.sub), edges)
	if cycle != nil {
		nodes := make([]node, len(g.sub))
		for i, sub := range g.sub {
			nodes[i] = node{field: sub}
		}
		c.cycle(nodes, cycle)
		return
	}
	for _, i := range order {
		g.subOrder = append(g.subOrder, g.sub[i])
	}
}

// itemReads lists the sub-fields of g a row rule reads (all of them when it
// uses item as a whole).
func itemReads(p *rule, g *field) []string {
	var out []string
	for _, path := range paths(p) {
		name, sub, nested := strings.Cut(path, ".")
		switch {
		case name != itemName:
		case !nested:
			for _, s := range g.sub {
				out = append(out, s.key)
			}
		case g.subByKey[sub] != nil:
			out = append(out, sub)
		}
	}
	return out
}

func (c *compiler) cycle(nodes []node, cycle []int) {
	names := make([]string, len(cycle))
	for i, j := range cycle {
		names[i] = nodes[j].name()
	}
	first := nodes[cycle[0]]
	c.d.errorf(first.path(), CodeCycle, "dependency cycle: %s", strings.Join(names, " -> "))
}

func (n node) name() string {
	if n.section != nil {
		return "section:" + n.section.key
	}
	return n.field.key
}

func (n node) path() string {
	if n.section != nil {
		return fmt.Sprintf("sections[%d].visible_if", n.section.index)
	}
	if n.field.def.Type == TypeCalculated {
		return n.field.path + ".calculate"
	}
	return n.field.path + ".visible_if"
}

// topoSort orders 0..n-1 so that every node comes after its edges. On a
// cycle it returns the cycle, first node repeated at the end.
func topoSort(n int, edges func(int) []int) (order, cycle []int) {
	const (
		unseen = iota
		active
		done
	)
	state := make([]int, n)
	var stack []int
	var visit func(i int) bool
	visit = func(i int) bool {
		switch state[i] {
		case done:
			return true
		case active:
			for k, j := range stack {
				if j == i {
					cycle = append(append(cycle, stack[k:]...), i)
				}
			}
			return false
		}
		state[i] = active
		stack = append(stack, i)
		for _, j := range edges(i) {
			if !visit(j) {
				return false
			}
		}
		stack = stack[:len(stack)-1]
		state[i] = done
		order = append(order, i)
		return true
	}
	for i := range n {
		if !visit(i) {
			return nil, cycle
		}
	}
	return order, nil
}

func deps(p *rule) []string {
	if p == nil {
		return nil
	}
	return p.Deps()
}

func paths(p *rule) []string {
	if p == nil {
		return nil
	}
	return p.Paths()
}
