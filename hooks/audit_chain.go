package hooks

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	Tenant, Collection, Record, Action string
	Actor                              Actor
	Fields                             []string // changed or read fields (names, never values)
}

// auditHash chains an entry to its predecessor: changing, removing or
// reordering any entry breaks every hash after it.
func auditHash(seq int, at, prev string, e AuditEntry) string {
	parts := []string{fmt.Sprint(seq), at, e.Tenant, e.Collection, e.Record, e.Action,
		e.Actor.ID, e.Actor.Kind, strings.Join(e.Fields, ","), prev}
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x1f")))
	return hex.EncodeToString(sum[:])
}

// appendAudit writes e after the last entry. Call it in the transaction of
// the change it records: SQLite serialises writers, so the read of the last
// entry and the insert cannot interleave with another writer.
func appendAudit(tx core.App, e AuditEntry, now time.Time) error {
	return appendAudits(tx, []AuditEntry{e}, now)
}

// auditHead is the last entry of the chain.
type auditHead struct {
	Seq  int    `db:"seq"`
	Hash string `db:"hash"`
}

// appendAudits writes entries in order after the last entry, reading the head
// of the chain once. The rows go in without Save: the audit log has no hooks
// to run, and it is written with every audited change.
func appendAudits(tx core.App, entries []AuditEntry, now time.Time) error {
	_, err := appendAuditsAfter(tx, nil, entries, now)
	return err
}

// appendAuditsAfter is appendAudits after head, the chain's head as the
// caller knows it in this transaction (nil: read it), and returns the new
// head. A stale head cannot go unnoticed: seq is unique.
func appendAuditsAfter(tx core.App, head *auditHead, entries []AuditEntry, now time.Time) (*auditHead, error) {
	if len(entries) == 0 {
		return head, nil
	}
	last := auditHead{}
	if head != nil {
		last = *head
	} else {
		err := tx.DB().Select("seq", "hash").From("audit_log").OrderBy("seq DESC").Limit(1).One(&last)
		if err != nil && !isNoRows(err) {
			return nil, err
		}
	}
	col, err := tx.FindCachedCollectionByNameOrId("audit_log")
	if err != nil {
		return nil, err
	}
	at := now.UTC().Format(time.RFC3339Nano)
	for _, e := range entries {
		seq := last.Seq + 1
		r := core.NewRecord(col)
		r.Set("seq", seq)
		r.Set("tenant", e.Tenant)
		r.Set("collection", e.Collection)
		r.Set("record", e.Record)
		r.Set("action", e.Action)
		r.Set("actor", e.Actor.ID)
		r.Set("actor_kind", e.Actor.Kind)
		r.Set("fields", e.Fields)
		r.Set("at", at)
		r.Set("prev_hash", last.Hash)
		hash := auditHash(seq, at, last.Hash, e)
		r.Set("hash", hash)
		if err := insertRecord(tx, r); err != nil {
			return nil, err
		}
		last = auditHead{Seq: seq, Hash: hash}
	}
	return &last, nil
}

// AuditBreak is where the chain is broken.
type AuditBreak struct {
	Seq    int    `json:"seq"`
	Reason string `json:"reason"`
}

// VerifyAuditChain recomputes every hash in order and returns the first
// break (nil: intact) and the number of entries checked.
func VerifyAuditChain(app core.App) (*AuditBreak, int, error) {
	prev, want, n := "", 1, 0
	for offset := 0; ; offset += 1000 {
		var rows []struct {
			Seq        int    `db:"seq"`
			Tenant     string `db:"tenant"`
			Collection string `db:"collection"`
			Record     string `db:"record"`
			Action     string `db:"action"`
			Actor      string `db:"actor"`
			ActorKind  string `db:"actor_kind"`
			Fields     string `db:"fields"`
			At         string `db:"at"`
			PrevHash   string `db:"prev_hash"`
			Hash       string `db:"hash"`
		}
		err := app.DB().Select("seq", "tenant", "collection", "record", "action", "actor", "actor_kind",
			"fields", "at", "prev_hash", "hash").From("audit_log").OrderBy("seq").
			Limit(1000).Offset(int64(offset)).All(&rows)
		if err != nil || len(rows) == 0 {
			return nil, n, err
		}
		for _, r := range rows {
			n++
			if r.Seq != want {
				return &AuditBreak{Seq: want, Reason: fmt.Sprintf("entry %d is missing (found %d)", want, r.Seq)}, n, nil
			}
			if r.PrevHash != prev {
				return &AuditBreak{Seq: r.Seq, Reason: "it does not point to the entry before it"}, n, nil
			}
			var fields []string
			_ = json.Unmarshal([]byte(r.Fields), &fields)
			e := AuditEntry{Tenant: r.Tenant, Collection: r.Collection, Record: r.Record, Action: r.Action,
				Actor: Actor{ID: r.Actor, Kind: r.ActorKind}, Fields: fields}
			if auditHash(r.Seq, r.At, r.PrevHash, e) != r.Hash {
				return &AuditBreak{Seq: r.Seq, Reason: "its content does not match its hash"}, n, nil
			}
			prev, want = r.Hash, want+1
		}
	}
}

// lastAuditEntry is the head of the chain (for anchoring it outside).
func lastAuditEntry(app core.App) (int, string) {
	var last struct {
		Seq  int    `db:"seq"`
		Hash string `db:"hash"`
	}
	_ = app.DB().Select("seq", "hash").From("audit_log").Where(dbx.NewExp("1=1")).OrderBy("seq DESC").Limit(1).One(&last)
	return last.Seq, last.Hash
}
