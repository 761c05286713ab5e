package hooks

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"
)

// participantFields are the intake form keys that fill the participant
// record of the same name (documented in docs/form-language.md); every other
// answer stays with the submission and the case.
var participantFields = []string{"first_name", "last_name", "birth_date", "gender", "nationality",
	"preferred_language", "email", "phone", "messenger", "municipality", "address"}

var participantGenders = []string{"female", "male", "diverse", "unspecified"}

// fillParticipant copies the identity and contact answers into p.
func fillParticipant(p *core.Record, answers map[string]any, language string) {
	for _, key := range participantFields {
		v, ok := answers[key].(string)
		if !ok || v == "" {
			continue
		}
		if key == "gender" && !slices.Contains(participantGenders, v) {
			continue
		}
		p.Set(key, v)
	}
	if p.GetString("preferred_language") == "" {
		p.Set("preferred_language", language)
	}
}
