package hooks_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// TestAccessMatrix checks every cell of the table in docs/ACCESS.md against
// the record API: collection × action × actor × {own Träger, other Träger}.
func TestAccessMatrix(t *testing.T) {
	table := readAccessTable(t, "../docs/ACCESS.md")
	checkTableCoversEveryCollection(t, table)
	actors := map[string]string{
		"anonymous":     "",
		"participant":   testapp.LiftParticipant,
		"counsellor":    testapp.LiftCounsellor,
		"tenant_admin":  testapp.LiftAdmin,
		"network_admin": testapp.NetworkAdmin,
	}
	for _, row := range table {
		for actor, email := range actors {
			want := row.cells[actor]
			for _, side := range []string{"own", "other"} {
				allowed := want == "both" || want == side
				name := fmt.Sprintf("%s/%s/%s/%s", row.collection, row.action, actor, side)
				t.Run(name, func(t *testing.T) {
					app := testapp.New(t)
					fx := newMatrixFixtures(t, app)
					token := ""
					if email != "" {
						token = testapp.Token(t, app, email)
					}
					checkCell(t, app, fx, row.collection, row.action, side, token, allowed)
				})
			}
		}
	}
}

// checkTableCoversEveryCollection fails when a collection of ours has no rows
// in the table, so a new collection cannot ship without its access spec.
func checkTableCoversEveryCollection(t *testing.T, table []accessRow) {
	app := testapp.New(t)
	cols, err := app.FindAllCollections()
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]int{}
	for _, r := range table {
		actions[r.collection]++
	}
	for _, c := range cols {
		if c.System && c.Name != "users" {
			continue
		}
		if actions[c.Name] != 5 {
			t.Errorf("docs/ACCESS.md: %s has %d of 5 actions", c.Name, actions[c.Name])
		}
	}
}

type accessRow struct {
	collection, action string
	cells              map[string]string
}

// readAccessTable parses the markdown table of docs/ACCESS.md.
func readAccessTable(t *testing.T, path string) []accessRow {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var header []string
	var rows []accessRow
	for _, line := range strings.Split(string(raw), "\n") {
		if !strings.HasPrefix(line, "|") || strings.HasPrefix(line, "|---") {
			continue
		}
		cols := strings.Split(strings.Trim(line, "| "), "|")
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
		}
		if cols[0] == "collection" {
			header = cols
			continue
		}
		r := accessRow{collection: cols[0], action: cols[1], cells: map[string]string{}}
		for i := 2; i < len(cols); i++ {
			switch cols[i] {
			case "none", "own", "other", "both":
			default:
				t.Fatalf("ACCESS.md: bad cell %q in %s/%s", cols[i], r.collection, r.action)
			}
			r.cells[header[i]] = cols[i]
		}
		rows = append(rows, r)
	}
	if len(rows) < 45 {
		t.Fatalf("ACCESS.md: expected the full table, found %d rows", len(rows))
	}
	return rows
}

func checkCell(t *testing.T, app core.App, fx *matrixFixtures, collection, action, side, token string, allowed bool) {
	t.Helper()
	c := testapp.Serve(t, app)
	base := "/api/collections/" + collection + "/records"
	target := fx.target(collection, side)
	var res testapp.Response
	switch action {
	case "list":
		res = c.Do("GET", base+"?filter="+urlQuery("id='"+target.Id+"'"), token, nil)
		found := res.Status == 200 && int(res.JSON()["totalItems"].(float64)) == 1
		if res.Status != 200 && res.Status != 403 {
			t.Fatalf("list: status %d: %s", res.Status, res.Body)
		}
		if found != allowed {
			t.Fatalf("list: found=%v, want %v (status %d)", found, allowed, res.Status)
		}
		return
	case "view":
		res = c.Do("GET", base+"/"+target.Id, token, nil)
		checkStatus(t, action, res, allowed)
		return
	case "create":
		before, _ := app.CountRecords(collection)
		res = c.Do("POST", base, token, fx.createBody(collection, side))
		checkStatus(t, action, res, allowed)
		after, _ := app.CountRecords(collection)
		if (after == before+1) != allowed {
			t.Fatalf("create: count %d → %d, allowed=%v", before, after, allowed)
		}
	case "update":
		field, value := fx.updateBody(collection, side)
		res = c.Do("PATCH", base+"/"+target.Id, token, map[string]any{field: value})
		checkStatus(t, action, res, allowed)
		fresh, err := app.FindRecordById(collection, target.Id)
		if err != nil {
			t.Fatal(err)
		}
		changed := fmt.Sprint(fresh.Get(field)) == fmt.Sprint(value)
		if changed != allowed {
			t.Fatalf("update: %s changed=%v, allowed=%v", field, changed, allowed)
		}
	case "delete":
		res = c.Do("DELETE", base+"/"+target.Id, token, nil)
		checkStatus(t, action, res, allowed)
		_, err := app.FindRecordById(collection, target.Id)
		if (err != nil) != allowed {
			t.Fatalf("delete: gone=%v, allowed=%v", err != nil, allowed)
		}
	default:
		t.Fatalf("unknown action %q", action)
	}
}

func checkStatus(t *testing.T, action string, res testapp.Response, allowed bool) {
	t.Helper()
	if res.Status >= 500 {
		t.Fatalf("%s: server error %d: %s", action, res.Status, res.Body)
	}
	ok := res.Status >= 200 && res.Status < 300
	if ok != allowed {
		t.Fatalf("%s: status %d, allowed=%v: %s", action, res.Status, allowed, res.Body)
	}
}

func urlQuery(s string) string {
	r := strings.NewReplacer(" ", "%20", "'", "%27", "=", "%3D", "&", "%26")
	return r.Replace(s)
}
