package forms

import "sync"

// Cache keeps compiled forms by version id, so that rules are compiled once
// per published version and never per request. It is safe for concurrent
// use; when full it forgets everything (versions are immutable, so a
// recompile gives the same form).
type Cache struct {
	mu    sync.Mutex
	max   int
	forms map[string]*Form
}

// NewCache returns a cache of at most size forms (at least 1).
func NewCache(size int) *Cache {
	return &Cache{max: max(size, 1), forms: map[string]*Form{}}
}

// Get returns the form of a version, compiling raw (the definition's JSON)
// on a miss. A definition that does not compile is not cached.
func (c *Cache) Get(version string, raw func() ([]byte, error)) (*Form, error) {
	c.mu.Lock()
	f, ok := c.forms[version]
	c.mu.Unlock()
	if ok {
		return f, nil
	}
	data, err := raw()
	if err != nil {
		return nil, err
	}
	f, err = Load(data)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.forms) >= c.max {
		clear(c.forms)
	}
	c.forms[version] = f
	return f, nil
}

// Load parses and compiles a definition; the error is [Diagnostics] (only
// the errors; warnings do not stop a load).
func Load(raw []byte) (*Form, error) {
	def, err := Parse(raw)
	if err != nil {
		return nil, err
	}
	f, d := Compile(def)
	if f == nil {
		return nil, d.Errors()
	}
	return f, nil
}
