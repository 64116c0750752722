package campaign

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/acc-terraform/terraform-provider-campaign/internal/httpclient"
	"github.com/acc-terraform/terraform-provider-campaign/internal/imstoken"
	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// session is what authenticates calls: a Logon session (session + security
// token) or an IMS bearer token.
type session struct {
	sessionToken  string
	securityToken string
	bearer        string
	info          *soap.Element // <sessionInfo> of the Logon answer, nil for bearer tokens
	expires       time.Time     // zero: no known expiry
}

// authState holds the shared session. Its mutex is held while a session is
// being opened, so concurrent callers wait for one Logon instead of sending
// their own (single flight).
type authState struct {
	mu      sync.Mutex
	current *session
	// failed is why the session could not be opened. It is kept for the
	// life of the client (one Terraform command): retrying a Logon with the
	// same wrong password would lock the login (3 failures in 10 minutes),
	// and retrying an endpoint that did not answer would repeat the whole
	// retry cycle once per resource, one after another.
	failed error
	// open are the Logon sessions this client opened that Campaign may still
	// accept (a renewed session's predecessor stays until it is refused or
	// closed): Close logs each of them off. Bearer modes open none.
	open []*session
	// closed: Close ran; no session is opened any more.
	closed bool
}

// ErrClosed is returned by the calls of a client after Close.
var ErrClosed = errors.New("the Campaign client was closed: the provider is shutting down")

// expiryMargin renews a session or token this long before it expires.
const expiryMargin = time.Minute

func (c *Client) session(ctx context.Context) (*session, error) {
	c.auth.mu.Lock()
	defer c.auth.mu.Unlock()
	if c.auth.closed {
		return nil, ErrClosed
	}
	if c.auth.failed != nil {
		return nil, c.auth.failed
	}
	if s := c.auth.current; s != nil && (s.expires.IsZero() || time.Now().Before(s.expires)) {
		return s, nil
	}
	s, err := c.authMethod.open(c, ctx)
	if err != nil {
		if ctx.Err() == nil { // a caller that gave up says nothing of the instance
			c.auth.failed = err
		}
		return nil, err
	}
	c.rememberTokens(s)
	c.auth.current = s
	if s.sessionToken != "" {
		c.auth.open = append(c.auth.open, s)
	}
	return s, nil
}

// invalidate drops s if it is still the current session, so that the next
// caller opens a new one; callers holding an older session change nothing.
func (c *Client) invalidate(s *session) {
	c.auth.mu.Lock()
	defer c.auth.mu.Unlock()
	if c.auth.current == s {
		c.auth.current = nil
	}
	c.forget(s)
}

// forget drops s from the sessions Close logs off: Campaign refused it, so
// it is over already. Caller holds auth.mu.
func (c *Client) forget(s *session) {
	c.auth.open = slices.DeleteFunc(c.auth.open, func(o *session) bool { return o == s })
}

// LogoffTimeout bounds Close when the caller's context has no deadline: a
// dead instance must not hold up the end of a Terraform command.
const LogoffTimeout = time.Second

// Close logs off every Logon session the client still has open
// (xtk:session#Logoff, one call each, no retry) and waits for the Logoffs an
// idle period started, so that no session token outlives the command that
// opened it. After Close the client opens no session: calls fail with
// ErrClosed. A failed Logoff is a log line, never an error: the session then
// ends at its expiry, as it would have without Close. Bearer-token and OAuth
// clients have no session to close and send nothing. Close is bounded by
// ctx, or by LogoffTimeout when ctx has no deadline.
func (c *Client) Close(ctx context.Context) {
	c.auth.mu.Lock()
	sessions := c.auth.open
	c.auth.open, c.auth.current, c.auth.closed = nil, nil, true
	c.auth.mu.Unlock()
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, LogoffTimeout)
		defer cancel()
	}
	c.logoff(ctx, sessions)
	c.stopIdle(ctx)
}

// logoff sends one Logoff per session, within ctx. Its log lines go where
// the calls logged (a Close at exit has a context of its own, which the
// caller's logger may not know).
func (c *Client) logoff(ctx context.Context, sessions []*session) {
	logCtx := c.logContext(ctx)
	for _, s := range sessions {
		// The session token is the first positional parameter of every call.
		req := soap.Request{Service: "xtk:session", Method: "Logoff"}
		if _, err := c.post(httpclient.WithoutTransportRetry(ctx), req, s, callOptions{}); err != nil {
			c.cfg.Logger.Warn(logCtx, "Campaign Logoff failed; the session ends at its expiry", map[string]any{"error": err.Error()})
			continue
		}
		c.cfg.Logger.Debug(logCtx, "Campaign session logged off", map[string]any{"login": c.cfg.Login})
	}
}

func (c *Client) logon(ctx context.Context) (*session, error) {
	req := soap.Request{Service: "xtk:session", Method: "Logon", Params: []soap.Param{
		soap.String("login", c.cfg.Login),
		soap.String("password", c.cfg.Password),
		soap.ElementParam("parameters", nil),
	}}
	resp, err := c.post(ctx, req, &session{}, callOptions{})
	if err != nil {
		var f *Fault
		if errors.As(err, &f) {
			return nil, &AuthError{Mode: AuthPassword, Message: f.Error(), Fault: f, Advice: c.cfg.AuthAdvice}
		}
		return nil, err
	}
	sessionToken, _ := resp.String(0)
	info, _ := resp.Element(1)
	securityToken, _ := resp.String(2)
	if sessionToken == "" || securityToken == "" {
		return nil, errors.New("xtk:session#Logon: Campaign answered without a session token or a security token")
	}
	s := &session{sessionToken: sessionToken, securityToken: securityToken, info: info}
	if secs, err := strconv.Atoi(info.Child("serverInfo").AttrOr("sessionTimeOut", "")); err == nil && secs > 0 {
		s.expires = time.Now().Add(time.Duration(secs)*time.Second - expiryMargin)
	}
	c.cfg.Logger.Debug(ctx, "Campaign logon succeeded", map[string]any{"login": c.cfg.Login})
	return s, nil
}

// fetchIMSToken exchanges the OAuth client credentials for an IMS access
// token (internal/imstoken, over this client's transport).
func (c *Client) fetchIMSToken(ctx context.Context) (*session, error) {
	ims := c.cfg.IMS
	// single flight already: the caller holds auth.mu
	tok, err := imstoken.Fetch(ctx, httpclient.Standard(c.http), imstoken.Credentials{
		ClientID: ims.ClientID, ClientSecret: ims.ClientSecret, Scopes: ims.Scopes, TokenURL: ims.TokenURL,
	})
	if err != nil {
		return nil, err // imstoken's errors, as they are: the provider says what to change
	}
	s := &session{bearer: tok.AccessToken}
	if !tok.Expiry.IsZero() {
		life := time.Until(tok.Expiry)
		s.expires = tok.Expiry.Add(-expiryMargin)
		if life <= 2*expiryMargin {
			s.expires = time.Now().Add(life / 2)
		}
	}
	c.cfg.Logger.Debug(ctx, "IMS access token obtained", map[string]any{"client_id": ims.ClientID})
	return s, nil
}
