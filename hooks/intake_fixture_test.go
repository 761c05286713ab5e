package hooks_test

import (
	"encoding/json"
	"maps"
)

// intakeAnswers is a complete, valid registration for the demo intake form:
// a recognised refugee without children or foreign qualification.
func intakeAnswers() map[string]any {
	return map[string]any{
		"data_processing_consent": true, "first_name": "Rasha", "last_name": "Khalil", "birth_date": "1994-02-20",
		"nationality": "SY", "has_children": false, "municipality": "Mühlhausen", "postal_code": "99974",
		"phone": "+49 151 23456789", "preferred_language": "ar", "german_level": "b2",
		"residence_status": "recognised_refugee", "permit_valid_until": "2028-01-31", "jobcenter": false,
		"has_foreign_qualification": false, "desired_occupation": "Elektrikerin", "driving_licence": "none",
		"mobility": []any{"public_transport"},
	}
}

// with returns a copy of intakeAnswers changed by kv pairs (nil deletes).
func with(kv ...any) map[string]any {
	a := intakeAnswers()
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == nil {
			delete(a, kv[i].(string))
		} else {
			a[kv[i].(string)] = kv[i+1]
		}
	}
	return a
}

func jsonBody(v any) string {
	raw, _ := json.Marshal(v)
	return string(raw)
}

func submitBody(answers map[string]any, lang string, pow map[string]string) map[string]any {
	b := map[string]any{"answers": maps.Clone(answers), "language": lang, "website": ""}
	if pow != nil {
		b["pow"] = pow
	}
	return b
}
