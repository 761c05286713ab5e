package hooks

import (
	"html"
	"net/mail"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"

	"github.com/multipotenzial/multipotenzial/workflows"
)

// Notification statuses. An email is queued in the transaction that causes
// it and sent after the commit: a rolled-back transition sends nothing. To
// never send twice, a message is marked "sending" before it goes out; one
// left "sending" by a crash becomes "unknown" and is not resent (the log and
// the dashboard show it), the price of at-most-once delivery.
const (
	mailPending = "pending"
	mailSending = "sending"
	mailSent    = "sent"
	mailFailed  = "failed"
	mailSkipped = "skipped"
	mailUnknown = "unknown"

	maxMailAttempts = 5
)

// queueNotifications puts workflow notifications into the outbox.
func queueNotifications(txApp core.App, c *core.Record, list []workflows.Notification) error {
	if len(list) == 0 {
		return nil
	}
	col, err := txApp.FindCachedCollectionByNameOrId("notifications")
	if err != nil {
		return err
	}
	for _, n := range list {
		subject, body := n.Text()
		r := core.NewRecord(col)
		r.Set("tenant", c.GetString("tenant"))
		r.Set("case", c.Id)
		r.Set("to_kind", n.To)
		r.Set("language", n.Language)
		r.Set("subject", subject)
		r.Set("body", body)
		r.Set("source", n.Source)
		address := recipientAddress(txApp, c, n)
		r.Set("recipient", address)
		r.Set("status", mailPending)
		if address == "" {
			r.Set("status", mailSkipped)
			r.Set("last_error", "no email address for "+n.To)
		}
		if err := txApp.Save(r); err != nil {
			return err
		}
	}
	return nil
}

func recipientAddress(app core.App, c *core.Record, n workflows.Notification) string {
	switch n.To {
	case "assignee":
		if u, err := app.FindRecordById("users", n.Recipient); err == nil && !u.GetBool("disabled") {
			return u.Email()
		}
	case "participant":
		if p, err := app.FindRecordById("participants", c.GetString("participant")); err == nil {
			return p.GetString("email")
		}
	}
	return ""
}

// outboxSender sends queued emails, one batch at a time per process.
type outboxSender struct {
	mu   sync.Mutex
	kick chan struct{}
}

// Kick asks the background sender to look at the outbox soon.
func (o *outboxSender) Kick() {
	select {
	case o.kick <- struct{}{}:
	default:
	}
}

// run sends pending notifications until the app stops; started on serve.
func (o *outboxSender) run(app core.App, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case <-o.kick:
			select {
			case <-stop: // both were ready: stopping wins
				return
			default:
				o.sendPending(app, time.Now())
			}
		}
	}
}

// sendPending sends what is pending and returns how many went out.
func (o *outboxSender) sendPending(app core.App, now time.Time) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	sent := 0
	for {
		var ids []string
		err := app.DB().Select("id").From("notifications").Where(dbx.HashExp{"status": mailPending}).
			OrderBy("created").Limit(50).Column(&ids)
		if err != nil || len(ids) == 0 {
			return sent
		}
		for _, id := range ids {
			if o.sendOne(app, id, now) {
				sent++
			}
		}
	}
}

func (o *outboxSender) sendOne(app core.App, id string, now time.Time) bool {
	r, err := app.FindRecordById("notifications", id)
	if err != nil || r.GetString("status") != mailPending {
		return false
	}
	r.Set("status", mailSending)
	r.Set("attempts", r.GetInt("attempts")+1)
	if err := app.Save(r); err != nil {
		return false
	}
	meta := app.Settings().Meta
	msg := &mailer.Message{
		From:    mail.Address{Name: meta.SenderName, Address: meta.SenderAddress},
		To:      []mail.Address{{Address: r.GetString("recipient")}},
		Subject: r.GetString("subject"),
		Text:    r.GetString("body"),
		HTML:    "<p>" + strings.ReplaceAll(html.EscapeString(r.GetString("body")), "\n", "<br>") + "</p>",
	}
	if err := app.NewMailClient().Send(msg); err != nil {
		r.Set("last_error", err.Error())
		r.Set("status", mailPending)
		if r.GetInt("attempts") >= maxMailAttempts {
			r.Set("status", mailFailed)
		}
		app.Logger().Warn("notification not sent", "notification", id, "error", err)
		_ = app.Save(r)
		return false
	}
	r.Set("status", mailSent)
	r.Set("sent_at", now)
	_ = app.Save(r)
	return true
}

// recoverSending marks messages a crash left in "sending" as unknown.
func recoverSending(app core.App) {
	_, err := app.DB().Update("notifications", dbx.Params{"status": mailUnknown},
		dbx.HashExp{"status": mailSending}).Execute()
	if err != nil {
		app.Logger().Error("outbox recovery failed", "error", err)
	}
}
