package workflows

import (
	"sync"
	"time"

	"github.com/multipotenzial/multipotenzial/rules"
)

// Names the workflow adds to the intake answers in rules. An intake field
// with one of these keys cannot be used with a workflow.
const (
	NameCase        = "case"
	NameParticipant = "participant"
	NameRole        = "role"
	NameStep        = "step"
)

var (
	textT = rules.Scalar(rules.String)
	numT  = rules.Scalar(rules.Number)
	boolT = rules.Scalar(rules.Bool)
	dateT = rules.Scalar(rules.Date)
	// participantSchema is participant in rules; names stay out on purpose.
	participantSchema = rules.Schema{"age": numT, "birth_date": dateT, "gender": textT, "nationality": textT,
		"preferred_language": textT, "municipality": textT, "channel": textT}
)

// caseSchema is case in rules: the built-in properties plus the workflow's
// case fields.
func caseSchema(fields rules.Schema) rules.Schema {
	s := rules.Schema{"state": textT, "days_in_state": numT, "opened": dateT, "state_entered": dateT,
		"reference": textT, "assigned": boolT}
	for k, t := range fields {
		s[k] = t
	}
	return s
}

// builtinCaseField reports whether key is a built-in property of case.
func builtinCaseField(key string) bool {
	_, ok := caseSchema(nil)[key]
	return ok
}

// guardSchema is what guards and state actions read: the intake answers,
// case, participant and role.
func guardSchema(intake, caseFields rules.Schema) rules.Schema {
	s := make(rules.Schema, len(intake)+3)
	for k, t := range intake {
		s[k] = t
	}
	s[NameCase] = rules.ObjectOf(caseSchema(caseFields))
	s[NameParticipant] = rules.ObjectOf(participantSchema)
	s[NameRole] = textT
	return s
}

// withStep adds step, the step form's answers, for a transition's actions.
func withStep(base, step rules.Schema) rules.Schema {
	s := make(rules.Schema, len(base)+1)
	for k, t := range base {
		s[k] = t
	}
	s[NameStep] = rules.ObjectOf(step)
	return s
}

// envPool hands out rules envs of one schema.
type envPool struct {
	schema rules.Schema
	pool   sync.Pool
}

func newEnvPool(schema rules.Schema) *envPool {
	p := &envPool{schema: schema}
	p.pool.New = func() any { return rules.NewEnv(schema, rules.Limits{}) }
	return p
}

func (p *envPool) get() *rules.Env { return p.pool.Get().(*rules.Env) }

func (p *envPool) put(e *rules.Env) {
	e.Release()
	p.pool.Put(e)
}

// view is the case as the rules of one evaluation see it.
type view struct {
	state   string
	entered time.Time
	role    string
}

// fill starts an evaluation at c.Now and sets every value rules read. It
// returns the case object, which set actions update in place.
func (w *Workflow) fill(env *rules.Env, c *CaseContext, v view) map[string]any {
	env.Begin(c.Now) // every name unanswered; only the given answers remain
	for name, raw := range c.Answers {
		if t, ok := w.intake[name]; ok {
			val, answered := envValue(t, raw)
			env.Set(name, val, answered)
		}
	}
	caseType := w.schema[NameCase]
	obj, _ := envValue(caseType, c.Fields)
	caseObj := obj.(map[string]any)
	for key, ft := range w.caseFields {
		_, answered := envValue(ft.typ, c.Fields[key])
		env.SetAnswered(NameCase+"."+key, answered)
	}
	today := rules.DateOf(c.Now)
	caseObj["state"] = v.state
	caseObj["days_in_state"] = float64(max(daysBetween(v.entered, c.Now), 0))
	caseObj["opened"] = zeroDate(c.Opened)
	caseObj["state_entered"] = zeroDate(v.entered)
	caseObj["reference"] = c.Reference
	caseObj["assigned"] = c.Assignee != ""
	env.Set(NameCase, caseObj, true)
	for _, k := range []string{"state", "days_in_state", "reference", "assigned"} {
		env.SetAnswered(NameCase+"."+k, true)
	}
	env.SetAnswered(NameCase+".opened", !c.Opened.IsZero())
	env.SetAnswered(NameCase+".state_entered", !v.entered.IsZero())
	w.fillParticipant(env, c.Participant, today)
	env.Set(NameRole, v.role, v.role != "")
	return caseObj
}

func (w *Workflow) fillParticipant(env *rules.Env, p Participant, today time.Time) {
	obj := map[string]any{"gender": p.Gender, "nationality": p.Nationality,
		"preferred_language": p.PreferredLanguage, "municipality": p.Municipality, "channel": p.Channel}
	for k, s := range obj {
		env.SetAnswered(NameParticipant+"."+k, s != "")
	}
	birth, known := rules.ParseDate(p.BirthDate)
	obj["birth_date"], obj["age"] = birth, 0.0
	if known {
		obj["age"] = float64(wholeYears(birth, today))
	}
	env.SetAnswered(NameParticipant+".birth_date", known)
	env.SetAnswered(NameParticipant+".age", known)
	env.Set(NameParticipant, obj, true)
}

func zeroDate(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return rules.DateOf(t)
}

// wholeYears is the age in completed years at today of someone born on d.
func wholeYears(d, today time.Time) int {
	dy, dm, dd := d.Date()
	ty, tm, td := today.Date()
	years := ty - dy
	if tm < dm || (tm == dm && td < dd) {
		years--
	}
	return max(years, 0)
}
