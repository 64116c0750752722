// Package campaign is a client for the SOAP API of Adobe Campaign Classic
// (v7 and v8): sessions and IMS tokens, the records the provider manages
// (the Adobe Experience Cloud account, operator groups, technical
// operators: one RecordType each, on the shared machinery of record.go and
// persist.go), packages, who the client runs as (Self), and a technical
// account's first call. It has no Terraform imports; the provider turns its
// typed errors (NotFoundError, AuthError, *Fault, HTTPError,
// TransportError, …) and, for a token exchange, internal/imstoken's
// errors as they are, into diagnostics.
package campaign

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/acc-terraform/terraform-provider-campaign/internal/httpclient"
	"github.com/acc-terraform/terraform-provider-campaign/internal/imstoken"
	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
	"github.com/acc-terraform/terraform-provider-campaign/internal/validate"
)

// Logger receives the client's log lines. Fields never hold a secret.
type Logger = httpclient.Logger

// endpointLogger adds the instance to every line, so that the lines of a
// configuration with several instances (aliases) can be told apart.
type endpointLogger struct {
	inner    Logger
	endpoint string
}

func (l endpointLogger) with(fields map[string]any) map[string]any {
	out := make(map[string]any, len(fields)+1)
	for k, v := range fields {
		out[k] = v
	}
	out["endpoint"] = l.endpoint
	return out
}

func (l endpointLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	l.inner.Debug(ctx, msg, l.with(fields))
}

func (l endpointLogger) Warn(ctx context.Context, msg string, fields map[string]any) {
	l.inner.Warn(ctx, msg, l.with(fields))
}

// IMSCredentials are OAuth server-to-server client credentials, exchanged at
// TokenURL for an IMS access token.
type IMSCredentials struct {
	ClientID     string
	ClientSecret string
	Scopes       []string
	TokenURL     string
}

// DefaultIMSTokenURL is Adobe IMS's OAuth token endpoint.
const DefaultIMSTokenURL = imstoken.DefaultTokenURL

// DefaultInstallTimeout bounds a package installation without a deadline of
// its own; the retries' and requests' defaults are httpclient's.
const DefaultInstallTimeout = 20 * time.Minute

// Config configures a Client. Exactly one authentication is set: Login and
// Password, AccessToken, or IMS.
type Config struct {
	Endpoint         string
	Login, Password  string
	AccessToken      string
	IMS              *IMSCredentials
	CACertificatePEM []byte

	MaxRetries     int           // retries after the first attempt; negative means none
	RetryWaitMin   time.Duration // first backoff
	RetryWaitMax   time.Duration // longest wait, Retry-After included
	RequestTimeout time.Duration // one attempt of one call
	InstallTimeout time.Duration // one package installation, when the caller's context has no deadline
	// IdleLogoff: with no call in flight for this long, the client logs its
	// sessions off in the background and logs on again when called. 0: the
	// default, DefaultIdleLogoff on a remote instance (RemoteRoundTrip) and
	// at Close only on a near one; < 0: at Close only.
	IdleLogoff time.Duration
	UserAgent  string
	Logger     Logger
	// AuthAdvice is added to every AuthError: what the caller's user should
	// check when Campaign refuses the credentials (the provider names its
	// attributes and environment variables there).
	AuthAdvice string
}

// Client talks to one Campaign instance. It is safe for concurrent use; all
// callers share one session, opened on first use.
type Client struct {
	cfg        Config
	authMethod authMethod
	endpoint   *url.URL
	soapURL    string
	http       *retryablehttp.Client
	httpLong   *retryablehttp.Client
	auth       authState
	idle       idleState
	contact    contactState
	// accounts, groups and operators describe the record types the client writes.
	accounts  *RecordType
	groups    *RecordType
	operators *RecordType

	// The locks, in the order they may be taken (never the other way):
	// createMu, pkgMu, selfMu, groupsMu, schemaMu, idle.mu, then auth.mu and contact.mu (held
	// while a session is opened or the first contact is made), tokensMu.
	// Three are held across network calls on purpose, each a single flight:
	// createMu over the one-account check and the Write (two creates must
	// see each other), pkgMu over an installation and the package list that
	// checks it (no list is read mid-install), schemaMu and groupsMu over the
	// one read each caches (concurrent callers wait for it, not repeat it).
	pkgMu    sync.Mutex
	packages []string   // installed packages, nil until known
	createMu sync.Mutex // one account create at a time (the one-account check)
	schemaMu sync.Mutex
	schemas  map[string]*Schema // by schema name, read once each
	groupsMu sync.Mutex
	// groupList is every operator group, read once per client for all
	// refreshes (nil until read; dropped by a group write).
	groupList []Record
	// self is the userInfo of the operator the client runs as: the Logon
	// answer's, else one GetUserInfo, kept (selfMu) until a package install.
	selfMu   sync.Mutex
	userInfo *soap.Element
	// tokens are the session, security and bearer tokens obtained so far,
	// and the secrets of other credentials the client used (a technical
	// account's first call), redacted from every server text (own lock:
	// redaction happens during Logon).
	tokensMu sync.Mutex
	tokens   []string
}

// New checks the configuration and builds a client. It makes no call.
func New(cfg Config) (*Client, error) {
	if err := validate.Endpoint(cfg.Endpoint); err != nil {
		return nil, err
	}
	u, _ := url.Parse(strings.TrimRight(cfg.Endpoint, "/"))
	c := &Client{endpoint: u, soapURL: u.String() + "/nl/jsp/soaprouter.jsp", accounts: IMSAccountRecord(), groups: OperatorGroupRecord(), operators: OperatorRecord()}
	auth, err := chooseAuth(&cfg)
	if err != nil {
		return nil, err
	}
	c.authMethod = auth
	lim := httpclient.Limits{MaxRetries: cfg.MaxRetries, RetryWaitMin: cfg.RetryWaitMin, RetryWaitMax: cfg.RetryWaitMax, RequestTimeout: cfg.RequestTimeout}.WithDefaults()
	cfg.MaxRetries, cfg.RetryWaitMin, cfg.RetryWaitMax, cfg.RequestTimeout = lim.MaxRetries, lim.RetryWaitMin, lim.RetryWaitMax, lim.RequestTimeout
	if cfg.InstallTimeout <= 0 {
		cfg.InstallTimeout = DefaultInstallTimeout
	}
	c.idle.after = cfg.IdleLogoff
	if cfg.UserAgent == "" {
		cfg.UserAgent = "terraform-provider-campaign"
	}
	if cfg.Logger == nil {
		cfg.Logger = httpclient.NopLogger{}
	}
	cfg.Logger = endpointLogger{inner: cfg.Logger, endpoint: u.String()}
	c.cfg = cfg
	if c.http, err = newHTTPClient(&c.cfg, cfg.RequestTimeout); err != nil {
		return nil, err
	}
	// No per-request timeout for installations: the caller's deadline (the
	// resource's timeouts.create) bounds them, or InstallTimeout without one.
	if c.httpLong, err = newHTTPClient(&c.cfg, 0); err != nil {
		return nil, err
	}
	return c, nil
}

// Endpoint is the instance URL.
func (c *Client) Endpoint() string { return c.endpoint.String() }

type callOptions struct {
	long bool // package installation: long timeout, no retry after a lost answer
}

// call sends one SOAP request with the current session, logging on first when
// needed, and renews the session once when Campaign says it expired.
func (c *Client) call(ctx context.Context, req soap.Request, opts callOptions) (*soap.Response, error) {
	defer c.busy(ctx)()
	for renewed := false; ; renewed = true {
		s, err := c.session(ctx)
		if err != nil {
			return nil, err
		}
		resp, err := c.post(ctx, req, s, opts)
		var f *Fault
		if !errors.As(err, &f) {
			return resp, err
		}
		if c.authMethod.refuses(f) {
			if !renewed && c.authMethod.renewable {
				c.cfg.Logger.Debug(ctx, "Campaign session expired; opening a new one", map[string]any{"soap_action": req.Action()})
				c.invalidate(s)
				continue
			}
			return nil, &AuthError{Mode: c.authMethod.mode, Message: c.redact(f.Error()), Fault: f, Advice: c.cfg.AuthAdvice}
		}
		return nil, err
	}
}

// post is one SOAP round trip (plus the transport retries of the policy).
func (c *Client) post(ctx context.Context, req soap.Request, s *session, opts callOptions) (*soap.Response, error) {
	req.SessionToken = s.sessionToken
	action := req.Action()
	ctx, attempts := httpclient.AttemptCounter(ctx)
	if opts.long {
		ctx = httpclient.WithoutTransportRetry(ctx)
	}
	hreq, err := retryablehttp.NewRequestWithContext(ctx, http.MethodPost, c.soapURL, req.Marshal())
	if err != nil {
		return nil, err
	}
	hreq.Header.Set("Content-Type", "text/xml; charset=utf-8")
	hreq.Header.Set("SOAPAction", action)
	hreq.Header.Set("User-Agent", c.cfg.UserAgent)
	if s.sessionToken != "" {
		hreq.Header.Set("Cookie", "__sessiontoken="+s.sessionToken)
		hreq.Header.Set("X-Security-Token", s.securityToken)
	}
	if s.bearer != "" {
		hreq.Header.Set("Authorization", "Bearer "+s.bearer)
	}
	httpc := c.http
	if opts.long {
		httpc = c.httpLong
	}
	start := time.Now()
	resp, err := c.send(ctx, httpc, hreq, action, attempts)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if httpclient.IsRedirect(resp) {
		return nil, c.redactRedirect(redirectError(action, resp))
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, soap.MaxDocumentBytes+1))
	if err != nil {
		return nil, &TransportError{Action: action, Attempts: *attempts, Err: err}
	}
	// The Logon opens the connection (TCP and TLS handshakes): only the
	// calls after it tell the instance's round trip.
	if *attempts == 1 && req.Method != "Logon" {
		c.noteRoundTrip(time.Since(start))
	}
	c.cfg.Logger.Debug(ctx, "Campaign call", map[string]any{
		"soap_action": action, "http_status": resp.StatusCode, "attempts": *attempts,
		"duration_ms": time.Since(start).Milliseconds(), "response_bytes": len(data),
	})
	// A SOAP fault is an answer whatever the status it comes with: builds
	// send faults with 500 or 200, and a refused Logon with 403 on some.
	out, derr := soap.DecodeResponse(bytes.NewReader(data))
	var f *Fault
	switch {
	case errors.As(derr, &f):
		return nil, c.redactFault(f)
	case resp.StatusCode == http.StatusOK && derr == nil:
		return out, nil
	case resp.StatusCode == http.StatusOK:
		return nil, fmt.Errorf("%s: Campaign's answer is not a valid SOAP envelope: %w", action, derr)
	}
	// Some builds answer a refusal with a bare line of text that starts with
	// the error code (an expired session, a refused Logon): a fault too.
	if f := soap.BareFault(data); f != nil {
		return nil, c.redactFault(f)
	}
	return nil, &HTTPError{Action: action, StatusCode: resp.StatusCode, Status: httpclient.DescribeStatus(resp),
		Attempts: *attempts, Body: c.redact(snippet(data))}
}

// contactState makes the first contact with the instance a single flight.
// Until the instance has answered once, calls wait for the one in flight;
// if it gets no answer after its retries, every waiting and later call fails
// at once with that error: an endpoint that is down or hung costs one retry
// cycle per client (per Terraform command), whatever the number of resources.
type contactState struct {
	mu       sync.Mutex
	answered bool
	failed   error
}

// send does one call (with its transport retries) to the instance through
// the first-contact gate. Transport errors name the URL, never headers or
// bodies: nothing to redact.
func (c *Client) send(ctx context.Context, httpc *retryablehttp.Client, req *retryablehttp.Request, action string, attempts *int) (*http.Response, error) {
	c.contact.mu.Lock()
	if err := c.contact.failed; err != nil {
		c.contact.mu.Unlock()
		return nil, err
	}
	first := !c.contact.answered
	if first {
		defer c.contact.mu.Unlock() // the first contact: other calls wait for it
	} else {
		c.contact.mu.Unlock()
	}
	resp, err := httpc.Do(req)
	if err != nil {
		err = &TransportError{Action: action, Attempts: *attempts, Err: err}
		if first && ctx.Err() == nil {
			c.contact.failed = err
		}
		return nil, err
	}
	if first {
		c.contact.answered = true
	}
	return resp, nil
}

// snippet is the start of a body, on one line, for an error message.
func snippet(data []byte) string {
	s := strings.Join(strings.Fields(string(data)), " ")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// redact removes every secret the client knows from a text that comes from
// the server or the network, before it reaches an error or a log line.
func (c *Client) redact(s string) string {
	secrets := c.authMethod.secrets(&c.cfg)
	c.tokensMu.Lock()
	secrets = append(secrets, c.tokens...)
	c.tokensMu.Unlock()
	for _, sec := range secrets {
		if len(sec) >= 4 {
			s = strings.ReplaceAll(s, sec, "***")
		}
	}
	return s
}

// rememberTokens adds the tokens of a new session to what redact removes.
func (c *Client) rememberTokens(s *session) {
	c.tokensMu.Lock()
	defer c.tokensMu.Unlock()
	for _, t := range []string{s.sessionToken, s.securityToken, s.bearer} {
		if t != "" {
			c.tokens = append(c.tokens, t)
		}
	}
	if len(c.tokens) > 30 {
		c.tokens = c.tokens[len(c.tokens)-30:]
	}
}

func (c *Client) redactRedirect(e *RedirectError) *RedirectError {
	e.Location = c.redact(e.Location)
	return e
}

func (c *Client) redactFault(f *Fault) *Fault {
	return soap.NewFault(f.FaultCode, c.redact(f.FaultString), c.redact(f.Detail))
}
