package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/forms"
)

// errorBody is PocketBase's error shape, with data we control: PocketBase's
// own ApiError drops data that is not a validation error, and our field
// errors carry messages in the participant's language.
type errorBody struct {
	Status  int    `json:"status"`
	Message string `json:"message"`
	Data    any    `json:"data"`
}

func writeError(e *core.RequestEvent, status int, message string, data any) error {
	if data == nil {
		data = map[string]any{}
	}
	return e.JSON(status, errorBody{Status: status, Message: message, Data: data})
}

// writeFieldErrors answers 400 with field-level errors (code + localized message).
func writeFieldErrors(e *core.RequestEvent, errs forms.FieldErrors) error {
	return writeError(e, http.StatusBadRequest, "Validation failed.", errs)
}

// writeFieldError answers 400 with one error at path.
func writeFieldError(e *core.RequestEvent, path, code, message string) error {
	return writeFieldErrors(e, forms.FieldErrors{path: {Code: code, Message: message}})
}
