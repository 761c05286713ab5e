package rules

import (
	"sort"
	"strings"

	"github.com/expr-lang/expr/ast"
)

// collectPaths lists what a rule reads, from its raw syntax tree (the
// optimizer may fold names away): top-level names, and name.field where a
// field of an object is read with a literal name. Let variables, predicate
// pointers (#, .field) and function names are not reads.
func collectPaths(root *ast.Node) []string {
	c := &pathCollector{lets: map[string]bool{}, seen: map[string]bool{}}
	walk(root, 0, c.visit)
	out := make([]string, 0, len(c.seen))
	for p := range c.seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

type pathCollector struct{ lets, seen map[string]bool }

func (c *pathCollector) visit(node *ast.Node, _ int) bool {
	switch n := (*node).(type) {
	case *ast.VariableDeclaratorNode:
		c.lets[n.Name] = true
	case *ast.CallNode:
		for i := range n.Arguments {
			walk(&n.Arguments[i], 0, c.visit)
		}
		return false // the callee is a function name
	case *ast.MemberNode:
		if path, ok := answeredPath(n); ok {
			c.add(path)
			return false
		}
	case *ast.IdentifierNode:
		c.add(n.Value)
	}
	return true
}

func (c *pathCollector) add(path string) {
	if !c.lets[rootName(path)] {
		c.seen[path] = true
	}
}

// answeredPath returns "name" for an identifier and "name.field" for a
// member read with a literal field name on an identifier.
func answeredPath(n ast.Node) (string, bool) {
	switch n := n.(type) {
	case *ast.IdentifierNode:
		return n.Value, true
	case *ast.MemberNode:
		id, okID := n.Node.(*ast.IdentifierNode)
		prop, okProp := n.Property.(*ast.StringNode)
		if okID && okProp {
			return id.Value + "." + prop.Value, true
		}
	}
	return "", false
}

func cutPath(path string) (name, sub string, nested bool) {
	return strings.Cut(path, ".")
}

func rootName(path string) string {
	name, _, _ := cutPath(path)
	return name
}

func hasInternalPrefix(name string) bool { return strings.HasPrefix(name, internalPrefix) }

// depsOf reduces paths to their top-level names.
func depsOf(paths []string) []string {
	var out []string
	for _, p := range paths {
		name := rootName(p)
		if len(out) == 0 || out[len(out)-1] != name {
			out = append(out, name)
		}
	}
	return out
}
