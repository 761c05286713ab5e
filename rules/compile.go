package rules

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/checker"
	"github.com/expr-lang/expr/compiler"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/optimizer"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/types"
)

// Compile checks a rule against the schema and the safety policy and
// compiles it into a [Program] whose result has the given kind (use [Any]
// to accept every result). Compile once, when a definition is published,
// and keep the program: it is safe for concurrent use.
func Compile(src string, schema Schema, result Kind) (prog *Program, diags Diagnostics) {
	defer func() {
		if r := recover(); r != nil { // expr must never take a publish down
			prog, diags = nil, Diagnostics{at(src, CodeSyntax, fmt.Sprintf("cannot compile this rule: %v", r), 0, 0)}
		}
	}()
	if d := precheck(src, schema); d != nil {
		return nil, d
	}
	cfg := newConfig(schema)
	tree, err := parser.ParseWithConfig(rewriteContains(src), cfg)
	if err != nil {
		return nil, Diagnostics{fromExprError(src, err)}
	}
	if d := checkPolicy(src, &tree.Node, schema); d != nil {
		return nil, d
	}
	paths := collectPaths(&tree.Node)
	answered := rewrite(&tree.Node)
	t, err := new(checker.Checker).PatchAndCheck(tree, cfg)
	if err != nil {
		return nil, Diagnostics{fromExprError(src, err)}
	}
	if !resultFits(t, result) {
		return nil, Diagnostics{at(src, CodeResultType,
			fmt.Sprintf("the rule must give a %s, but gives %s", result, humanize(t.String())), 0, len([]rune(src)))}
	}
	if err := optimizer.Optimize(&tree.Node, cfg); err != nil {
		return nil, Diagnostics{fromExprError(src, err)}
	}
	compiled, err := compiler.Compile(tree, cfg)
	if err != nil {
		return nil, Diagnostics{fromExprError(src, err)}
	}
	return &Program{source: src, kind: result, paths: paths, deps: depsOf(paths), answered: answered, prog: compiled}, nil
}

// precheck runs the checks that must come before parsing.
func precheck(src string, schema Schema) Diagnostics {
	if strings.TrimSpace(src) == "" {
		return Diagnostics{at(src, CodeEmpty, "the rule is empty", 0, 0)}
	}
	if len(src) > MaxSourceBytes {
		return Diagnostics{at(src, CodeTooLong,
			fmt.Sprintf("the rule is too long (%d bytes, max %d)", len(src), MaxSourceBytes), 0, len([]rune(src)))}
	}
	var d Diagnostics
	for _, name := range schema.Names() {
		if IsReserved(name) {
			d = append(d, at(src, CodeReservedName, fmt.Sprintf("the name %s is reserved and cannot be a field", name), 0, 0))
		}
	}
	return d
}

// newConfig builds expr's configuration for one compile: the typed env with
// the hidden context and answered flags, the engine functions, the node
// limit and the typed + patch.
func newConfig(schema Schema) *conf.Config {
	env := schema.exprMap()
	env[ctxName] = types.TypeOf(&evalCtx{})
	for _, p := range schema.answerablePaths() {
		env[answeredPrefix+p] = types.Bool
	}
	cfg := conf.CreateNew()
	expr.Env(env)(cfg)
	for _, o := range functionOptions {
		o(cfg)
	}
	expr.MaxNodes(MaxNodes)(cfg)
	expr.Patch(capPlus{})(cfg)
	cfg.Check()
	return cfg
}

// resultFits reports whether a rule of static type t can give kind k; a
// result of unknown type is checked at run time.
func resultFits(t reflect.Type, k Kind) bool {
	if k == Any || t.Kind() == reflect.Interface {
		return true
	}
	switch k {
	case Bool:
		return t.Kind() == reflect.Bool
	case Number:
		return t.Kind() >= reflect.Int && t.Kind() <= reflect.Float64
	case String:
		return t.Kind() == reflect.String
	case Date:
		return t == timeType
	case StringList, ObjectList:
		return t.Kind() == reflect.Slice
	case Object:
		return t.Kind() == reflect.Map
	}
	return false
}
