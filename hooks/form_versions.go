package hooks

import (
	"sync"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/multipotenzial/multipotenzial/forms"
)

// VersionRef names a published form or workflow version: its record id and
// its number (1, 2, …) within the offer.
type VersionRef struct {
	ID     string
	Number int
}

// versionNumbers remembers the number of each version id (versions are
// immutable), so a cached form needs no database read at all.
type versionNumbers struct{ m sync.Map }

// formVersion returns a published form version and its compiled form. The
// form is compiled once per version and process (forms.Cache); the stored
// definition is read only on a cache miss.
func (s *service) formVersion(app core.App, id string) (*forms.Form, VersionRef, error) {
	ref := VersionRef{ID: id}
	if n, ok := s.numbers.m.Load(id); ok {
		ref.Number = n.(int)
	}
	f, err := s.forms.Get(id, func() ([]byte, error) {
		var row struct {
			Definition string `db:"definition"`
			Version    int    `db:"version"`
		}
		err := app.DB().Select("definition", "version").From("form_versions").
			Where(dbx.HashExp{"id": id}).One(&row)
		ref.Number = row.Version
		s.numbers.m.Store(id, row.Version)
		return []byte(row.Definition), err
	})
	return f, ref, err
}
