package hooks

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/forms"
	"github.com/multipotenzial/multipotenzial/rules"
)

// The studio's draft routes: a running preview of a form draft and the check
// of a workflow draft against the form draft it will be published with.
// Admins only; nothing is stored. Published forms are compiled once per
// version; drafts change on every keystroke, so they are compiled per call,
// kept in a small cache by their content hash (typing answers into the
// preview compiles nothing).
func bindStudioRoutes(app core.App, s *service) {
	bindStudioVisibility(app)
	drafts := s.drafts
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		g := se.Router.Group("/api/mp/definitions").Bind(apis.RequireAuth("users"), apis.BodyLimit(2<<20))
		g.POST("/preview", func(e *core.RequestEvent) error { return s.handleDraftPreview(e, drafts) })
		g.POST("/evaluate", func(e *core.RequestEvent) error { return s.handleDraftEvaluate(e, drafts) })
		g.POST("/check-workflow", s.handleCheckWorkflowDraft)
		return se.Next()
	})
}

type draftBody struct {
	Definition json.RawMessage `json:"definition"`
	Answers    map[string]any  `json:"answers"`
	Language   string          `json:"language"`
}

// requireAdmin answers 403 unless the caller is a tenant or network admin.
func requireAdmin(e *core.RequestEvent) (caller, error) {
	c := callerOf(e.Auth)
	if c.Kind != callerStaff || (c.Role != RoleTenantAdmin && c.Role != RoleNetworkAdmin) {
		return c, e.ForbiddenError("Only admins work on definitions.", nil)
	}
	return c, nil
}

// draftForm binds the body and compiles its form definition; on compile
// errors it has already answered 422 with the diagnostics (form nil).
func draftForm(e *core.RequestEvent, cache *forms.Cache) (*forms.Form, draftBody, error) {
	var body draftBody
	if _, err := requireAdmin(e); err != nil {
		return nil, body, err
	}
	if err := e.BindBody(&body); err != nil || len(body.Definition) == 0 {
		return nil, body, writeFieldError(e, "definition", "request_invalid_json", "Send the definition as JSON.")
	}
	f, err := cachedDraft(cache, body.Definition)
	if err != nil {
		var diags forms.Diagnostics
		if !errors.As(err, &diags) {
			diags = forms.Diagnostics{{Code: forms.CodeJSON, Message: err.Error(), Severity: forms.SeverityError}}
		}
		return nil, body, writeError(e, http.StatusUnprocessableEntity, "The definition does not compile.",
			PublishResult{Diagnostics: diags, Tests: []forms.TestFailure{}})
	}
	return f, body, nil
}

// cachedDraft compiles a form draft, or takes it from the cache by the hash
// of its JSON (the same draft is checked, previewed and evaluated in turn).
func cachedDraft(cache *forms.Cache, raw []byte) (*forms.Form, error) {
	sum := sha256.Sum256(raw)
	return cache.Get("draft:"+hex.EncodeToString(sum[:]), func() ([]byte, error) { return raw, nil })
}

// handleDraftPreview: POST /api/mp/definitions/preview — a form draft in the
// wire format of GET /api/mp/public/offers/{tenant}/{offer}, with "initial"
// the evaluation of the answers sent (of the defaults without answers).
func (s *service) handleDraftPreview(e *core.RequestEvent, cache *forms.Cache) error {
	f, body, err := draftForm(e, cache)
	if f == nil {
		return err
	}
	loc := f.LocalizeAt(body.Language, s.now())
	if body.Answers != nil {
		loc.Initial = f.Evaluate(body.Answers, forms.Options{Language: loc.Language, Now: s.now()})
	}
	return e.JSON(http.StatusOK, loc)
}

// handleDraftEvaluate: POST /api/mp/definitions/evaluate — the public
// evaluate route for a form draft: {hidden, required, values, errors}.
func (s *service) handleDraftEvaluate(e *core.RequestEvent, cache *forms.Cache) error {
	f, body, err := draftForm(e, cache)
	if f == nil {
		return err
	}
	return e.JSON(http.StatusOK, f.Evaluate(body.Answers, forms.Options{Language: body.Language, Now: s.now()}))
}

type workflowDraftBody struct {
	Definition json.RawMessage `json:"definition"`
	Form       json.RawMessage `json:"form"`  // the form draft the workflow will be published with
	Offer      string          `json:"offer"` // else: the offer's published form
}

// handleCheckWorkflowDraft: POST /api/mp/definitions/check-workflow — the
// diagnostics of a workflow draft with its guards typed by the form draft
// (the studio publishes both together), or by the offer's published form
// when the draft does not compile or is not sent. "intake" says which.
func (s *service) handleCheckWorkflowDraft(e *core.RequestEvent) error {
	c, err := requireAdmin(e)
	if err != nil {
		return err
	}
	var body workflowDraftBody
	if err := e.BindBody(&body); err != nil || len(body.Definition) == 0 {
		return writeFieldError(e, "definition", "request_invalid_json", "Send the definition as JSON.")
	}
	intake, source, err := s.draftIntake(e, c, body.Offer, body.Form)
	if err != nil {
		return err
	}
	_, res := CheckWorkflow(body.Definition, intake)
	return e.JSON(http.StatusOK, map[string]any{"diagnostics": res.Diagnostics, "intake": source})
}

// draftIntake types a workflow draft's guards: by the form draft when it is
// sent and compiles (the studio publishes both together), else by the
// offer's published form. The offer is checked even when unused: another
// Träger's offer is a 404. source says which: draft, published or none.
func (s *service) draftIntake(e *core.RequestEvent, c caller, offer string, form json.RawMessage) (rules.Schema, string, error) {
	source, intake := "none", rules.Schema{}
	if offer != "" {
		var err error
		if intake, err = s.offerIntake(e, c, offer); err != nil {
			return nil, "", err
		}
		source = "published"
	}
	if len(form) > 0 {
		if f, err := cachedDraft(s.drafts, form); err == nil {
			source, intake = "draft", f.Schema()
		}
	}
	return intake, source, nil
}
