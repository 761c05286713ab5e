package pb_migrations_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/dbutils"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// ourCollections are the collections the migrations own: every collection
// but PocketBase's own system ones (users is PocketBase's, extended by us).
func ourCollections(t *testing.T, app core.App) []*core.Collection {
	t.Helper()
	all, err := app.FindAllCollections()
	if err != nil {
		t.Fatal(err)
	}
	var out []*core.Collection
	for _, c := range all {
		if !c.System || c.Name == "users" {
			out = append(out, c)
		}
	}
	if len(out) < 15 {
		t.Fatalf("only %d collections found", len(out))
	}
	return out
}

// publicRules lists the only rules that let anyone in: district and Träger
// names for the public offer catalogue.
var publicRules = []string{"regions.list", "regions.view", "tenants.list", "tenants.view"}

func TestNoUnintendedPublicRule(t *testing.T) {
	app := testapp.New(t)
	for _, col := range ourCollections(t, app) {
		name := col.Name
		for action, rule := range rulesOf(col) {
			if rule != nil && strings.TrimSpace(*rule) == "" && !slices.Contains(publicRules, name+"."+action) {
				t.Errorf("%s.%s is open to everyone", name, action)
			}
		}
	}
}

// Every column an API rule filters on has an index, so rules stay fast at
// 10,000 cases (PocketBase's benchmarks: 5–12× slower without).
func TestRuleColumnsIndexed(t *testing.T) {
	app := testapp.New(t)
	strip := regexp.MustCompile(`"[^"]*"|'[^']*'|@\w+(\.[\w:]+)*`)
	ident := regexp.MustCompile(`\b[a-z_][a-z0-9_]*\b`)
	for _, col := range ourCollections(t, app) {
		name := col.Name
		for action, rule := range rulesOf(col) {
			if rule == nil {
				continue
			}
			used := map[string]bool{}
			for _, id := range ident.FindAllString(strip.ReplaceAllString(*rule, " "), -1) {
				if id != "id" && col.Fields.GetByName(id) != nil {
					used[id] = true
				}
			}
			for id := range used {
				if !indexCovers(col, id, used) {
					t.Errorf("%s.%s filters on %q, which no index covers", name, action, id)
				}
			}
		}
	}
}

func rulesOf(col *core.Collection) map[string]*string {
	return map[string]*string{"list": col.ListRule, "view": col.ViewRule, "create": col.CreateRule,
		"update": col.UpdateRule, "delete": col.DeleteRule}
}

// indexCovers reports whether an index can serve a filter on column: it leads
// an index, or sits in one whose leading column the same rule also filters on.
func indexCovers(col *core.Collection, column string, sameRule map[string]bool) bool {
	for _, raw := range col.Indexes {
		idx := dbutils.ParseIndex(raw)
		if len(idx.Columns) == 0 {
			continue
		}
		lead := strings.Trim(idx.Columns[0].Name, "`\"[]")
		for _, c := range idx.Columns {
			if strings.Trim(c.Name, "`\"[]") == column && (lead == column || sameRule[lead]) {
				return true
			}
		}
	}
	return false
}

func TestMigrationsRevertAndReapply(t *testing.T) {
	app := testapp.NewEmpty(t)
	runner := core.NewMigrationsRunner(app, core.AppMigrations)
	ours := 0
	for _, m := range core.AppMigrations.Items() {
		if strings.HasPrefix(m.File, "17956") {
			ours++
		}
	}
	reverted, err := runner.Down(ours)
	if err != nil {
		t.Fatalf("down: %v", err)
	}
	if len(reverted) != ours {
		t.Fatalf("reverted %v", reverted)
	}
	if _, err := app.FindCollectionByNameOrId("cases"); err == nil {
		t.Fatal("cases still exists after down")
	}
	if _, err := runner.Up(); err != nil {
		t.Fatalf("up again: %v", err)
	}
	n, err := app.CountRecords("tenants")
	if err != nil || n != 4 {
		t.Fatal(fmt.Sprint("tenants after re-apply: ", n, err))
	}
}
