package hooks_test

import (
	"encoding/json"
	"maps"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/demo/content"
	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// workflowDefinition returns the demo workflow, changed by edit.
func workflowDefinition(t testing.TB, edit func(def map[string]any)) map[string]any {
	var def map[string]any
	if err := json.Unmarshal(content.IntakeWorkflow, &def); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(def)
	}
	return def
}

// renameFirstTransition renames termin_vereinbaren, so versions differ visibly.
func renameFirstTransition(def map[string]any) {
	for _, tr := range def["transitions"].([]any) {
		if m := tr.(map[string]any); m["key"] == "termin_vereinbaren" {
			m["key"] = "termin_festlegen"
		}
	}
}

func optionKeys(t testing.TB, c *testapp.Client, token, caseId string) string {
	t.Helper()
	res := c.Do("GET", "/api/mp/cases/"+caseId+"/transitions", token, nil)
	if res.Status != 200 {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
	return string(res.Body)
}

// A case stays on the workflow version it started with after a new one is
// published, until an admin migrates it; new cases start on the new one.
func TestWorkflowVersionsAndMigration(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	admin, counsellor := testapp.Token(t, app, testapp.LiftAdmin), testapp.Token(t, app, testapp.LiftCounsellor)
	old := registered(t, app, c, "lift", "before-v2")
	offer := liftOffer(t, app)
	url := "/api/mp/offers/" + offer.Id + "/workflow"

	res := c.Do("POST", url+"/publish", admin, map[string]any{"definition": workflowDefinition(t, renameFirstTransition)})
	if res.Status != 201 || !strings.Contains(string(res.Body), `"version":2`) {
		t.Fatalf("publish v2: %d %s", res.Status, res.Body)
	}
	if keys := optionKeys(t, c, counsellor, old.Id); !strings.Contains(keys, `"termin_vereinbaren"`) || strings.Contains(keys, "termin_festlegen") {
		t.Fatalf("the old case left its version: %s", keys)
	}
	young := registered(t, app, c, "lift", "after-v2")
	if keys := optionKeys(t, c, counsellor, young.Id); !strings.Contains(keys, `"termin_festlegen"`) {
		t.Fatalf("the new case is not on version 2: %s", keys)
	}

	if res := c.Do("POST", url+"/migrate", counsellor, map[string]any{"from_version": 1}); res.Status != 403 {
		t.Fatalf("a counsellor migrated: %d", res.Status)
	}
	if res := c.Do("POST", url+"/migrate", testapp.Token(t, app, testapp.BwtwAdmin), map[string]any{"from_version": 1}); res.Status != 404 {
		t.Fatalf("another Träger's admin: %d", res.Status)
	}
	dry := c.Do("POST", url+"/migrate", admin, map[string]any{"from_version": 1, "dry_run": true})
	if dry.Status != 200 || !strings.Contains(string(dry.Body), `"angemeldet":`) {
		t.Fatalf("dry run: %d %s", dry.Status, dry.Body)
	}
	if fresh(t, app, old).GetString("workflow_version") != old.GetString("workflow_version") {
		t.Fatal("a dry run moved the case")
	}
	run := c.Do("POST", url+"/migrate", admin, map[string]any{"from_version": 1})
	if run.Status != 200 || run.JSON()["moved"].(float64) < 1 {
		t.Fatalf("migrate: %d %s", run.Status, run.Body)
	}
	if keys := optionKeys(t, c, counsellor, old.Id); !strings.Contains(keys, `"termin_festlegen"`) {
		t.Fatalf("the migrated case is not on version 2: %s", keys)
	}
	if n, _ := app.CountRecords("case_events", dbx.HashExp{"case": old.Id, "type": "migrated"}); n != 1 {
		t.Fatalf("%d migrated events", n)
	}
}

func TestPublishWorkflowRefusals(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	offer := liftOffer(t, app)
	url := "/api/mp/offers/" + offer.Id + "/workflow/publish"
	versions := func() int64 { n, _ := app.CountRecords("workflow_versions"); return n }
	before := versions()
	badGuard := workflowDefinition(t, func(d map[string]any) {
		for _, tr := range d["transitions"].([]any) {
			if m := tr.(map[string]any); m["key"] == "vermitteln" {
				m["guard"] = "case.work_permitt == \"yes\""
			}
		}
	})
	res := c.Do("POST", url, testapp.Token(t, app, testapp.LiftAdmin), map[string]any{"definition": badGuard})
	if res.Status != 422 || !strings.Contains(string(res.Body), `.guard"`) || !strings.Contains(string(res.Body), "work_permitt") {
		t.Fatalf("a broken guard: %d %s", res.Status, res.Body)
	}
	for who, want := range map[string]int{testapp.LiftCounsellor: 403, testapp.BwtwAdmin: 404, testapp.NetworkAdmin: 404} {
		if res := c.Do("POST", url, testapp.Token(t, app, who), map[string]any{"definition": workflowDefinition(t, nil)}); res.Status != want {
			t.Fatalf("%s: %d, want %d", who, res.Status, want)
		}
	}
	if versions() != before {
		t.Fatal("a refused publish stored a version")
	}
	check := c.Do("POST", "/api/mp/definitions/check", testapp.Token(t, app, testapp.LiftAdmin),
		map[string]any{"kind": "workflow", "offer": offer.Id, "definition": badGuard})
	if check.Status != 200 || !strings.Contains(string(check.Body), `"severity":"error"`) {
		t.Fatalf("check: %d %s", check.Status, check.Body)
	}
	if res := c.Do("POST", "/api/mp/definitions/check", testapp.Token(t, app, testapp.BwtwAdmin),
		map[string]any{"kind": "workflow", "offer": offer.Id, "definition": badGuard}); res.Status != 404 {
		t.Fatalf("another Träger's admin checked against LIFT's intake: %d", res.Status)
	}
}

// The studio's simulation runs a draft on sample data and stores nothing.
func TestSimulateWorkflow(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	before := countAll(t, app)
	body := map[string]any{"definition": workflowDefinition(t, nil), "offer": liftOffer(t, app).Id,
		"scenario": map[string]any{"steps": []any{
			map[string]any{"take": "termin_vereinbaren", "step": map[string]any{"meeting_date": "2026-01-08"}},
			map[string]any{"wait_days": 30},
		}}}
	res := c.Do("POST", "/api/mp/workflows/simulate", testapp.Token(t, app, testapp.LiftAdmin), body)
	if res.Status != 200 || !strings.Contains(string(res.Body), `"erstgespraech"`) {
		t.Fatalf("simulate: %d %s", res.Status, res.Body)
	}
	if res := c.Do("POST", "/api/mp/workflows/simulate", testapp.Token(t, app, testapp.LiftCounsellor), body); res.Status != 403 {
		t.Fatalf("a counsellor simulated: %d", res.Status)
	}
	if after := countAll(t, app); !maps.Equal(after, before) {
		t.Fatalf("the simulation stored something: %v → %v", before, after)
	}
}

func countAll(t testing.TB, app core.App) map[string]int64 {
	out := map[string]int64{}
	for _, c := range []string{"cases", "case_events", "tasks", "timers", "notifications", "workflow_versions"} {
		n, err := app.CountRecords(c)
		if err != nil {
			t.Fatal(err)
		}
		out[c] = n
	}
	return out
}

// The studio simulates a workflow whose guards read a field that exists only
// in the form draft; an incomplete migration mapping still reports the cases
// per state.
func TestSimulateWithFormDraftAndMigrationCounts(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	admin := testapp.Token(t, app, testapp.LiftAdmin)
	offer := liftOffer(t, app)
	form := intakeDefinition(t, func(d map[string]any) {
		sec := d["sections"].([]any)[0].(map[string]any)
		sec["fields"] = append(sec["fields"].([]any), map[string]any{"key": "neu_im_entwurf", "type": "boolean",
			"label": map[string]any{"de": "Neu im Entwurf"}})
	})
	wf := workflowDefinition(t, func(d map[string]any) {
		for _, tr := range d["transitions"].([]any) {
			if m := tr.(map[string]any); m["key"] == "erstgespraech_gefuehrt" {
				m["guard"] = "neu_im_entwurf"
				m["guard_reason"] = map[string]any{"de": "Erst im Entwurf", "en": "Draft only"}
			}
		}
	})
	body := map[string]any{"definition": wf, "offer": offer.Id, "scenario": map[string]any{"steps": []any{}}}
	if res := c.Do("POST", "/api/mp/workflows/simulate", admin, body); res.Status != 422 {
		t.Fatalf("without the draft the guard's field is unknown: %d", res.Status)
	}
	body["form"] = form
	if res := c.Do("POST", "/api/mp/workflows/simulate", admin, body); res.Status != 200 {
		t.Fatalf("with the form draft: %d %s", res.Status, res.Body)
	}

	registered(t, app, c, "lift", "migration-counts")
	renamed := workflowDefinition(t, func(d map[string]any) {
		for _, st := range d["states"].([]any) {
			if m := st.(map[string]any); m["key"] == "angemeldet" {
				m["key"] = "neu"
			}
		}
		for _, tr := range d["transitions"].([]any) {
			m := tr.(map[string]any)
			if from, ok := m["from"].([]any); ok {
				for i, f := range from {
					if f == "angemeldet" {
						from[i] = "neu"
					}
				}
			}
		}
	})
	if res := c.Do("POST", "/api/mp/offers/"+offer.Id+"/workflow/publish", admin, map[string]any{"definition": renamed}); res.Status != 201 {
		t.Fatalf("publish v2: %d %s", res.Status, res.Body)
	}
	res := c.Do("POST", "/api/mp/offers/"+offer.Id+"/workflow/migrate", admin, map[string]any{"from_version": 1, "dry_run": true})
	if res.Status != 422 || !strings.Contains(string(res.Body), `"cases":{`) || !strings.Contains(string(res.Body), `"angemeldet":`) {
		t.Fatalf("an incomplete mapping: %d %s", res.Status, res.Body)
	}
}
