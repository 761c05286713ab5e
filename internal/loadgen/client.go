package loadgen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Client talks HTTP to one server over keep-alive connections.
type Client struct {
	Base string // e.g. http://127.0.0.1:8090
	HTTP *http.Client
}

// NewClient returns a client that keeps up to conns connections open, one per
// concurrent load client, so each client reuses its own connection.
func NewClient(base string, conns int) *Client {
	tr := &http.Transport{
		MaxIdleConns:        conns + 16,
		MaxIdleConnsPerHost: conns + 16,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
		ForceAttemptHTTP2:   false,
	}
	return &Client{Base: base, HTTP: &http.Client{Transport: tr, Timeout: 60 * time.Second}}
}

// Request is one HTTP request; Body is sent as is.
type Request struct {
	Method, Path string
	Token        string            // Authorization header
	Header       map[string]string // more headers
	ContentType  string            // default application/json when Body is set
	Body         []byte
}

// Response is an answered request.
type Response struct {
	Status int
	Body   []byte
	Header http.Header
}

// Send sends r and reads the whole answer. An error means no answer came.
func (c *Client) Send(ctx context.Context, r Request) (Response, error) {
	var body io.Reader
	if r.Body != nil {
		body = bytes.NewReader(r.Body)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, c.Base+r.Path, body)
	if err != nil {
		return Response{}, err
	}
	if r.Body != nil {
		ct := r.ContentType
		if ct == "" {
			ct = "application/json"
		}
		req.Header.Set("Content-Type", ct)
	}
	if r.Token != "" {
		req.Header.Set("Authorization", r.Token)
	}
	for k, v := range r.Header {
		req.Header.Set(k, v)
	}
	res, err := c.HTTP.Do(req)
	if err != nil {
		return Response{}, err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return Response{Status: res.StatusCode}, err
	}
	return Response{Status: res.StatusCode, Body: raw, Header: res.Header}, nil
}

// JSON sends in (JSON-encoded, unless nil) and decodes a 2xx answer into out
// (unless nil). Any other status is an error that quotes the answer.
func (c *Client) JSON(ctx context.Context, method, path, token string, in, out any) error {
	r := Request{Method: method, Path: path, Token: token}
	if in != nil {
		raw, err := json.Marshal(in)
		if err != nil {
			return err
		}
		r.Body = raw
	}
	res, err := c.Send(ctx, r)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	if res.Status >= 300 {
		return fmt.Errorf("%s %s: status %d: %.300s", method, path, res.Status, res.Body)
	}
	if out != nil && len(res.Body) > 0 {
		if err := json.Unmarshal(res.Body, out); err != nil {
			return fmt.Errorf("%s %s: %w", method, path, err)
		}
	}
	return nil
}
