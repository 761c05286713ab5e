package hooks

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// publicOfferTTL bounds how long a cached offer is trusted without a change
// seen by the hooks below (a change written around PocketBase's Save, e.g.
// by a SQL tool, is then picked up within this time).
const publicOfferTTL = time.Minute

// publicOfferCache keeps the offers the public routes resolve: a burst of
// registrations asks for the same Träger, offer and form thousands of times.
// Any saved change of a Träger, an offer or a form version empties it (after
// its commit), so a deactivated offer takes no registration after that.
type publicOfferCache struct {
	generation atomic.Int64
	entries    sync.Map // "tenant/offer" → cachedOffer
}

type cachedOffer struct {
	offer      *publicOffer // shared by requests: read only
	generation int64
	loaded     time.Time
}

func newPublicOfferCache(app core.App) *publicOfferCache {
	c := &publicOfferCache{}
	reset := func(e *core.RecordEvent) error {
		c.invalidate()
		return e.Next()
	}
	for _, name := range []string{"tenants", "offer_types", "form_versions"} {
		app.OnRecordAfterCreateSuccess(name).BindFunc(reset)
		app.OnRecordAfterUpdateSuccess(name).BindFunc(reset)
		app.OnRecordAfterDeleteSuccess(name).BindFunc(reset)
	}
	return c
}

func (c *publicOfferCache) invalidate() {
	c.generation.Add(1)
	c.entries.Clear()
}

// get returns the cached offer of key, or loads and caches it. Misses
// (unknown or inactive offers) are not cached: they must not fill memory.
func (c *publicOfferCache) get(key string, now time.Time, load func() (*publicOffer, error)) (*publicOffer, error) {
	gen := c.generation.Load()
	if v, ok := c.entries.Load(key); ok {
		e := v.(cachedOffer)
		if e.generation == gen && now.Sub(e.loaded) < publicOfferTTL {
			return e.offer, nil
		}
	}
	po, err := load()
	if err != nil {
		return nil, err
	}
	// A change committed while loading bumped the generation: keep the
	// result out of the cache, it may be from before the change.
	if c.generation.Load() == gen {
		c.entries.Store(key, cachedOffer{offer: po, generation: gen, loaded: now})
	}
	return po, nil
}
