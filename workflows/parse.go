package workflows

import (
	"fmt"

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
	if err := forms.DecodeStrict(raw, def); err != nil {
		return nil, err
	}
	return def, nil
}
