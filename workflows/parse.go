package workflows

import (
	"encoding/json/jsontext"
	"encoding/json/v2"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/multipotenzial/multipotenzial/forms"
)

// MaxDefinitionBytes bounds the size of a definition's JSON (the column
// workflow_versions.definition holds 1 MB).
const MaxDefinitionBytes = 1 << 20

// Parse decodes a definition strictly: unknown properties, duplicate
// properties and wrong JSON types are rejected with their path
// (transitions[2].step_form.fields[0].lable). The error is [Diagnostics].
func Parse(raw []byte) (*Definition, error) {
	if len(raw) > MaxDefinitionBytes {
		return nil, Diagnostics{{Code: forms.CodeTooLarge, Severity: SeverityError,
			Message: fmt.Sprintf("the definition is too large (%d bytes, max %d)", len(raw), MaxDefinitionBytes)}}
	}
	def := new(Definition)
	if err := json.Unmarshal(raw, def, json.RejectUnknownMembers(true)); err != nil {
		return nil, Diagnostics{decodeError(raw, err)}
	}
	return def, nil
}

// decodeError turns a json/v2 error into a diagnostic with the path of the
// offending value and its line and column in the JSON.
func decodeError(raw []byte, err error) Diagnostic {
	d := Diagnostic{Code: forms.CodeJSON, Severity: SeverityError, Message: err.Error()}
	var ptr jsontext.Pointer
	var offset int64
	var sem *json.SemanticError
	var syn *jsontext.SyntacticError
	if errors.As(err, &sem) {
		ptr, offset = sem.JSONPointer, sem.ByteOffset
		d.Code, d.Message = forms.CodeWrongJSONType, "wrong JSON type"
		if sem.JSONKind != 0 {
			d.Message += ": " + sem.JSONKind.String()
		}
		if errors.Is(sem.Err, json.ErrUnknownName) {
			d.Code, d.Message = forms.CodeUnknownProperty, fmt.Sprintf("unknown property %q", ptr.LastToken())
		}
	} else if errors.As(err, &syn) {
		ptr, offset = syn.JSONPointer, syn.ByteOffset
		d.Message = syn.Err.Error()
	}
	var path strings.Builder
	for tok := range ptr.Tokens() {
		if _, isIndex := strconv.Atoi(tok); isIndex == nil {
			fmt.Fprintf(&path, "[%s]", tok)
		} else {
			if path.Len() > 0 {
				path.WriteByte('.')
			}
			path.WriteString(tok)
		}
	}
	d.Path = path.String()
	line, col := 1, 1
	for _, b := range raw[:min(max(offset, 0), int64(len(raw)))] {
		if b == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	d.Message = fmt.Sprintf("%s (JSON line %d, column %d)", d.Message, line, col)
	return d
}
