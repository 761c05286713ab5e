package hooks_test

import (
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/hooks"
	"github.com/multipotenzial/multipotenzial/internal/testapp"
	"github.com/multipotenzial/multipotenzial/workflows"
)

// registered submits the demo intake to a Träger's offer and returns the new case.
func registered(t testing.TB, app core.App, c *testapp.Client, tenant, key string) *core.Record {
	t.Helper()
	res := c.DoWith("POST", "/api/mp/public/offers/"+tenant+"/integrationsbegleitung/submissions",
		map[string]string{"Idempotency-Key": key}, submitBody(intakeAnswers(), "de", testapp.Pow(t, c)))
	if res.Status != 201 {
		t.Fatalf("register: %d %s", res.Status, res.Body)
	}
	sub, err := app.FindRecordById("submissions", res.JSON()["submission"].(string))
	if err != nil {
		t.Fatal(err)
	}
	cs, err := app.FindRecordById("cases", sub.GetString("case"))
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// walk takes transitions on a case as the given staff member.
func walk(t testing.TB, app core.App, caseId, email string, steps ...workflows.Request) {
	t.Helper()
	actor, err := app.FindAuthRecordByEmail("users", email)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range steps {
		if _, err := hooks.Take(app, caseId, actor, r, time.Time{}); err != nil {
			t.Fatalf("%s: %v", r.Transition, err)
		}
	}
}

// toPlan walks a fresh case to "foerderplan" with the given work permit.
func toPlan(workPermit string) []workflows.Request {
	return []workflows.Request{
		{Transition: "termin_vereinbaren", Step: map[string]any{"meeting_date": time.Now().AddDate(0, 0, 3).Format(time.DateOnly)}},
		{Transition: "erstgespraech_gefuehrt"},
		{Transition: "profiling_abgeschlossen", Step: map[string]any{"work_permit": workPermit}},
	}
}

func fresh(t testing.TB, app core.App, r *core.Record) *core.Record {
	t.Helper()
	f, err := app.FindRecordById(r.Collection().Name, r.Id)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// placement takes a foerderplan case into "vermittelt".
func placement() workflows.Request {
	return workflows.Request{Transition: "vermitteln", Step: map[string]any{"placement_type": "work",
		"employer": "Metallbau Schmidt", "start_date": time.Now().Format(time.DateOnly)}}
}
