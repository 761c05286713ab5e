package demo

import "strings"

// nationalityCodes maps the demo people's nationality to the intake form's options.
var nationalityCodes = map[string]string{"Syrien": "SY", "Afghanistan": "AF", "Ukraine": "UA", "Eritrea": "ER", "Türkei": "TR"}

// residenceOf gives each demo person a plausible residence status.
func residenceOf(p person) string {
	switch p.Nationality {
	case "Ukraine":
		return "temporary_protection"
	case "Afghanistan":
		return "subsidiary_protection"
	}
	return "recognised_refugee"
}

// intakeAnswers are the answers a demo person gives in the intake form.
func intakeAnswers(p person) map[string]any {
	a := map[string]any{
		"data_processing_consent":   true,
		"first_name":                p.First,
		"last_name":                 p.Last,
		"birth_date":                p.Birth,
		"gender":                    p.Gender,
		"nationality":               nationalityCodes[p.Nationality],
		"has_children":              p.Children > 0,
		"municipality":              p.Municipality,
		"postal_code":               p.PostalCode,
		"phone":                     p.Phone,
		"messenger":                 []any{"whatsapp"},
		"preferred_language":        p.Language,
		"german_level":              p.GermanLevel,
		"residence_status":          residenceOf(p),
		"permit_valid_until":        "2028-06-30",
		"jobcenter":                 true,
		"jobcenter_office":          p.Jobcenter,
		"jobcenter_consent":         true,
		"has_foreign_qualification": p.Qualification != "",
		"desired_occupation":        p.Occupation,
		"driving_licence":           "none",
		"mobility":                  []any{"public_transport", "bicycle"},
	}
	if p.Qualification != "" {
		a["qualification_title"] = p.Qualification
		a["recognition_status"] = "in_progress"
	}
	if !strings.HasPrefix(p.GermanLevel, "b2") && p.GermanLevel != "c1" {
		a["integration_course"] = "attending"
	}
	if p.Children > 0 {
		a["children_count"] = p.Children
		a["youngest_child_birth_date"] = "2021-04-10"
		a["childcare_needed"] = "yes"
		a["childcare_times"] = []any{"morning"}
	}
	return a
}
