// Package adminconsole reads an Adobe organization's Admin Console through
// Adobe's User Management API (UMAPI): the product profiles, with their
// product and member count, that the association mask of Campaign's Adobe
// Experience Cloud account maps to operator groups. It lists the
// organization once per client, all pages, within UMAPI's rate limit (5
// groups-list requests per minute per client). Facts and sources:
// ADOBE_API.md. It has no Terraform imports; the provider turns its typed
// errors into diagnostics.
package adminconsole

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/acc-terraform/terraform-provider-campaign/internal/httpclient"
	"github.com/acc-terraform/terraform-provider-campaign/internal/imstoken"
	"github.com/acc-terraform/terraform-provider-campaign/internal/validate"
)

// Defaults of Config.
const (
	DefaultEndpoint = "https://usermanagement.adobe.io"
	// maxPages bounds a listing whose answers never say lastPage.
	maxPages = 1000
)

// DefaultScopes are the scopes UMAPI's docs ask for.
func DefaultScopes() []string { return []string{"openid", "AdobeID", "user_management_sdk"} }

// Logger receives the client's log lines. Fields never hold a secret.
type Logger = httpclient.Logger

// Config configures a Client.
type Config struct {
	OrgID        string // …@AdobeOrg
	ClientID     string
	ClientSecret string
	Scopes       []string // default DefaultScopes
	TokenURL     string   // default imstoken.DefaultTokenURL
	Endpoint     string   // UMAPI base URL, default DefaultEndpoint

	CACertificatePEM []byte
	MaxRetries       int           // negative: none; 0: httpclient.DefaultMaxRetries
	RetryWaitMin     time.Duration // first backoff
	// RetryWaitMax is the longest wait, Retry-After included: a 429 asking
	// for more is not waited out (another request would only be throttled).
	RetryWaitMax   time.Duration
	RequestTimeout time.Duration
	UserAgent      string
	Logger         Logger
}

// Profile is one product profile of the organization.
type Profile struct {
	Name        string
	ProductName string
	MemberCount int
}

// Client reads one organization. It is safe for concurrent use: callers
// share one listing.
type Client struct {
	cfg  Config
	http *retryablehttp.Client

	mu       sync.Mutex // held across every request: concurrent callers wait, and share
	listed   bool
	profiles []Profile
	err      error
	// pages is how many groups-list requests the listing answered with.
	pages int
	// userGroups are the organization's user groups (from the listing).
	userGroups []string
	// accessToken is the client's token, requested once.
	accessToken string
	// members are the member lists of the profiles read so far, by
	// profile, emails lower-cased (users.go).
	members map[string][]string
}

// New checks cfg and builds a client; it sends nothing.
func New(cfg Config) (*Client, error) {
	if cfg.OrgID == "" || cfg.ClientID == "" || cfg.ClientSecret == "" {
		return nil, errors.New("the Admin Console needs org_id, client_id and client_secret")
	}
	if cfg.Scopes == nil {
		cfg.Scopes = DefaultScopes()
	}
	if cfg.TokenURL == "" {
		cfg.TokenURL = imstoken.DefaultTokenURL
	}
	if cfg.Endpoint == "" {
		cfg.Endpoint = DefaultEndpoint
	}
	cfg.Endpoint = strings.TrimRight(cfg.Endpoint, "/")
	if err := validate.UMAPIEndpoint(cfg.Endpoint); err != nil {
		return nil, fmt.Errorf("umapi_endpoint %w", err)
	}
	if err := validate.TokenURL(cfg.TokenURL); err != nil {
		return nil, fmt.Errorf("token_url %w", err)
	}
	lim := httpclient.Limits{MaxRetries: cfg.MaxRetries, RetryWaitMin: cfg.RetryWaitMin, RetryWaitMax: cfg.RetryWaitMax, RequestTimeout: cfg.RequestTimeout}.WithDefaults()
	cfg.MaxRetries, cfg.RetryWaitMin, cfg.RetryWaitMax, cfg.RequestTimeout = lim.MaxRetries, lim.RetryWaitMin, lim.RetryWaitMax, lim.RequestTimeout
	if cfg.Logger == nil {
		cfg.Logger = httpclient.NopLogger{}
	}
	hc, err := httpclient.New(httpclient.Options{
		CACertificatePEM: cfg.CACertificatePEM,
		Timeout:          cfg.RequestTimeout,
		MaxRetries:       cfg.MaxRetries,
		Policy:           httpclient.Policy{WaitMin: cfg.RetryWaitMin, WaitMax: cfg.RetryWaitMax, ThrottleFinal: true},
		OnRetry: func(req *http.Request, attempt int) {
			cfg.Logger.Warn(req.Context(), "retrying Admin Console call", map[string]any{"url": httpclient.StripURL(req.URL), "attempt": attempt})
		},
	})
	if err != nil {
		return nil, err
	}
	return &Client{cfg: cfg, http: hc}, nil
}

// Endpoint is the UMAPI base URL, for messages.
func (c *Client) Endpoint() string { return c.cfg.Endpoint }

// OrgID is the organization read.
func (c *Client) OrgID() string { return c.cfg.OrgID }

// Pages is how many pages the listing took (0 before it ran).
func (c *Client) Pages() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pages
}

// ProductProfiles lists every product profile of the organization, all
// pages. The first call lists; every later call of the client answers the
// same, error included (a plan lists the organization once).
func (c *Client) ProductProfiles(ctx context.Context) ([]Profile, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.listed {
		c.profiles, c.err = c.list(ctx)
		if ctx.Err() == nil { // a caller that gave up says nothing of Adobe
			c.listed = true
		}
	}
	return c.profiles, c.err
}

func (c *Client) list(ctx context.Context) ([]Profile, error) {
	var out []Profile
	for page := 0; ; page++ {
		if page == maxPages {
			return nil, &UnavailableError{URL: c.groupsURL(0), Problem: fmt.Sprintf("no page of %d says lastPage", maxPages), Attempts: 1}
		}
		var a groupsAnswer
		if err := c.get(ctx, c.groupsURL(page), &a); err != nil {
			return nil, err
		}
		if a.Result != "success" {
			return nil, &UnavailableError{URL: c.groupsURL(page), Problem: "the answer is not a groups list", Attempts: 1}
		}
		c.pages = page + 1
		for _, g := range a.Groups {
			switch g.Type {
			case "PRODUCT_PROFILE":
				out = append(out, Profile{Name: g.GroupName, ProductName: g.ProductName, MemberCount: g.MemberCount})
			case "USER_GROUP":
				c.userGroups = append(c.userGroups, g.GroupName)
			}
		}
		if a.LastPage {
			break
		}
	}
	c.cfg.Logger.Debug(ctx, "Admin Console product profiles listed", map[string]any{
		"org_id": c.cfg.OrgID, "umapi_endpoint": c.cfg.Endpoint, "pages": c.pages, "product_profiles": len(out)})
	return out, nil
}

// token is the client's access token: one token request per client,
// whatever the number of UMAPI requests. Caller holds mu.
func (c *Client) token(ctx context.Context) (string, error) {
	if c.accessToken != "" {
		return c.accessToken, nil
	}
	tok, err := imstoken.Fetch(ctx, httpclient.Standard(c.http), imstoken.Credentials{
		ClientID: c.cfg.ClientID, ClientSecret: c.cfg.ClientSecret, Scopes: c.cfg.Scopes, TokenURL: c.cfg.TokenURL,
	})
	if err != nil {
		return "", err // imstoken's errors, as they are: the provider says what to change
	}
	c.accessToken = tok.AccessToken
	return tok.AccessToken, nil
}

func (c *Client) groupsURL(page int) string {
	return c.cfg.Endpoint + "/v2/usermanagement/groups/" + url.PathEscape(c.cfg.OrgID) + "/" + strconv.Itoa(page)
}

type groupsAnswer struct {
	LastPage bool    `json:"lastPage"`
	Result   string  `json:"result"`
	Groups   []group `json:"groups"`
}

type group struct {
	Type        string `json:"type"`
	GroupName   string `json:"groupName"`
	ProductName string `json:"productName"`
	MemberCount int    `json:"memberCount"`
}

// errNotFound is a 404 of UMAPI: no such user or group.
var errNotFound = errors.New("not found")

// get is one UMAPI request, with the client's token and API key, decoded
// into out; the errors are the client's (errNotFound for a 404). Caller
// holds mu.
func (c *Client) get(ctx context.Context, u string, out any) error {
	token, err := c.token(ctx)
	if err != nil {
		return err
	}
	ctx, attempts := httpclient.AttemptCounter(ctx)
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("X-Api-Key", c.cfg.ClientID)
	req.Header.Set("Accept", "application/json")
	if c.cfg.UserAgent != "" {
		req.Header.Set("User-Agent", c.cfg.UserAgent)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return &UnavailableError{URL: u, Problem: "no answer: " + c.redact(err.Error(), token), Attempts: *attempts}
	}
	defer resp.Body.Close()
	body, readErr := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	status := httpclient.DescribeStatus(resp)
	switch {
	case httpclient.IsRedirect(resp):
		from, loc := httpclient.Redirect(resp)
		return &RedirectError{From: from, Location: loc, Status: status}
	case resp.StatusCode == http.StatusUnauthorized:
		return &AccessError{URL: u, StatusCode: resp.StatusCode, Status: status, Reason: c.redact(authDescription(resp.Header.Get("WWW-Authenticate")), token)}
	case resp.StatusCode == http.StatusForbidden:
		return &AccessError{URL: u, StatusCode: resp.StatusCode, Status: status, Reason: c.redact(jsonMessage(body), token)}
	case resp.StatusCode == http.StatusTooManyRequests:
		wait, _ := httpclient.ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
		return &ThrottledError{URL: u, RetryAfter: wait, Attempts: *attempts}
	case resp.StatusCode == http.StatusNotFound:
		return errNotFound
	case resp.StatusCode != http.StatusOK:
		return &UnavailableError{URL: u, Problem: "HTTP " + status, Attempts: *attempts}
	case readErr != nil:
		return &UnavailableError{URL: u, Problem: "the answer was cut: " + readErr.Error(), Attempts: *attempts}
	}
	if ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); ct != "application/json" {
		return &UnavailableError{URL: u, Problem: "the answer is not JSON (" + resp.Header.Get("Content-Type") + "): a proxy or login page?", Attempts: *attempts}
	}
	if err := json.Unmarshal(body, out); err != nil {
		return &UnavailableError{URL: u, Problem: "the answer is not the JSON UMAPI documents", Attempts: *attempts}
	}
	return nil
}

// authDescription is error_description of a WWW-Authenticate header.
func authDescription(h string) string {
	_, rest, ok := strings.Cut(h, `error_description="`)
	if !ok {
		return ""
	}
	d, _, _ := strings.Cut(rest, `"`)
	return d
}

func jsonMessage(body []byte) string {
	var e struct {
		Message string `json:"message"`
	}
	_ = json.Unmarshal(body, &e)
	if len(e.Message) > 300 {
		return e.Message[:300] + "…"
	}
	return e.Message
}

// redact hides the client secret, and the tokens given, in a text that came
// from the network.
func (c *Client) redact(s string, tokens ...string) string {
	for _, v := range append(tokens, c.cfg.ClientSecret) {
		if v != "" {
			s = strings.ReplaceAll(s, v, "[redacted]")
		}
	}
	return s
}
