package hooks

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/multipotenzial/multipotenzial/forms"
)

// ErrDefinitionRejected means a definition was not published: see the
// diagnostics and test failures of the PublishResult.
var ErrDefinitionRejected = errors.New("definition rejected")

// PublishResult is what publishing a definition found and did.
type PublishResult struct {
	Version     *core.Record        `json:"-"`
	Number      int                 `json:"version,omitempty"`
	Diagnostics []forms.Diagnostic  `json:"diagnostics"`
	Tests       []forms.TestFailure `json:"test_failures"`
}

// identityFields must be in every intake form: a case needs a person.
var identityFields = []string{"first_name", "last_name"}

// CheckForm compiles a form definition and runs its test cases without
// publishing; the diagnostics include the adapter's own checks.
func CheckForm(raw []byte) (*forms.Form, PublishResult) {
	var res PublishResult
	def, err := forms.Parse(raw)
	if err != nil {
		var diags forms.Diagnostics
		if errors.As(err, &diags) {
			res.Diagnostics = diags
		} else {
			res.Diagnostics = []forms.Diagnostic{{Path: "", Code: "definition_invalid_json",
				Message: err.Error(), Severity: forms.SeverityError}}
		}
		return nil, res
	}
	f, diags := forms.Compile(def)
	res.Diagnostics = append(res.Diagnostics, diags...)
	if f == nil || diags.HasErrors() {
		return nil, res
	}
	for _, key := range identityFields {
		if info, ok := f.Field(key); !ok || info.InRepeat() {
			res.Diagnostics = append(res.Diagnostics, forms.Diagnostic{Path: "sections", Code: "intake_missing_identity",
				Message:  "An intake form needs a top-level field \"" + key + "\" (it fills the participant record).",
				Severity: forms.SeverityError})
		}
	}
	res.Tests = f.RunTests()
	return f, res
}

// PublishForm publishes raw as the next form version of offer: it refuses
// with ErrDefinitionRejected on diagnostics errors or failing test cases.
// Call it in a transaction with the transaction's app.
func PublishForm(txApp core.App, offer *core.Record, raw []byte, actor, note string) (PublishResult, error) {
	f, res := CheckForm(raw)
	if f == nil || forms.Diagnostics(res.Diagnostics).HasErrors() || len(res.Tests) > 0 {
		return res, ErrDefinitionRejected
	}
	rec, err := saveVersion(txApp, "form_versions", offer, raw, actor, note, nil)
	if err != nil {
		return res, err
	}
	offer.Set("form_version", rec.Id)
	if err := txApp.Save(offer); err != nil {
		return res, err
	}
	res.Version, res.Number = rec, rec.GetInt("version")
	return res, nil
}

// saveVersion stores raw as the next immutable version of offer in collection.
func saveVersion(txApp core.App, collection string, offer *core.Record, raw []byte, actor, note string, extra map[string]any) (*core.Record, error) {
	col, err := txApp.FindCachedCollectionByNameOrId(collection)
	if err != nil {
		return nil, err
	}
	var last int
	_ = txApp.DB().Select("COALESCE(MAX(version), 0)").From(collection).
		Where(dbx.HashExp{"offer_type": offer.Id}).Row(&last)
	sum := sha256.Sum256(raw)
	rec := core.NewRecord(col)
	rec.Set("tenant", offer.GetString("tenant"))
	rec.Set("offer_type", offer.Id)
	rec.Set("version", last+1)
	rec.Set("definition", types.JSONRaw(raw))
	rec.Set("checksum", hex.EncodeToString(sum[:]))
	rec.Set("published_by", actor)
	rec.Set("note", note)
	for k, v := range extra {
		rec.Set(k, v)
	}
	return rec, txApp.Save(rec)
}

type publishBody struct {
	Definition json.RawMessage `json:"definition"` // omitted: publish the offer's saved draft
	Note       string          `json:"note"`
}

// publishFunc publishes raw as the next version of one kind of definition.
type publishFunc func(tx core.App, offer *core.Record, raw []byte, actor, note string) (PublishResult, error)

// handlePublish is both publish routes (POST /api/mp/offers/{offer}/form/publish
// and …/workflow/publish): the caller administers the offer (tenant admins of
// its Träger, network admins for templates); the body's definition, or the
// offer's saved draft, is published in a transaction that re-reads the offer.
func (s *service) handlePublish(draftField string, publish publishFunc) func(*core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		offer, err := s.loadOfferForAdmin(e)
		if err != nil {
			return err
		}
		var body publishBody
		if err := e.BindBody(&body); err != nil {
			return e.BadRequestError("Invalid JSON body.", err)
		}
		raw := []byte(body.Definition)
		if len(raw) == 0 {
			raw = []byte(offer.GetString(draftField))
		}
		var res PublishResult
		err = asCaller(e).RunInTransaction(func(txApp core.App) error {
			fresh, err := txApp.FindRecordById("offer_types", offer.Id)
			if err != nil {
				return err
			}
			res, err = publish(txApp, fresh, raw, e.Auth.Id, body.Note)
			return err
		})
		if errors.Is(err, ErrDefinitionRejected) {
			return writeError(e, http.StatusUnprocessableEntity, "The definition was not published.", res)
		}
		if err != nil {
			return e.InternalServerError("Publishing failed.", err)
		}
		return e.JSON(http.StatusCreated, res)
	}
}

// loadOfferForAdmin loads the {offer} of the path if the caller administers
// it, else answers 404 (an offer of another Träger does not exist for them).
func (s *service) loadOfferForAdmin(e *core.RequestEvent) (*core.Record, error) {
	c := callerOf(e.Auth)
	offer, err := e.App.FindRecordById("offer_types", e.Request.PathValue("offer"))
	if err != nil {
		return nil, e.NotFoundError("", nil)
	}
	tenant := offer.GetString("tenant")
	switch {
	case c.Role == RoleTenantAdmin && c.Tenant != "" && tenant == c.Tenant:
	case c.Role == RoleNetworkAdmin && tenant == "":
	case c.Kind == callerStaff && c.Tenant != "" && tenant == c.Tenant:
		return nil, e.ForbiddenError("Only tenant admins publish definitions.", nil)
	default:
		return nil, e.NotFoundError("", nil)
	}
	return offer, nil
}
