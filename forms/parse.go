package forms

import (
	"encoding/json/jsontext"
	"encoding/json/v2"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// MaxDefinitionBytes bounds the size of a definition's JSON.
const MaxDefinitionBytes = 1 << 20

// Parse decodes a definition strictly: unknown properties, duplicate
// properties and wrong JSON types are rejected with their path. The error
// is [Diagnostics].
func Parse(raw []byte) (*Definition, error) {
	if len(raw) > MaxDefinitionBytes {
		return nil, Diagnostics{{Path: "", Code: CodeTooLarge, Severity: SeverityError,
			Message: fmt.Sprintf("the definition is too large (%d bytes, max %d)", len(raw), MaxDefinitionBytes)}}
	}
	def := new(Definition)
	if err := DecodeStrict(raw, def); err != nil {
		return nil, err
	}
	return def, nil
}

// DecodeStrict decodes JSON into v the way Parse does (for other
// definition languages, such as workflows): unknown or duplicate properties
// and wrong JSON types are rejected, and the error is [Diagnostics] with the
// path and the JSON line and column.
func DecodeStrict(raw []byte, v any) error {
	if err := json.Unmarshal(raw, v, json.RejectUnknownMembers(true)); err != nil {
		return Diagnostics{parseError(raw, err)}
	}
	return nil
}

func parseError(raw []byte, err error) Diagnostic {
	d := Diagnostic{Code: CodeJSON, Severity: SeverityError}
	var sem *json.SemanticError
	var syn *jsontext.SyntacticError
	var ptr jsontext.Pointer
	var offset int64
	switch {
	case errors.As(err, &sem):
		ptr, offset = sem.JSONPointer, sem.ByteOffset
		d.Code, d.Message = CodeWrongJSONType, "wrong JSON type"
		if sem.JSONKind != 0 && sem.GoType != nil {
			d.Message = fmt.Sprintf("wrong JSON type: %s", sem.JSONKind.String())
		}
		if errors.Is(sem.Err, json.ErrUnknownName) {
			d.Code, d.Message = CodeUnknownProperty, fmt.Sprintf("unknown property %q", ptr.LastToken())
		}
	case errors.As(err, &syn):
		ptr, offset = syn.JSONPointer, syn.ByteOffset
		d.Message = syn.Err.Error()
	default:
		d.Message = err.Error()
	}
	d.Path = pointerPath(ptr)
	line, col := lineColumn(raw, offset)
	d.Message = fmt.Sprintf("%s (JSON line %d, column %d)", d.Message, line, col)
	return d
}

// pointerPath converts a JSON pointer (/sections/1/fields/3/label) into a
// definition path (sections[1].fields[3].label).
func pointerPath(p jsontext.Pointer) string {
	var b strings.Builder
	for tok := range p.Tokens() {
		if _, err := strconv.Atoi(tok); err == nil {
			b.WriteString("[" + tok + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(tok)
	}
	return b.String()
}

func lineColumn(raw []byte, offset int64) (line, col int) {
	line, col = 1, 1
	for i := int64(0); i < offset && i < int64(len(raw)); i++ {
		if raw[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}
