package workflows

import "github.com/multipotenzial/multipotenzial/forms"

// Definition is a workflow as a Träger admin writes it (JSON, see
// docs/workflow-language.md). It is plain data; [Compile] checks it.
type Definition struct {
	Schema      string       `json:"$schema,omitempty"`
	Title       forms.Text   `json:"title"`
	Description forms.Text   `json:"description,omitempty"`
	Languages   []string     `json:"languages"`
	CaseFields  []CaseField  `json:"case_fields,omitempty"`
	States      []State      `json:"states"`
	Transitions []Transition `json:"transitions"`
}

// CaseField is a value the workflow keeps on the case (case.<key> in
// rules), written only by set actions.
type CaseField struct {
	Key     string         `json:"key"`
	Type    string         `json:"type"`
	Label   forms.Text     `json:"label"`
	Options []forms.Option `json:"options,omitempty"`
}

// State is one state of a case.
type State struct {
	Key     string     `json:"key"`
	Label   forms.Text `json:"label"`
	Kind    string     `json:"kind"`
	SLA     *SLA       `json:"sla,omitempty"`
	OnEnter []Action   `json:"on_enter,omitempty"`
}

// SLA is the time a case may stay in a state; when it runs out, the
// actions run (a task or a notification) and the case counts as overdue.
type SLA struct {
	Days    int      `json:"days"`
	Actions []Action `json:"actions,omitempty"`
}

// Transition moves a case from one of From to To (or, with Stay, keeps it
// in its state and only runs the actions).
type Transition struct {
	Key         string     `json:"key"`
	From        []string   `json:"from"`
	To          string     `json:"to,omitempty"`
	Stay        bool       `json:"stay,omitzero"`
	Label       forms.Text `json:"label"`
	Roles       []string   `json:"roles,omitempty"`
	Guard       string     `json:"guard,omitempty"`
	GuardReason forms.Text `json:"guard_reason,omitempty"`
	StepForm    *StepForm  `json:"step_form,omitempty"`
	Actions     []Action   `json:"actions,omitempty"`
}

// StepForm holds the fields filled while taking a transition, in the form
// language (docs/form-language.md).
type StepForm struct {
	Description forms.Text    `json:"description,omitempty"`
	Fields      []forms.Field `json:"fields"`
}

// Action is one thing a transition, a state entry, an SLA or a schedule
// does. Which properties it may have depends on Type; Compile rejects the
// others.
type Action struct {
	Type string `json:"type"`
	// set
	Field string `json:"field,omitempty"`
	Value string `json:"value,omitempty"`
	// task
	Title    forms.Text `json:"title,omitempty"`
	DueDays  *int       `json:"due_days,omitempty"`
	Assignee string     `json:"assignee,omitempty"`
	// notify
	To      string     `json:"to,omitempty"`
	Subject forms.Text `json:"subject,omitempty"`
	Body    forms.Text `json:"body,omitempty"`
	// schedule
	Key        string   `json:"key,omitempty"`
	AfterDays  *int     `json:"after_days,omitempty"`
	WhileIn    []string `json:"while_in,omitempty"`
	Transition string   `json:"transition,omitempty"`
	Actions    []Action `json:"actions,omitempty"`
}

// State kinds.
const (
	KindStart    = "start"
	KindActive   = "active"
	KindTerminal = "terminal"
)

// Action types.
const (
	ActionSet      = "set"
	ActionTask     = "task"
	ActionNotify   = "notify"
	ActionSchedule = "schedule"
)

// Roles. Staff take transitions as counsellor or tenant_admin; timers take
// automatic transitions as system.
const (
	RoleCounsellor  = "counsellor"
	RoleTenantAdmin = "tenant_admin"
	RoleSystem      = "system"
)

// Task assignees.
const (
	AssignCase       = "case_assignee"
	AssignActor      = "actor"
	AssignUnassigned = "unassigned"
)

// Notification recipients.
const (
	NotifyAssignee    = "assignee"
	NotifyParticipant = "participant"
)

// FromAny in From stands for every state that is not terminal.
const FromAny = "*"
