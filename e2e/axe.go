package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// AxeViolation is one accessibility finding of axe-core.
type AxeViolation struct {
	ID, Impact, Help string
	Nodes            []string
}

// Axe runs axe-core (from ui/node_modules, installed by make ui) on the
// current page and fails the test on any serious or critical violation.
func Axe(t *testing.T, ctx context.Context, view string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot(), "ui", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core missing: run `make ui` (%v)", err)
	}
	script := `window.axe ? 0 : (0, eval)(` + jsString(string(src)) + `);
		axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({
			ID: v.id, Impact: v.impact || '', Help: v.help, Nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))`
	found := Eval[[]AxeViolation](t, ctx, script)
	var bad []string
	for _, v := range found {
		if v.Impact == "serious" || v.Impact == "critical" {
			bad = append(bad, v.Impact+" "+v.ID+": "+v.Help+" at "+strings.Join(v.Nodes, ", "))
		}
	}
	if len(bad) > 0 {
		t.Fatalf("axe on %s:\n%s", view, strings.Join(bad, "\n"))
	}
}

func jsString(s string) string {
	raw, _ := json.Marshal(s)
	return string(raw)
}
