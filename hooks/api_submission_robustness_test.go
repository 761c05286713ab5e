package hooks_test

import (
	"strings"
	"testing"

	"github.com/multipotenzial/multipotenzial/internal/testapp"
)

// An email address the form's check lets through but the participant
// record's stricter one refuses is a 400 on the field, never a 500, and
// nothing is stored.
func TestSubmissionRecordValidationIs400(t *testing.T) {
	app := testapp.New(t)
	app.Settings().RateLimits.Enabled = false
	c := testapp.Serve(t, app)
	before := counts(t, app)
	for i, email := range []string{"a..b@example.org", "a,b@example.org"} {
		res := c.DoWith("POST", bwtwIntake+"/submissions", map[string]string{"Idempotency-Key": "robust-key-" + string(rune('a'+i))},
			submitBody(with("email", email), "de", testapp.Pow(t, c)))
		if res.Status != 400 || !strings.Contains(string(res.Body), `"email":{"code":"validation_is_email"`) {
			t.Fatalf("%s: %d %s", email, res.Status, res.Body)
		}
	}
	if after := counts(t, app); after != before {
		t.Fatalf("stored something: %v → %v", before, after)
	}
}
