package loadgen

import (
	"context"
	"fmt"
	"net/url"
)

// Account is a logged-in account.
type Account struct {
	Token, ID, Tenant string
}

// Login authenticates an account of an auth collection ("users",
// "_superusers") with its password.
func (c *Client) Login(ctx context.Context, collection, email, password string) (Account, error) {
	var out struct {
		Token  string `json:"token"`
		Record struct {
			ID     string `json:"id"`
			Tenant string `json:"tenant"`
		} `json:"record"`
	}
	err := c.JSON(ctx, "POST", "/api/collections/"+collection+"/auth-with-password", "",
		map[string]string{"identity": email, "password": password}, &out)
	if err != nil {
		return Account{}, fmt.Errorf("login %s: %w", email, err)
	}
	return Account{Token: out.Token, ID: out.Record.ID, Tenant: out.Record.Tenant}, nil
}

// LoadSettings are the settings changes a load run makes, on a throwaway data
// directory only: the batch API on (for the comparison), and the load
// client's loopback address excluded from the rate limiter (PocketBase's and
// ours, which reads the same list); otherwise one address gets 20
// registrations per 10 minutes.
func LoadSettings(batch bool) map[string]any {
	return map[string]any{
		"batch":      map[string]any{"enabled": batch, "maxRequests": 50, "timeout": 10},
		"rateLimits": map[string]any{"excludedIPs": []string{"127.0.0.1", "::1"}},
	}
}

// PrepareForLoad applies LoadSettings as superuser and checks they took.
func (c *Client) PrepareForLoad(ctx context.Context, suToken string, batch bool) error {
	if err := c.JSON(ctx, "PATCH", "/api/settings", suToken, LoadSettings(batch), nil); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	var s struct {
		Batch struct {
			Enabled bool `json:"enabled"`
		} `json:"batch"`
		RateLimits struct {
			Enabled     bool     `json:"enabled"`
			ExcludedIPs []string `json:"excludedIPs"`
			Rules       []any    `json:"rules"`
		} `json:"rateLimits"`
	}
	if err := c.JSON(ctx, "GET", "/api/settings", suToken, nil, &s); err != nil {
		return err
	}
	if s.Batch.Enabled != batch || len(s.RateLimits.ExcludedIPs) != 2 || len(s.RateLimits.Rules) == 0 {
		return fmt.Errorf("settings did not take: %+v", s)
	}
	return nil
}

// CountRecords returns the number of records of collection matching filter,
// as superuser.
func (c *Client) CountRecords(ctx context.Context, suToken, collection, filter string) (int, error) {
	var out struct {
		TotalItems int `json:"totalItems"`
	}
	q := url.Values{"perPage": {"1"}, "fields": {"id"}}
	if filter != "" {
		q.Set("filter", filter)
	}
	err := c.JSON(ctx, "GET", "/api/collections/"+collection+"/records?"+q.Encode(), suToken, nil, &out)
	return out.TotalItems, err
}

// CreateBackup asks the server for a backup named name and waits until the
// archive is written (PocketBase answers 204 when it is done).
func (c *Client) CreateBackup(ctx context.Context, suToken, name string) error {
	return c.JSON(ctx, "POST", "/api/backups", suToken, map[string]string{"name": name}, nil)
}

// DownloadBackup fetches a backup archive with a superuser file token.
func (c *Client) DownloadBackup(ctx context.Context, suToken, name string) ([]byte, error) {
	var tok struct {
		Token string `json:"token"`
	}
	if err := c.JSON(ctx, "POST", "/api/files/token", suToken, nil, &tok); err != nil {
		return nil, err
	}
	res, err := c.Send(ctx, Request{Method: "GET", Path: "/api/backups/" + url.PathEscape(name) + "?token=" + url.QueryEscape(tok.Token)})
	if err != nil {
		return nil, err
	}
	if res.Status != 200 {
		return nil, fmt.Errorf("download backup: status %d: %.200s", res.Status, res.Body)
	}
	return res.Body, nil
}
