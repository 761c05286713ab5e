package workflows

import (
	"slices"

	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/rules"
)

// Workflow is a compiled definition: every rule, step form and text
// template compiled. It is immutable and safe for concurrent use; compile
// it once per published version and keep it.
type Workflow struct {
	def         *Definition
	languages   []string
	staff       []string // the languages staff texts are rendered in
	intake      rules.Schema
	schema      rules.Schema // guards and state actions
	envs        *envPool
	caseFields  map[string]*caseField
	states      []*state
	stateByKey  map[string]*state
	start       *state
	transitions []*transition
	transByKey  map[string]*transition
	schedules   map[string]*schedule
}

type caseField struct {
	key     string
	typ     rules.Type
	def     *CaseField
	options map[string]forms.Text
}

type state struct {
	index    int
	key      string
	path     string
	def      *State
	terminal bool
	sla      *sla
	onEnter  []*action
	out      []*transition
}

type sla struct {
	days    int
	actions []*action
}

type transition struct {
	index     int
	key       string
	path      string
	def       *Transition
	from      []*state
	to        *state // nil: the case stays in its state
	roles     []string
	guard     *rules.Program
	step      *forms.Form
	envs      *envPool // guard schema plus step
	actions   []*action
	automatic bool // a schedule takes it
}

// Definition returns the definition the workflow was compiled from. It must
// not be modified.
func (w *Workflow) Definition() *Definition { return w.def }

// Languages returns the workflow's languages; German comes first.
func (w *Workflow) Languages() []string { return slices.Clone(w.languages) }

// StartState returns the key of the state every case starts in.
func (w *Workflow) StartState() string { return w.start.key }

// Schema returns the names and types guards may read (the studio's list of
// "what a guard can use"); transition actions also see step.
func (w *Workflow) Schema() rules.Schema { return w.schema }

// StateInfo describes a state for lists and timelines.
type StateInfo struct {
	Key      string `json:"key"`
	Label    string `json:"label"`
	Kind     string `json:"kind"`
	SLADays  int    `json:"sla_days,omitempty"`
	Terminal bool   `json:"terminal"`
}

// States returns every state in definition order, labelled in lang
// (fallback German). Participants may see their case's state label.
func (w *Workflow) States(lang string) []StateInfo {
	out := make([]StateInfo, len(w.states))
	for i, s := range w.states {
		out[i] = s.info(w.language(lang))
	}
	return out
}

// State returns one state by key.
func (w *Workflow) State(key, lang string) (StateInfo, bool) {
	s := w.stateByKey[key]
	if s == nil {
		return StateInfo{}, false
	}
	return s.info(w.language(lang)), true
}

func (s *state) info(lang string) StateInfo {
	out := StateInfo{Key: s.key, Label: s.def.Label.Get(lang), Kind: s.def.Kind, Terminal: s.terminal}
	if s.sla != nil {
		out.SLADays = s.sla.days
	}
	return out
}

// language resolves a requested language to one of the workflow's, else
// German.
func (w *Workflow) language(lang string) string {
	if slices.Contains(w.languages, lang) {
		return lang
	}
	return forms.DefaultLanguage
}

// stateLabel is the label of a state in lang ("" for no state).
func (w *Workflow) stateLabel(key, lang string) string {
	if s := w.stateByKey[key]; s != nil {
		return s.def.Label.Get(lang)
	}
	return ""
}
