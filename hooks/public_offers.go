package hooks

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/forms"
)

type tenantSummary struct {
	Slug    string          `json:"slug"`
	Name    string          `json:"name"`
	Address string          `json:"address,omitempty"`
	Email   string          `json:"email,omitempty"`
	Phone   string          `json:"phone,omitempty"`
	Regions []regionSummary `json:"regions"`
}

type regionSummary struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

type offerSummary struct {
	Slug        string `json:"slug"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	Category    string `json:"category"`
}

type catalogueItem struct {
	Tenant tenantSummary `json:"tenant"`
	Offer  offerSummary  `json:"offer"`
	// Regions are the districts the offer is for: its own, as the studio
	// sets them per offer, else its Träger's.
	Regions []regionSummary `json:"regions"`
}

// handlePublicOffers: GET /api/mp/public/offers?lang= — the public, active,
// published offers of all Träger, with Träger and district.
func (s *service) handlePublicOffers(e *core.RequestEvent) error {
	lang := e.Request.URL.Query().Get("lang")
	offers, err := e.App.FindAllRecords("offer_types", dbx.HashExp{"public": true, "status": "active"},
		dbx.Not(dbx.HashExp{"tenant": ""}), dbx.Not(dbx.HashExp{"form_version": ""}))
	if err != nil {
		return err
	}
	regions, err := regionsById(e.App)
	if err != nil {
		return err
	}
	tenants, err := s.tenantSummaries(e.App, regions)
	if err != nil {
		return err
	}
	items := make([]catalogueItem, 0, len(offers))
	for _, o := range offers {
		t, ok := tenants[o.GetString("tenant")]
		if !ok {
			continue // an inactive Träger
		}
		own := summarizeRegions(regions, o.GetStringSlice("regions"))
		if len(own) == 0 {
			own = t.Regions
		}
		items = append(items, catalogueItem{Tenant: t, Offer: summarizeOffer(o, lang), Regions: own})
	}
	return e.JSON(http.StatusOK, map[string]any{"items": items})
}

// regionsById reads the districts (four in the network; a full read is cheap).
func regionsById(app core.App) (map[string]regionSummary, error) {
	regions, err := app.FindAllRecords("regions")
	if err != nil {
		return nil, err
	}
	byId := make(map[string]regionSummary, len(regions))
	for _, r := range regions {
		byId[r.Id] = regionSummary{Code: r.GetString("code"), Name: r.GetString("name")}
	}
	return byId, nil
}

// summarizeRegions are the districts of ids, in their order; an id whose
// district was deleted is left out.
func summarizeRegions(byId map[string]regionSummary, ids []string) []regionSummary {
	out := make([]regionSummary, 0, len(ids))
	for _, id := range ids {
		if r, ok := byId[id]; ok {
			out = append(out, r)
		}
	}
	return out
}

func (s *service) tenantSummaries(app core.App, regions map[string]regionSummary) (map[string]tenantSummary, error) {
	tenants, err := app.FindAllRecords("tenants", dbx.HashExp{"active": true})
	if err != nil {
		return nil, err
	}
	out := map[string]tenantSummary{}
	for _, t := range tenants {
		out[t.Id] = tenantSummary{Slug: t.GetString("slug"), Name: t.GetString("name"), Address: t.GetString("address"),
			Email: t.GetString("email"), Phone: t.GetString("phone"), Regions: summarizeRegions(regions, t.GetStringSlice("regions"))}
	}
	return out, nil
}

func summarizeOffer(o *core.Record, lang string) offerSummary {
	return offerSummary{Slug: o.GetString("slug"), Title: localizedJSON(o, "title", lang),
		Description: localizedJSON(o, "description", lang), Category: o.GetString("category")}
}

// localizedJSON picks lang from a {"de": …, "en": …} JSON field, else German.
func localizedJSON(r *core.Record, field, lang string) string {
	var m forms.Text
	_ = json.Unmarshal([]byte(r.GetString(field)), &m)
	return m.Get(lang)
}

// publicOffer is an offer that takes registrations, with its Träger and form.
type publicOffer struct {
	tenant, offer *core.Record
	version       VersionRef
	form          *forms.Form
}

// loadPublicOffer resolves {tenant}/{offer} of the path to a public, active
// offer with a published form; anything else is a 404.
func (s *service) loadPublicOffer(e *core.RequestEvent) (*publicOffer, error) {
	tenantSlug, offerSlug := e.Request.PathValue("tenant"), e.Request.PathValue("offer")
	return s.offers.get(tenantSlug+"/"+offerSlug, time.Now(), func() (*publicOffer, error) {
		return s.readPublicOffer(e, tenantSlug, offerSlug)
	})
}

func (s *service) readPublicOffer(e *core.RequestEvent, tenantSlug, offerSlug string) (*publicOffer, error) {
	notFound := e.NotFoundError("Offer not found.", nil)
	tenant, err := e.App.FindFirstRecordByData("tenants", "slug", tenantSlug)
	if err != nil || !tenant.GetBool("active") {
		return nil, notFound
	}
	offer := &core.Record{}
	// Not the drafts: they can be large and a registration never needs them.
	err = e.App.RecordQuery("offer_types").
		Select("id", "tenant", "slug", "title", "description", "category", "public", "status",
			"form_version", "workflow_version").
		AndWhere(dbx.HashExp{"tenant": tenant.Id, "slug": offerSlug}).Limit(1).One(offer)
	if err != nil || !offer.GetBool("public") || offer.GetString("status") != "active" || offer.GetString("form_version") == "" {
		return nil, notFound
	}
	f, version, err := s.formVersion(e.App, offer.GetString("form_version"))
	if err != nil {
		return nil, err
	}
	return &publicOffer{tenant: tenant, offer: offer, version: version, form: f}, nil
}

// handlePublicForm: GET /api/mp/public/offers/{tenant}/{offer}?lang=
func (s *service) handlePublicForm(e *core.RequestEvent) error {
	po, err := s.loadPublicOffer(e)
	if err != nil {
		return err
	}
	lang := e.Request.URL.Query().Get("lang")
	regions, err := regionsById(e.App)
	if err != nil {
		return err
	}
	tenants, err := s.tenantSummaries(e.App, regions)
	if err != nil {
		return err
	}
	return e.JSON(http.StatusOK, struct {
		Tenant  tenantSummary `json:"tenant"`
		Offer   offerSummary  `json:"offer"`
		Version int           `json:"version"`
		*forms.Localized
	}{tenants[po.tenant.Id], summarizeOffer(po.offer, lang), po.version.Number,
		po.form.LocalizeAt(lang, s.now())})
}

type evaluateBody struct {
	Answers  map[string]any `json:"answers"`
	Language string         `json:"language"`
}

// handleEvaluate: POST /api/mp/public/offers/{tenant}/{offer}/evaluate
func (s *service) handleEvaluate(e *core.RequestEvent) error {
	po, err := s.loadPublicOffer(e)
	if err != nil {
		return err
	}
	var body evaluateBody
	if err := e.BindBody(&body); err != nil {
		return writeFieldError(e, forms.FormPath, "request_invalid_json", "The request body is not valid JSON.")
	}
	ev := po.form.Evaluate(body.Answers, forms.Options{Language: body.Language, Now: s.now()})
	s.logRuleErrors(e, po.version.ID, ev.RuleErrors)
	return e.JSON(http.StatusOK, ev)
}

// logRuleErrors records rules that failed at run time, for the admin.
func (s *service) logRuleErrors(e *core.RequestEvent, version string, errs []forms.RuleError) {
	for _, re := range errs {
		e.App.Logger().Warn("rule failed", "form_version", version, "path", re.Path, "error", re.Err)
	}
}
