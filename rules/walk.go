package rules

import "github.com/expr-lang/expr/ast"

// children returns pointers to the child slots of n, in source order, so a
// pass can both read and replace them. It mirrors ast.Walk, which only
// offers a post-order visit without context.
func children(n ast.Node) []*ast.Node {
	switch n := n.(type) {
	case *ast.UnaryNode:
		return []*ast.Node{&n.Node}
	case *ast.BinaryNode:
		return []*ast.Node{&n.Left, &n.Right}
	case *ast.ChainNode:
		return []*ast.Node{&n.Node}
	case *ast.MemberNode:
		return []*ast.Node{&n.Node, &n.Property}
	case *ast.SliceNode:
		out := []*ast.Node{&n.Node}
		if n.From != nil {
			out = append(out, &n.From)
		}
		if n.To != nil {
			out = append(out, &n.To)
		}
		return out
	case *ast.CallNode:
		out := []*ast.Node{&n.Callee}
		for i := range n.Arguments {
			out = append(out, &n.Arguments[i])
		}
		return out
	case *ast.BuiltinNode:
		return slots(n.Arguments)
	case *ast.PredicateNode:
		return []*ast.Node{&n.Node}
	case *ast.VariableDeclaratorNode:
		return []*ast.Node{&n.Value, &n.Expr}
	case *ast.SequenceNode:
		return slots(n.Nodes)
	case *ast.ConditionalNode:
		return []*ast.Node{&n.Cond, &n.Exp1, &n.Exp2}
	case *ast.ArrayNode:
		return slots(n.Nodes)
	case *ast.MapNode:
		return slots(n.Pairs)
	case *ast.PairNode:
		return []*ast.Node{&n.Key, &n.Value}
	}
	return nil
}

func slots(nodes []ast.Node) []*ast.Node {
	out := make([]*ast.Node, len(nodes))
	for i := range nodes {
		out[i] = &nodes[i]
	}
	return out
}

// walk visits n and its descendants in pre-order. loops is the number of
// predicate bodies (loop bodies) that enclose the node. When visit returns
// false, the node's children are skipped.
func walk(n *ast.Node, loops int, visit func(n *ast.Node, loops int) bool) {
	if *n == nil || !visit(n, loops) {
		return
	}
	if _, ok := (*n).(*ast.PredicateNode); ok {
		loops++
	}
	for _, c := range children(*n) {
		walk(c, loops, visit)
	}
}
