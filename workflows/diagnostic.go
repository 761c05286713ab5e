package workflows

import (
	"fmt"

	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/rules"
)

// Diagnostic is one problem in a definition, in the same shape as the form
// language's: Path points into the definition (transitions[3].guard);
// Line/Column/From/To locate a problem inside a rule.
type Diagnostic = forms.Diagnostic

// Diagnostics is a list of problems; as an error it means "not compiled".
type Diagnostics = forms.Diagnostics

// Severities (errors block publishing, warnings do not).
const (
	SeverityError   = forms.SeverityError
	SeverityWarning = forms.SeverityWarning
)

// Diagnostic codes of the workflow compiler, on top of the definition_*,
// key_*, text_*, translation_missing and rule_* codes of forms and rules.
// They are stable and double as translation keys in the studio.
const (
	CodeStartState        = "workflow_start_state"
	CodeStateKind         = "state_kind_invalid"
	CodeStateUnknown      = "state_unknown"
	CodeStateUnreachable  = "state_unreachable"
	CodeStateDeadEnd      = "state_dead_end"
	CodeTerminalOutgoing  = "terminal_outgoing"
	CodeTerminalTimer     = "terminal_sla"
	CodeTransitionTarget  = "transition_target"
	CodeRoleInvalid       = "role_invalid"
	CodeNobodyMayTake     = "transition_unusable"
	CodeGuardReason       = "guard_reason_missing"
	CodeActionType        = "action_type_unknown"
	CodeActionNotAllowed  = "action_not_allowed"
	CodeFieldUnknown      = "case_field_unknown"
	CodeFieldType         = "case_field_type_unknown"
	CodeValueInvalid      = forms.CodeValueInvalid
	CodeTransitionUnknown = "transition_unknown"
	CodeScheduleInvalid   = "schedule_invalid"
	CodePlaceholder       = "placeholder_unknown"
	CodeIntakeReserved    = "intake_reserved_name"
	CodeMigrationUnmapped = "migration_unmapped"
	CodeMigrationUnknown  = "migration_state_unknown"
	CodeMigrationTerminal = "migration_to_terminal"
	CodeMigrationClosed   = "migration_closed"
)

// diags collects diagnostics during Compile.
type diags struct{ list Diagnostics }

func (d *diags) errorf(path, code, format string, args ...any) {
	d.list = append(d.list, Diagnostic{Path: path, Code: code, Message: fmt.Sprintf(format, args...), Severity: SeverityError})
}

func (d *diags) warnf(path, code, format string, args ...any) {
	d.list = append(d.list, Diagnostic{Path: path, Code: code, Message: fmt.Sprintf(format, args...), Severity: SeverityWarning})
}

// rule adds the diagnostics of a rule at path.
func (d *diags) rule(path string, rd rules.Diagnostics) {
	d.list = append(d.list, forms.RuleDiagnostics(path, rd)...)
}
