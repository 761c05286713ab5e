package forms

// TestCase is a test a definition carries: given these answers (on this
// day), the form must behave as expected. Publishing runs them
// ([Form.RunTests]) and refuses on failure.
type TestCase struct {
	Name     string         `json:"name"`
	Today    string         `json:"today,omitempty"`
	Language string         `json:"language,omitempty"`
	Answers  map[string]any `json:"answers"`
	Expect   Expectation    `json:"expect"`
}

// Expectation lists what must hold. Lists are not exhaustive: only the
// named paths are checked. Paths are field paths (key, group[0].sub) or
// section:<key>.
type Expectation struct {
	Visible     []string          `json:"visible,omitempty"`
	Hidden      []string          `json:"hidden,omitempty"`
	Required    []string          `json:"required,omitempty"`
	NotRequired []string          `json:"not_required,omitempty"`
	Values      map[string]any    `json:"values,omitempty"`
	Errors      map[string]string `json:"errors,omitempty"`
	// NoErrors lists paths that must have no error.
	NoErrors []string `json:"no_errors,omitempty"`
	// Valid, when set, says whether Validate must accept the answers.
	Valid *bool `json:"valid,omitempty"`
	// Dropped lists answer keys that Validate must not keep (hidden fields).
	Dropped []string `json:"dropped,omitempty"`
}
