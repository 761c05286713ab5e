package hooks

import (
	"net/http"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"

	"github.com/multipotenzial/multipotenzial/forms"
)

// rotateClaim gives a submission a new one-time account claim.
func rotateClaim(app core.App, sub *core.Record, now time.Time) (string, error) {
	claim := security.RandomString(32)
	sub.Set("claim_hash", hashClaim(claim))
	sub.Set("claim_expires", now.Add(claimValidity))
	return claim, app.Save(sub)
}

type accountBody struct {
	Reference string `json:"reference"`
	Claim     string `json:"claim"`
	Email     string `json:"email"`
	Password  string `json:"password"`
}

// handleCreateAccount: POST /api/mp/public/accounts — a participant who wants
// to follow their case creates a login with the one-time claim from the
// confirmation. This is the only place a participant password is hashed, so
// registering stays fast; the route is rate limited (bcrypt is costly).
func (s *service) handleCreateAccount(e *core.RequestEvent) error {
	var body accountBody
	if err := e.BindBody(&body); err != nil {
		return writeFieldError(e, forms.FormPath, "request_invalid_json", "The request body is not valid JSON.")
	}
	denied := func() error {
		return writeFieldError(e, "claim", "account_claim_invalid",
			"This confirmation cannot create an account (expired, used or unknown).")
	}
	if body.Reference == "" || body.Claim == "" {
		return denied()
	}
	sub, err := e.App.FindFirstRecordByFilter("submissions", "reference = {:r} && claim_hash = {:h}",
		dbx.Params{"r": body.Reference, "h": hashClaim(body.Claim)})
	if err != nil || sub.GetDateTime("claim_expires").Time().Before(s.now()) {
		return denied()
	}
	col, err := e.App.FindCachedCollectionByNameOrId("participant_accounts")
	if err != nil {
		return err
	}
	var account *core.Record
	err = asCaller(e).RunInTransaction(func(txApp core.App) error {
		account = core.NewRecord(col)
		account.SetEmail(body.Email)
		account.SetPassword(body.Password)
		account.Set("participant", sub.GetString("participant"))
		account.Set("tenant", sub.GetString("tenant"))
		if err := txApp.Save(account); err != nil {
			return err
		}
		sub.Set("claim_hash", "") // one-time
		return txApp.Save(sub)
	})
	if err != nil {
		return e.BadRequestError("The account could not be created.", err)
	}
	return e.JSON(http.StatusCreated, map[string]any{"id": account.Id, "email": account.Email()})
}

// handlePow: GET /api/mp/public/pow — a new proof-of-work challenge.
func (s *service) handlePow(e *core.RequestEvent) error {
	e.Response.Header().Set("Cache-Control", "no-store")
	return e.JSON(http.StatusOK, map[string]any{"challenge": s.pow.issue(), "difficulty": s.pow.difficulty})
}
