package rules

import (
	"reflect"
	"slices"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/vm/runtime"
)

// answeredPrefix names the env flags that answered(x) is rewritten to.
const answeredPrefix = internalPrefix + "answered."

// rewrite applies the untyped rewrites to a tree that passed the policy:
//   - answered(x) becomes the flag __answered.x;
//   - functions that need the clock or budget get __ctx as first argument;
//   - every loop body B becomes { __tick(__ctx); B }, so loops are budgeted.
//
// It returns the paths answered() asks about.
func rewrite(root *ast.Node) (answered []string) {
	walk(root, 0, func(node *ast.Node, _ int) bool {
		switch n := (*node).(type) {
		case *ast.CallNode:
			id, _ := n.Callee.(*ast.IdentifierNode)
			if id == nil {
				return true
			}
			if id.Value == answeredFunc {
				path, _ := answeredPath(n.Arguments[0])
				ast.Patch(node, &ast.IdentifierNode{Value: answeredPrefix + path})
				if !slices.Contains(answered, path) {
					answered = append(answered, path)
				}
				return false
			}
			if needsCtx[id.Value] {
				n.Arguments = append([]ast.Node{ctxIdent(n)}, n.Arguments...)
			}
		case *ast.PredicateNode:
			tick := &ast.CallNode{Callee: &ast.IdentifierNode{Value: tickFunc}}
			tick.SetLocation(n.Node.Location())
			tick.Callee.SetLocation(n.Node.Location())
			seq := &ast.SequenceNode{Nodes: []ast.Node{tick, n.Node}}
			seq.SetLocation(n.Node.Location())
			n.Node = seq
		}
		return true
	})
	return answered
}

func ctxIdent(at ast.Node) ast.Node {
	id := &ast.IdentifierNode{Value: ctxName}
	id.SetLocation(at.Location())
	return id
}

// capPlus is the typed patch (run by expr's checker with types known) that
// routes + on texts through the size-capped concat, and + on values of
// unknown type through a dispatcher that caps texts too.
type capPlus struct{}

func (capPlus) Visit(node *ast.Node) {
	n, ok := (*node).(*ast.BinaryNode)
	if !ok || n.Operator != "+" {
		return
	}
	var fn string
	switch {
	case n.Type().Kind() == reflect.String:
		fn = concatFunc
	case unknown(n.Left) || unknown(n.Right):
		fn = addFunc
	default: // numbers, dates, or a type error the checker reports
		return
	}
	ast.Patch(node, &ast.CallNode{
		Callee:    &ast.IdentifierNode{Value: fn},
		Arguments: []ast.Node{ctxIdent(n), n.Left, n.Right},
	})
}

const addFunc = internalPrefix + "add"

func unknown(n ast.Node) bool { return n.Type().Kind() == reflect.Interface }

// addAny is + for operands whose type is known only at run time.
func addAny(args ...any) (any, error) {
	if a, ok := args[1].(string); ok {
		if b, ok := args[2].(string); ok {
			return concatCapped(args[0], a, b)
		}
	}
	return runtime.Add(args[1], args[2]), nil
}
