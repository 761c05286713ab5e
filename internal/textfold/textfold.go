// Package textfold folds text for search: lower case, no diacritics.
package textfold

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold lowers s and strips diacritics: "Öztürk" → "ozturk", "Müller" →
// "muller", "Straße" → "strasse", and Arabic alef with hamza (أ, إ, آ) →
// ا, whose spelling varies. Other letters of every script are kept.
func Fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // a combining mark (the diaeresis of ü, the accent of é)
		case r == 'ß':
			b.WriteString("ss")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
