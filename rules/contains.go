package rules

import (
	"strings"

	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser/lexer"
)

// rewriteContains lets rules call contains(list_or_text, x) as a function.
// expr lexes "contains" as the infix operator (a contains b), so a call in
// operand position is renamed to includes, which has the same length: every
// position in diagnostics stays right. Infix uses are left alone.
func rewriteContains(src string) string {
	if !strings.Contains(src, "contains") {
		return src
	}
	tokens, err := lexer.Lex(file.NewSource(src))
	if err != nil {
		return src // the parser reports the error
	}
	var starts []int
	for i, t := range tokens {
		if t.Is(lexer.Operator, "contains") && i+1 < len(tokens) && tokens[i+1].Is(lexer.Bracket, "(") &&
			!afterOperand(tokens[:i]) {
			starts = append(starts, t.From)
		}
	}
	if len(starts) == 0 {
		return src
	}
	runes := []rune(src)
	for _, at := range starts {
		copy(runes[at:], []rune(includesFunc))
	}
	return string(runes)
}

// afterOperand reports whether the tokens end with a complete operand, so
// that a following "contains" is the infix operator ("a contains b",
// "a not contains b").
func afterOperand(before []lexer.Token) bool {
	if n := len(before); n > 0 && before[n-1].Is(lexer.Operator, "not") {
		before = before[:n-1]
	}
	if len(before) == 0 {
		return false
	}
	last := before[len(before)-1]
	switch last.Kind {
	case lexer.Identifier, lexer.Number, lexer.String, lexer.Bytes:
		return true
	case lexer.Bracket:
		return last.Value == ")" || last.Value == "]" || last.Value == "}"
	}
	return last.Is(lexer.Operator, "#")
}
