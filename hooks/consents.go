package hooks

import (
	"errors"
	"slices"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/forms"
)

// ErrConsentWithdrawn: the consent was withdrawn before.
var ErrConsentWithdrawn = errors.New("consent already withdrawn")

// Withdrawal is what withdrawing a consent did.
type Withdrawal struct {
	Consent    *core.Record `json:"consent"`
	Removed    []string     `json:"removed"`    // answers deleted: they were given for this purpose only
	Restricted bool         `json:"restricted"` // a required consent: processing is now restricted
}

// WithdrawConsent ends a consent (GDPR Art. 7(3)): the answers collected
// only because of it (fields shown only when it was given) are deleted from
// the submission and the case, the case's trail records the withdrawal, and
// withdrawing a consent the registration required restricts all further
// processing of the person (Art. 18): their cases take no more transitions.
func WithdrawConsent(app core.App, consentId string, by Actor, channel string, now time.Time) (*Withdrawal, error) {
	s := serviceOf(app)
	out := &Withdrawal{}
	err := app.RunInTransaction(func(tx core.App) error {
		c, err := tx.FindRecordById("consents", consentId)
		if err != nil {
			return err
		}
		if !c.GetDateTime("withdrawn_at").IsZero() {
			return ErrConsentWithdrawn
		}
		c.Set("withdrawn_at", now)
		c.Set("withdrawal_channel", channel)
		c.Set("withdrawal_recorded_by", staffId(by))
		if err := tx.Save(c); err != nil {
			return err
		}
		out.Consent = c
		if sub, err := tx.FindRecordById("submissions", c.GetString("submission")); err == nil {
			f, _, err := s.formVersion(tx, sub.GetString("form_version"))
			if err != nil {
				return err
			}
			out.Removed = dependentFields(f, c.GetString("field"))
			if err := dropAnswers(tx, sub, "answers", c.GetString("field"), out.Removed); err != nil {
				return err
			}
			if cs, err := tx.FindRecordById("cases", sub.GetString("case")); err == nil {
				if err := dropAnswers(tx, cs, "data", c.GetString("field"), out.Removed); err != nil {
					return err
				}
				err := AppendEvent(tx, cs, CaseEvent{Type: EventConsent, Actor: staffId(by), ActorKind: by.Kind,
					Data: map[string]any{"purpose": c.GetString("purpose"), "removed": out.Removed}})
				if err != nil {
					return err
				}
			}
		}
		if c.GetBool("required") {
			p, err := tx.FindRecordById("participants", c.GetString("participant"))
			if err != nil {
				return err
			}
			p.Set("status", "restricted")
			out.Restricted = true
			return tx.Save(p)
		}
		return nil
	})
	return out, err
}

// dependentFields are the fields shown only because of the consent field
// (directly or through other such fields, or their section).
func dependentFields(f *forms.Form, consentKey string) []string {
	loc := f.LocalizeAt(forms.DefaultLanguage, time.Time{})
	set := map[string]bool{consentKey: true}
	dependsOn := func(r *forms.RuleRef) bool {
		return r != nil && slices.ContainsFunc(r.Deps, func(d string) bool { return set[d] })
	}
	for changed := true; changed; {
		changed = false
		for _, sec := range loc.Form.Sections {
			for _, fld := range sec.Fields {
				if !set[fld.Key] && (dependsOn(sec.VisibleIf) || dependsOn(fld.VisibleIf)) {
					set[fld.Key], changed = true, true
				}
			}
		}
	}
	delete(set, consentKey)
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// dropAnswers deletes keys from a record's answers and marks the consent refused.
func dropAnswers(tx core.App, r *core.Record, field, consentKey string, keys []string) error {
	answers := jsonMap(r, field)
	for _, k := range keys {
		delete(answers, k)
	}
	if _, ok := answers[consentKey]; ok {
		answers[consentKey] = false
	}
	r.Set(field, answers)
	return tx.Save(r)
}
