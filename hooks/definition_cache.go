package hooks

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// definitionTTL bounds how long a cached value is trusted without a change
// seen by the hooks below (a change written around PocketBase's Save, e.g.
// by a SQL tool, is then picked up within this time).
const definitionTTL = time.Minute

// definitionCache keeps what is read from the Träger's definitions again and
// again: the offers the public routes resolve (a burst of registrations asks
// for the same Träger, offer and form thousands of times) and the offers and
// states of the inbox (asked on every page). Any saved change of a Träger,
// an offer or a form version empties it (after its commit), so a
// deactivated offer takes no registration after that. Workflow and form
// versions are immutable; an offer names its current ones.
type definitionCache[T any] struct {
	generation atomic.Int64
	entries    sync.Map // key → cachedDefinition[T]
}

type cachedDefinition[T any] struct {
	value      T // shared by requests: read only
	generation int64
	loaded     time.Time
}

func newDefinitionCache[T any](app core.App) *definitionCache[T] {
	c := &definitionCache[T]{}
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

func (c *definitionCache[T]) invalidate() {
	c.generation.Add(1)
	c.entries.Clear()
}

// get returns the cached value of key, or loads and caches it. Misses
// (errors, e.g. unknown or inactive offers) are not cached: they must not
// fill memory.
func (c *definitionCache[T]) get(key string, now time.Time, load func() (T, error)) (T, error) {
	gen := c.generation.Load()
	if v, ok := c.entries.Load(key); ok {
		e := v.(cachedDefinition[T])
		if e.generation == gen && now.Sub(e.loaded) < definitionTTL {
			return e.value, nil
		}
	}
	v, err := load()
	if err != nil {
		return v, err
	}
	// A change committed while loading bumped the generation: keep the
	// result out of the cache, it may be from before the change.
	if c.generation.Load() == gen {
		c.entries.Store(key, cachedDefinition[T]{value: v, generation: gen, loaded: now})
	}
	return v, nil
}
