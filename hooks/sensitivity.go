package hooks

import (
	"maps"
	"slices"

	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/forms"
)

// answerFields names the answer field of the collections that hold answers.
var answerFields = map[string]string{"cases": "data", "submissions": "answers"}

// specialFields lists a form version's special-category fields (GDPR Art. 9):
// top-level keys, and per repeat group the keys of its row fields.
type specialFields struct {
	top  []string
	rows map[string][]string
}

func (sf specialFields) empty() bool { return len(sf.top) == 0 && len(sf.rows) == 0 }

func (s *service) specialFieldsOf(app core.App, formVersion string) specialFields {
	out := specialFields{rows: map[string][]string{}}
	if formVersion == "" {
		return out
	}
	f, _, err := s.formVersion(app, formVersion)
	if err != nil {
		return out
	}
	for _, info := range f.Fields() {
		if info.Sensitivity != forms.Special {
			continue
		}
		if info.InRepeat() {
			out.rows[info.Group] = append(out.rows[info.Group], info.Key)
		} else {
			out.top = append(out.top, info.Key)
		}
	}
	return out
}

// redact returns answers without the special-category answers, and which
// ones it removed (paths like health_restrictions or group[].key).
func (sf specialFields) redact(answers map[string]any) (map[string]any, []string) {
	var removed []string
	out := maps.Clone(answers)
	for _, k := range sf.top {
		if _, ok := out[k]; ok {
			delete(out, k)
			removed = append(removed, k)
		}
	}
	for group, keys := range sf.rows {
		rows, _ := out[group].([]any)
		var clean []any
		for _, r := range rows {
			row, ok := r.(map[string]any)
			if !ok {
				clean = append(clean, r)
				continue
			}
			row = maps.Clone(row)
			for _, k := range keys {
				if _, ok := row[k]; ok {
					delete(row, k)
					removed = append(removed, group+"[]."+k)
				}
			}
			clean = append(clean, row)
		}
		if rows != nil {
			out[group] = clean
		}
	}
	slices.Sort(removed)
	return out, slices.Compact(removed)
}

// mayReadSpecial: special-category answers are for the case's assignee, the
// Träger's tenant admins, and the participant themselves; other staff work
// without them.
func mayReadSpecial(c caller, caseRec *core.Record) bool {
	switch {
	case caseRec == nil:
		return false
	case c.Kind == callerParticipant:
		return c.Participant == caseRec.GetString("participant")
	case c.Kind == callerStaff && c.Tenant == caseRec.GetString("tenant"):
		return c.Role == RoleTenantAdmin || caseRec.GetString("assignee") == c.Record.Id
	}
	return false
}

// bindSensitivity leaves special-category answers out of lists and realtime
// messages for everyone, out of single records for those who do not need
// them, and records each read of them in the audit log.
func bindSensitivity(app core.App, s *service) {
	app.OnRecordsListRequest("cases", "submissions").BindFunc(func(e *core.RecordsListRequestEvent) error {
		for _, r := range e.Records {
			s.redactRecord(e.App, r)
		}
		return e.Next()
	})
	app.OnRecordEnrich("cases", "submissions").BindFunc(func(e *core.RecordEnrichEvent) error {
		if e.RequestInfo == nil {
			return e.Next()
		}
		c := callerOf(e.RequestInfo.Auth)
		caseRec := e.Record
		if e.Record.Collection().Name == "submissions" {
			caseRec, _ = e.App.FindRecordById("cases", e.Record.GetString("case"))
		}
		if e.RequestInfo.Context == core.RequestInfoContextRealtime || !mayReadSpecial(c, caseRec) {
			s.redactRecord(e.App, e.Record)
			return e.Next()
		}
		if read := s.specialPresent(e.App, e.Record); len(read) > 0 {
			s.auditRead(e.App, e.Record, actorOf(e.RequestInfo.Auth), read)
		}
		return e.Next()
	})
}

func (s *service) redactRecord(app core.App, r *core.Record) {
	field := answerFields[r.Collection().Name]
	sf := s.specialFieldsOf(app, r.GetString("form_version"))
	if sf.empty() {
		return
	}
	clean, removed := sf.redact(jsonMap(r, field))
	if len(removed) > 0 {
		r.Set(field, clean)
	}
}

// specialPresent names the special-category answers r holds.
func (s *service) specialPresent(app core.App, r *core.Record) []string {
	sf := s.specialFieldsOf(app, r.GetString("form_version"))
	if sf.empty() {
		return nil
	}
	_, present := sf.redact(jsonMap(r, answerFields[r.Collection().Name]))
	return present
}

// auditRead records a read of special-category answers (Art. 9; security
// plan row 10): who read which fields of which record.
func (s *service) auditRead(app core.App, r *core.Record, a Actor, fields []string) {
	err := app.RunInTransaction(func(tx core.App) error {
		return appendAudit(tx, AuditEntry{Tenant: r.GetString("tenant"), Collection: r.Collection().Name,
			Record: r.Id, Action: AuditReadSpecial, Actor: a, Fields: fields}, s.now())
	})
	if err != nil {
		app.Logger().Error("audit of a special-category read failed", "record", r.Id, "error", err)
	}
}
