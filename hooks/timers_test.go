package hooks_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/hooks"
	"github.com/multipotenzial/multipotenzial/internal/testapp"
	"github.com/multipotenzial/multipotenzial/workflows"
)

// A due timer fires exactly once: twice in a row, by two racing runners, and
// after a restart (a new process on the same database), with one email per
// notification.
func TestTimersFireExactlyOnce(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	cs := registered(t, app, c, "bwtw", "timer-case")
	counsellor, _ := app.FindAuthRecordByEmail("users", testapp.BwtwCounsellor)
	cs.Set("assignee", counsellor.Id) // the SLA reminder goes to the assignee
	if err := app.Save(cs); err != nil {
		t.Fatal(err)
	}
	later := time.Now().AddDate(0, 0, 15) // the 14-day first-contact SLA ran out

	breaches := func(a core.App) int64 {
		n, _ := a.CountRecords("case_events", dbx.HashExp{"case": cs.Id, "type": "sla_breached"})
		return n
	}
	mailsAbout := func() (n int) {
		for _, m := range app.TestMailer.Messages() {
			if strings.Contains(m.Subject, cs.GetString("reference")) {
				n++
				if m.To[0].Address != testapp.BwtwCounsellor {
					t.Fatalf("mail to %v", m.To)
				}
			}
		}
		return n
	}
	if _, err := hooks.RunDueTimers(app, time.Now()); err != nil { // the demo data's backlog
		t.Fatal(err)
	}
	if breaches(app) != 0 || mailsAbout() != 0 {
		t.Fatal("the new case's SLA fired before it was due")
	}
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() { defer wg.Done(); _, _ = hooks.RunDueTimers(app, later) }()
	}
	wg.Wait()
	if got := breaches(app); got != 1 {
		t.Fatalf("sla_breached events: %d, want 1", got)
	}
	if got := mailsAbout(); got != 1 {
		t.Fatalf("%d mails about the case, want 1", got)
	}

	// A restart: a second app on the same data directory, as after a crash.
	restarted := testapp.Reopen(t, app)
	if _, err := hooks.RunDueTimers(restarted, later.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got := breaches(restarted); got != 1 {
		t.Fatalf("after the restart: %d sla_breached events", got)
	}
	if got := mailsAbout(); got != 1 {
		t.Fatalf("after the restart: %d mails about the case", got)
	}
	// The restarted app has no test mailer: it must not even queue a second email.
	if n, _ := restarted.CountRecords("notifications", dbx.HashExp{"case": cs.Id}); n != 1 {
		t.Fatalf("%d notifications queued for the case, want 1", n)
	}
	if n, _ := restarted.CountRecords("notifications", dbx.HashExp{"case": cs.Id, "status": "sent"}); n != 1 {
		t.Fatal("the notification is not marked sent")
	}
}

// An automatic transition fires once and is recorded as the system's.
func TestAutomaticTransition(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	cs := registered(t, app, c, "lift", "auto-case")
	walk(t, app, cs.Id, testapp.LiftCounsellor, toPlan("yes")...)
	walk(t, app, cs.Id, testapp.LiftCounsellor, placement())
	for range 2 {
		if _, err := hooks.RunDueTimers(app, time.Now().AddDate(0, 0, 15)); err != nil {
			t.Fatal(err)
		}
	}
	now := fresh(t, app, cs)
	if now.GetString("state") != "nachbetreuung" {
		t.Fatalf("state %s, want nachbetreuung after 14 days placed", now.GetString("state"))
	}
	n, _ := app.CountRecords("case_events", dbx.HashExp{"case": cs.Id, "to": "nachbetreuung", "actor_kind": "system"})
	if n != 1 {
		t.Fatalf("%d automatic transitions recorded", n)
	}
}

// A placement sets the case's outcome and placement date for reporting; going
// back to the plan clears them.
func TestPlacementOutcome(t *testing.T) {
	app := testapp.New(t)
	c := testapp.Serve(t, app)
	cs := registered(t, app, c, "lift", "placement-case")
	walk(t, app, cs.Id, testapp.LiftCounsellor, toPlan("yes")...)
	walk(t, app, cs.Id, testapp.LiftCounsellor, placement())
	placed := fresh(t, app, cs)
	if placed.GetString("outcome") != "work" || placed.GetDateTime("placed").IsZero() {
		t.Fatalf("outcome %q placed %v", placed.GetString("outcome"), placed.GetDateTime("placed"))
	}
	walk(t, app, cs.Id, testapp.LiftCounsellor, workflows.Request{Transition: "vermittlung_beendet",
		Step: map[string]any{"note": "Probezeit nicht bestanden"}})
	back := fresh(t, app, cs)
	if back.GetString("outcome") != "" || !back.GetDateTime("placed").IsZero() || back.GetString("state") != "foerderplan" {
		t.Fatalf("after the placement ended: %q %v %s", back.GetString("outcome"), back.GetDateTime("placed"), back.GetString("state"))
	}
}
