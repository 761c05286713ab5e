package textfold_test

import (
	"testing"

	"github.com/multipotenzial/multipotenzial/internal/textfold"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Öztürk": "ozturk", "Müller": "muller", "Straße": "strasse", "José Peña": "jose pena",
		"Олена Коваленко": "олена коваленко", "ÇAĞLAR": "caglar",
		"أحمد": "احمد", // hamza forms of alef vary in spelling: search finds all
	} {
		if got := textfold.Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}
