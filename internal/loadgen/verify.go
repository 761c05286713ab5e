package loadgen

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// DBState is what the data directory holds, read straight from SQLite (with
// PocketBase's own connection settings) next to the running server.
type DBState struct {
	Integrity                 string // PRAGMA integrity_check: "ok"
	Participants, Cases       int
	Events, Submissions       int
	ParticipantsWithoutCase   int // half-written registrations would show here…
	CasesWithoutCreatedEvent  int // …or here…
	SubmissionsWithoutCase    int // …or here (case or participant missing)
	CasesWithoutSubmission    int // demo and seeded cases have none; compare with a baseline
	DuplicateIdempotencyKeys  int
	AckedMissing              []string // acknowledged registrations not (completely) there
	AckedChecked, AckedFoundN int
}

// OpenDB opens data.db of a data directory.
func OpenDB(dir string) (*sql.DB, error) {
	db, err := core.DefaultDBConnect(filepath.Join(dir, "data.db"))
	if err != nil {
		return nil, err
	}
	return db.DB(), nil
}

// ReadState checks the data directory dir and every acknowledged
// registration in acked: its submission, participant, case (with the same
// reference) and the case's first event must all be there.
func ReadState(dir string, acked []Ack) (DBState, error) {
	db, err := OpenDB(dir)
	if err != nil {
		return DBState{}, err
	}
	defer db.Close()
	var s DBState
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&s.Integrity); err != nil {
		return s, fmt.Errorf("integrity_check: %w", err)
	}
	counts := []struct {
		dst *int
		sql string
	}{
		{&s.Participants, `SELECT count(*) FROM participants`},
		{&s.Cases, `SELECT count(*) FROM cases`},
		{&s.Events, `SELECT count(*) FROM case_events`},
		{&s.Submissions, `SELECT count(*) FROM submissions`},
		{&s.ParticipantsWithoutCase, `SELECT count(*) FROM participants p
			WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.participant = p.id)`},
		{&s.CasesWithoutCreatedEvent, `SELECT count(*) FROM cases c
			WHERE NOT EXISTS (SELECT 1 FROM case_events e WHERE e."case" = c.id AND e.type = 'created')`},
		{&s.SubmissionsWithoutCase, `SELECT count(*) FROM submissions s
			WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = s."case" AND c.reference = s.reference)
			   OR NOT EXISTS (SELECT 1 FROM participants p WHERE p.id = s.participant)`},
		{&s.CasesWithoutSubmission, `SELECT count(*) FROM cases c
			WHERE NOT EXISTS (SELECT 1 FROM submissions s WHERE s."case" = c.id)`},
		{&s.DuplicateIdempotencyKeys, `SELECT count(*) FROM (SELECT 1 FROM submissions
			WHERE idempotency_key != '' GROUP BY tenant, idempotency_key HAVING count(*) > 1)`},
	}
	for _, q := range counts {
		if err := db.QueryRow(q.sql).Scan(q.dst); err != nil {
			return s, fmt.Errorf("%s: %w", strings.Fields(q.sql)[3], err)
		}
	}
	return s, s.checkAcked(db, acked)
}

func (s *DBState) checkAcked(db *sql.DB, acked []Ack) error {
	const chunk = 400
	for i := 0; i < len(acked); i += chunk {
		part := acked[i:min(i+chunk, len(acked))]
		args := make([]any, len(part))
		byID := map[string]Ack{}
		for j, a := range part {
			args[j] = a.Submission
			byID[a.Submission] = a
		}
		rows, err := db.Query(`SELECT s.id, s.reference, s.idempotency_key,
				(SELECT count(*) FROM participants p WHERE p.id = s.participant),
				(SELECT count(*) FROM cases c WHERE c.id = s."case" AND c.reference = s.reference),
				(SELECT count(*) FROM case_events e WHERE e."case" = s."case" AND e.type = 'created')
			FROM submissions s WHERE s.id IN (?`+strings.Repeat(",?", len(part)-1)+`)`, args...)
		if err != nil {
			return err
		}
		found := map[string]bool{}
		for rows.Next() {
			var id, ref, key string
			var p, c, e int
			if err := rows.Scan(&id, &ref, &key, &p, &c, &e); err != nil {
				rows.Close()
				return err
			}
			a := byID[id]
			if ref != a.Reference || key != a.Key || p != 1 || c != 1 || e != 1 {
				s.AckedMissing = append(s.AckedMissing, fmt.Sprintf("%s (%s): reference %q key %q participant %d case %d created-event %d",
					a.Reference, id, ref, key, p, c, e))
				continue
			}
			found[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, a := range part {
			s.AckedChecked++
			if found[a.Submission] {
				s.AckedFoundN++
			} else if !strings.Contains(strings.Join(s.AckedMissing, "\n"), a.Submission) {
				s.AckedMissing = append(s.AckedMissing, a.Reference+" ("+a.Submission+"): no submission")
			}
		}
	}
	return nil
}

// Problems lists what is wrong, given the number of cases without a
// submission before the run (the demo's and seeded ones).
func (s DBState) Problems(baselineCasesWithoutSubmission int) []string {
	var p []string
	if s.Integrity != "ok" {
		p = append(p, "integrity_check: "+s.Integrity)
	}
	if s.ParticipantsWithoutCase > 0 {
		p = append(p, fmt.Sprintf("%d participants without a case", s.ParticipantsWithoutCase))
	}
	if s.CasesWithoutCreatedEvent > 0 {
		p = append(p, fmt.Sprintf("%d cases without their first event", s.CasesWithoutCreatedEvent))
	}
	if s.SubmissionsWithoutCase > 0 {
		p = append(p, fmt.Sprintf("%d submissions without their case or participant", s.SubmissionsWithoutCase))
	}
	if baselineCasesWithoutSubmission >= 0 && s.CasesWithoutSubmission != baselineCasesWithoutSubmission {
		p = append(p, fmt.Sprintf("%d cases without a submission (%d before)", s.CasesWithoutSubmission, baselineCasesWithoutSubmission))
	}
	if s.DuplicateIdempotencyKeys > 0 {
		p = append(p, fmt.Sprintf("%d idempotency keys stored twice", s.DuplicateIdempotencyKeys))
	}
	for i, m := range s.AckedMissing {
		if i == 5 {
			p = append(p, fmt.Sprintf("… %d acknowledged registrations missing or incomplete in all", len(s.AckedMissing)))
			break
		}
		p = append(p, "acknowledged but missing: "+m)
	}
	return p
}

func (s DBState) String() string {
	return fmt.Sprintf("integrity %s; %d participants, %d cases, %d events, %d submissions; acknowledged %d/%d found",
		s.Integrity, s.Participants, s.Cases, s.Events, s.Submissions, s.AckedFoundN, s.AckedChecked)
}
