package rules

import (
	"fmt"
	"regexp"

	"github.com/expr-lang/expr/ast"
)

// Source limits of the save-time policy.
const (
	// MaxSourceBytes is checked before parsing: expr's parser recurses per
	// bracket or "!" and a deep enough source kills the process with a stack
	// overflow that recover() cannot catch.
	MaxSourceBytes = 2000
	// MaxNodes bounds the syntax tree.
	MaxNodes = 500
	// MaxRange is the longest literal range a..b.
	MaxRange = 1000
)

// allowedBuiltins are expr's builtins a rule may call. Everything else
// (repeat, split, reduce, sort, toJSON, …) is rejected: DisableBuiltin does
// not reach predicates, so the allowlist is enforced on the syntax tree.
var allowedBuiltins = map[string]bool{
	"len": true, "abs": true, "ceil": true, "floor": true, "round": true,
	"int": true, "float": true, "min": true, "max": true,
	"trim": true, "trimPrefix": true, "trimSuffix": true, "upper": true, "lower": true,
	"hasPrefix": true, "hasSuffix": true, "indexOf": true, "first": true, "last": true,
	"all": true, "any": true, "none": true, "one": true, "count": true, "sum": true,
	"filter": true, "map": true,
}

// loopBuiltins iterate over a list; none may run inside another's loop body.
var loopBuiltins = map[string]bool{
	"all": true, "any": true, "none": true, "one": true, "count": true, "sum": true,
	"filter": true, "map": true, "min": true, "max": true, "first": true, "last": true,
}

type policy struct {
	src    string
	schema Schema
	lets   map[string]bool
	diags  Diagnostics
}

func (p *policy) fail(n ast.Node, code, format string, args ...any) {
	loc := n.Location()
	p.diags = append(p.diags, at(p.src, code, fmt.Sprintf(format, args...), loc.From, loc.To))
}

// checkPolicy enforces the save-time policy on the raw syntax tree.
func checkPolicy(src string, root *ast.Node, schema Schema) Diagnostics {
	p := &policy{src: src, schema: schema, lets: map[string]bool{}}
	walk(root, 0, p.visit)
	return p.diags
}

func (p *policy) visit(node *ast.Node, loops int) bool {
	switch n := (*node).(type) {
	case *ast.IdentifierNode:
		if n.Value == "$env" || hasInternalPrefix(n.Value) {
			p.fail(n, CodeForbiddenName, "the name %s is not allowed", n.Value)
		}
	case *ast.VariableDeclaratorNode:
		if _, inSchema := p.schema[n.Name]; inSchema || IsReserved(n.Name) {
			p.fail(n, CodeShadowing, "let %s hides a field or function of the same name", n.Name)
		}
		p.lets[n.Name] = true
	case *ast.BuiltinNode:
		if !allowedBuiltins[n.Name] {
			p.fail(n, CodeFunction, "the function %s is not allowed in rules", n.Name)
		} else if loops > 0 && loopBuiltins[n.Name] {
			p.fail(n, CodeNestedLoop, "nested %s() is too deep: no loop inside another loop (max 1)", n.Name)
		}
	case *ast.CallNode:
		return p.call(n)
	case *ast.BinaryNode:
		p.binary(n)
	}
	return true
}

func (p *policy) call(n *ast.CallNode) bool {
	id, ok := n.Callee.(*ast.IdentifierNode)
	if !ok {
		p.fail(n, CodeMethodCall, "method calls are not allowed; use the functions of the rule language")
		return false
	}
	switch id.Value {
	case answeredFunc:
		p.answered(n)
		return false
	case "date":
		if len(n.Arguments) == 1 {
			if s, ok := n.Arguments[0].(*ast.StringNode); ok {
				if _, valid := ParseDate(s.Value); !valid {
					p.fail(s, CodeInvalidDate, "date(%q) is not a date in the form YYYY-MM-DD", s.Value)
				}
			}
		}
	}
	return true
}

// answered accepts a schema name or object.field and nothing else: it is
// rewritten into a flag lookup, so the argument is never evaluated.
func (p *policy) answered(n *ast.CallNode) {
	if len(n.Arguments) != 1 {
		p.fail(n, CodeAnsweredArgument, "answered() takes one field name, e.g. answered(birth_date)")
		return
	}
	path, ok := answeredPath(n.Arguments[0])
	switch {
	case !ok:
		p.fail(n.Arguments[0], CodeAnsweredArgument, "answered() takes a field name, e.g. answered(birth_date)")
	case !p.answerable(path):
		p.fail(n.Arguments[0], CodeUnknownName, "unknown name %s", path)
	}
}

func (p *policy) answerable(path string) bool {
	name, sub, nested := cutPath(path)
	t, ok := p.schema[name]
	if !ok || p.lets[name] {
		return false
	}
	if !nested {
		return true
	}
	_, ok = t.Fields[sub]
	return ok && t.Kind == Object
}

func (p *policy) binary(n *ast.BinaryNode) {
	switch n.Operator {
	case "..":
		from, okFrom := intLiteral(n.Left)
		to, okTo := intLiteral(n.Right)
		switch {
		case !okFrom || !okTo:
			p.fail(n, CodeRange, "a range a..b needs whole numbers written in the rule, e.g. 1..10")
		case to-from+1 > MaxRange:
			p.fail(n, CodeRange, "range too large (max %d)", MaxRange)
		}
	case "matches":
		s, ok := n.Right.(*ast.StringNode)
		if !ok {
			p.fail(n, CodeDynamicPattern, "matches needs a pattern written in the rule (a text in quotes)")
			return
		}
		if _, err := regexp.Compile(s.Value); err != nil {
			p.fail(s, CodeInvalidPattern, "invalid pattern: %v", err)
		}
	}
}

func intLiteral(n ast.Node) (int, bool) {
	switch n := n.(type) {
	case *ast.IntegerNode:
		return n.Value, true
	case *ast.UnaryNode:
		if v, ok := intLiteral(n.Node); ok && n.Operator == "-" {
			return -v, true
		}
	}
	return 0, false
}
