package testapp

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
)

// Client sends requests to app through the full production router (record
// API and the custom routes bound in OnServe), without a network listener.
// Unlike tests.ApiScenario it serves many requests from one app, which the
// access matrix needs.
type Client struct {
	t   testing.TB
	mux http.Handler
}

// Response is a recorded response.
type Response struct {
	Status int
	Body   []byte
	Header http.Header
}

// JSON decodes the response body into a generic value.
func (r Response) JSON() map[string]any {
	var m map[string]any
	_ = json.Unmarshal(r.Body, &m)
	return m
}

// Serve builds the router of app the way `serve` does.
func Serve(t testing.TB, app core.App) *Client {
	t.Helper()
	router, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	se := &core.ServeEvent{App: app, Router: router}
	var mux http.Handler
	err = app.OnServe().Trigger(se, func(e *core.ServeEvent) error {
		m, err := e.Router.BuildMux()
		mux = m
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return &Client{t: t, mux: mux}
}

// Do sends a request; body is JSON-encoded unless it is nil, a string or []byte.
func (c *Client) Do(method, url, token string, body any) Response {
	c.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = bytes.NewReader([]byte(b))
	case []byte:
		r = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			c.t.Fatal(err)
		}
		r = bytes.NewReader(raw)
	}
	req := httptest.NewRequest(method, url, r)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	return c.Send(req)
}

// Handler returns the router, e.g. for an httptest.Server (realtime needs a
// real connection).
func (c *Client) Handler() http.Handler { return c.mux }

// Send serves a prepared request (e.g. multipart).
func (c *Client) Send(req *http.Request) Response {
	rec := httptest.NewRecorder()
	c.mux.ServeHTTP(rec, req)
	return Response{Status: rec.Code, Body: rec.Body.Bytes(), Header: rec.Header()}
}

// DoWith is Do with extra headers.
func (c *Client) DoWith(method, url string, headers map[string]string, body any) Response {
	c.t.Helper()
	raw, _ := json.Marshal(body)
	req := httptest.NewRequest(method, url, bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	return c.Send(req)
}

// ClientOf wraps an existing handler, e.g. the router of a tests.ApiScenario
// (built with e.Router.BuildMux() in its BeforeTestFunc), so a scenario can
// prepare data through the real routes of the app it runs on.
func ClientOf(t testing.TB, h http.Handler) *Client { return &Client{t: t, mux: h} }
