package hooks

import (
	"errors"
	"net/http"
	"syscall"

	"github.com/pocketbase/pocketbase/core"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/multipotenzial/multipotenzial/forms"
)

// storageRetryAfter is what a client is told to wait when the server could
// not store a write for a reason that passes (a full disk, a shutdown).
const storageRetryAfter = "30"

// storageUnavailable tells a write that failed because the server cannot
// store anything right now — the disk is full, or the registration writer
// stopped for a shutdown — from one that failed for good.
func storageUnavailable(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_FULL {
		return true
	}
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, errWriterStopped)
}

// writeSaveFailure answers a failed write: 503 with Retry-After and the code
// storage_unavailable when it may well work in a while (the registration
// page then keeps its draft and sends it again under the same
// Idempotency-Key), else a 500 with message. Both are logged.
func writeSaveFailure(e *core.RequestEvent, message string, err error) error {
	if !storageUnavailable(err) {
		return e.InternalServerError(message, err)
	}
	e.App.Logger().Warn("a write failed: the server cannot store data now", "path", e.Request.URL.Path, "error", err)
	e.Response.Header().Set("Retry-After", storageRetryAfter)
	const text = "The server cannot store data right now. Nothing was saved; please try again in a little while."
	return writeError(e, http.StatusServiceUnavailable, text,
		forms.FieldErrors{forms.FormPath: {Code: "storage_unavailable", Message: text}})
}
