package workflows

import (
	"fmt"
	"net/http"

	"github.com/multipotenzial/multipotenzial/forms"
)

// Codes of [Error] and of [Reason]. They are stable and double as
// translation keys.
const (
	ErrTransitionUnknown = "transition_unknown" // no such transition in this version
	ErrWrongState        = "wrong_state"        // the transition does not start in the case's state
	ErrRoleNotAllowed    = "role_not_allowed"   // the caller's role may not take it
	ErrAutomaticOnly     = "automatic_only"     // only a timer takes it
	ErrGuardFalse        = "guard_false"        // the guard says no; the message is its reason
	ErrGuardFailed       = "guard_failed"       // the guard could not be evaluated
	ErrStepInvalid       = "step_invalid"       // step-form answers (or the comment) are invalid
	ErrActionFailed      = "action_failed"      // a set action could not be evaluated
)

// Error is why a transition cannot be taken. Message is in the requested
// language; Fields holds the step-form errors (forms' shape, with the
// comment under "comment"); Err is the cause of a failed rule, for the log.
type Error struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  forms.FieldErrors `json:"fields,omitempty"`
	Err     error             `json:"-"`
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("workflow: %s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("workflow: %s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// Status is the HTTP status the adapter answers with.
func (e *Error) Status() int {
	switch e.Code {
	case ErrTransitionUnknown, ErrWrongState:
		return http.StatusConflict // the case moved meanwhile: reload
	case ErrRoleNotAllowed, ErrAutomaticOnly:
		return http.StatusForbidden
	case ErrStepInvalid:
		return http.StatusBadRequest
	}
	return http.StatusUnprocessableEntity
}

// Reason returns the code and message, as shown with an option.
func (e *Error) Reason() *Reason { return &Reason{Code: e.Code, Message: e.Message} }

// Reason says why an option is not allowed now.
type Reason struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func newError(code, lang string, cause error) *Error {
	return &Error{Code: code, Message: message(code, lang), Err: cause}
}
