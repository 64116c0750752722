// Package imstoken exchanges OAuth server-to-server client credentials for
// an Adobe IMS access token (grant_type=client_credentials). It is the one
// token exchange of the provider: Campaign's `ims` authentication and the
// Admin Console's User Management API both use it. The exchange itself is
// golang.org/x/oauth2/clientcredentials over the caller's HTTP client (the
// project's transport: its CA trust, its retries, no redirect followed);
// this package adds what IMS needs (comma-joined scopes, the expiry carried
// in the token's own claims) and typed errors without secrets. It has no
// Terraform imports.
package imstoken

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/acc-terraform/terraform-provider-campaign/internal/httpclient"
)

// DefaultTokenURL is Adobe IMS's production OAuth token endpoint.
const DefaultTokenURL = "https://ims-na1.adobelogin.com/ims/token/v3"

// Credentials are one Developer Console OAuth server-to-server credential.
type Credentials struct {
	ClientID     string
	ClientSecret string
	Scopes       []string
	TokenURL     string
}

// Token is an access token and when it expires (zero: unknown).
type Token struct {
	AccessToken string
	Expiry      time.Time
}

// The errors of Fetch. Each names the token URL it asked and how many
// attempts the retry policy made, and holds no secret: the client secret
// is taken out of whatever the endpoint echoed. They are the one shape of
// a failed token exchange for every caller (Campaign's ims mode, a
// technical account's first call, the Admin Console); the provider says
// what to change, attribute by attribute, in one place.

// RefusedError: IMS refused the credentials or the scopes (400, 401, 403).
type RefusedError struct {
	URL         string
	StatusCode  int
	Status      string
	Code        string // OAuth "error", e.g. invalid_client, invalid_scope
	Description string
}

func (e *RefusedError) Error() string {
	msg := "the IMS token endpoint " + e.URL + " answered " + e.Status
	if e.Code != "" {
		msg += ": " + strings.TrimSpace(e.Code+" "+e.Description)
	}
	return msg
}

// ScopeRefused reports whether IMS refused the scopes, not the credential.
func (e *RefusedError) ScopeRefused() bool { return e.Code == "invalid_scope" }

// RedirectError: the token endpoint answered a redirect, which is never
// followed (the request carries the client secret).
type RedirectError struct {
	StatusCode     int
	Status         string
	From, Location string
}

func (e *RedirectError) Error() string {
	to := "no Location"
	if e.Location != "" {
		to = e.Location
	}
	return fmt.Sprintf("the IMS token endpoint %s answered HTTP %s, redirecting to %s; the provider does not follow redirections, "+
		"which would hand the client secret to another address", e.From, e.Status, to)
}

// StatusError is any other answer that holds no token (a 404, a proxy
// page, a 5xx after the retries): most often a wrong token URL.
type StatusError struct {
	URL        string
	StatusCode int
	Status     string
	Attempts   int
	Body       string // start of the body
}

func (e *StatusError) Error() string {
	msg := "the IMS token endpoint " + e.URL + " answered " + e.Status
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" after %d attempts", e.Attempts)
	}
	if e.Body != "" {
		msg += ": " + e.Body
	}
	return msg
}

// TransportError: no answer (connection refused, timeout, TLS failure).
type TransportError struct {
	URL      string
	Attempts int
	Err      error
}

func (e *TransportError) Error() string {
	return fmt.Sprintf("no answer from the IMS token endpoint %s (%d attempt(s)): %v", e.URL, e.Attempts, e.Err)
}
func (e *TransportError) Unwrap() error { return e.Err }

// Fetch obtains a token for cred through hc.
func Fetch(ctx context.Context, hc *http.Client, cred Credentials) (Token, error) {
	cfg := clientcredentials.Config{
		ClientID:     cred.ClientID,
		ClientSecret: cred.ClientSecret,
		TokenURL:     cred.TokenURL,
		// IMS reads the credentials from the form, as Adobe's clients send them.
		AuthStyle: oauth2.AuthStyleInParams,
	}
	if len(cred.Scopes) > 0 {
		// oauth2 joins scopes with spaces; IMS expects them comma-joined.
		cfg.Scopes = []string{strings.Join(cred.Scopes, ",")}
	}
	ctx, attempts := httpclient.AttemptCounter(ctx)
	tok, err := cfg.Token(context.WithValue(ctx, oauth2.HTTPClient, hc))
	if err != nil {
		return Token{}, classify(err, cred, *attempts)
	}
	out := Token{AccessToken: tok.AccessToken, Expiry: tok.Expiry}
	if exp, ok := claimedExpiry(tok.AccessToken); ok {
		out.Expiry = exp
	}
	return out, nil
}

// classify turns oauth2's error into this package's, with the URL, the
// attempts and no secret.
func classify(err error, cred Credentials, attempts int) error {
	redact := func(s string) string {
		if len(cred.ClientSecret) >= 4 {
			s = strings.ReplaceAll(s, cred.ClientSecret, "***")
		}
		return s
	}
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		if strings.Contains(err.Error(), "missing access_token") {
			return &StatusError{URL: cred.TokenURL, StatusCode: http.StatusOK, Status: "200 OK", Attempts: attempts, Body: "an answer without an access token"}
		}
		return &TransportError{URL: cred.TokenURL, Attempts: attempts, Err: errors.New(redact(err.Error()))}
	}
	resp := re.Response
	status := httpclient.DescribeStatus(resp)
	switch {
	case httpclient.IsRedirect(resp):
		from, loc := httpclient.Redirect(resp)
		return &RedirectError{StatusCode: resp.StatusCode, Status: status, From: from, Location: redact(loc)}
	case resp.StatusCode == http.StatusBadRequest || resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return &RefusedError{URL: cred.TokenURL, StatusCode: resp.StatusCode, Status: status, Code: redact(re.ErrorCode), Description: redact(re.ErrorDescription)}
	}
	body := redact(string(re.Body))
	if len(body) > 200 {
		body = body[:200] + "…"
	}
	return &StatusError{URL: cred.TokenURL, StatusCode: resp.StatusCode, Status: status, Attempts: attempts, Body: strings.TrimSpace(body)}
}

// claimedExpiry reads the expiry that an IMS access token carries in its
// claims, created_at + expires_in in milliseconds (as Adobe's own client,
// @adobe/aio-lib-ims, computes it), for endpoints whose expires_in answer
// is not in seconds. ok is false for an opaque token.
func claimedExpiry(token string) (time.Time, bool) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return time.Time{}, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return time.Time{}, false
	}
	var claims struct {
		CreatedAt json.RawMessage `json:"created_at"`
		ExpiresIn json.RawMessage `json:"expires_in"`
	}
	if json.Unmarshal(raw, &claims) != nil {
		return time.Time{}, false
	}
	created, ok1 := millis(claims.CreatedAt)
	life, ok2 := millis(claims.ExpiresIn)
	if !ok1 || !ok2 || life <= 0 {
		return time.Time{}, false
	}
	return time.UnixMilli(created + life), true
}

// millis reads a number or a numeric string.
func millis(v json.RawMessage) (int64, bool) {
	n, err := strconv.ParseInt(strings.Trim(string(v), `"`), 10, 64)
	return n, err == nil
}

// Principal is what IMS's profile of a token's principal says that
// Campaign reads: its email and its product profiles.
type Principal struct {
	Email    string
	Profiles []string
}

// ProfileURL is the /ims/profile/v1 endpoint of the IMS whose token
// endpoint is tokenURL.
func ProfileURL(tokenURL string) (string, error) {
	u, err := url.Parse(tokenURL)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("no IMS host in %q", tokenURL)
	}
	return u.Scheme + "://" + u.Host + "/ims/profile/v1", nil
}

// FetchProfile reads the profile of the token's principal: GET
// /ims/profile/v1, as Campaign checks a bearer token with IMS.
func FetchProfile(ctx context.Context, hc *http.Client, tokenURL, token string) (Principal, error) {
	profileURL, err := ProfileURL(tokenURL)
	if err != nil {
		return Principal{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, profileURL, nil)
	if err != nil {
		return Principal{}, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := hc.Do(req)
	if err != nil {
		return Principal{}, &TransportError{Err: err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil || resp.StatusCode != http.StatusOK {
		return Principal{}, &StatusError{StatusCode: resp.StatusCode, Status: httpclient.DescribeStatus(resp)}
	}
	return ParseProfile(body)
}

// ParseProfile reads an /ims/profile/v1 answer: the email (or userId) and
// each projectedProductContext entry's prodCtx.label as a product profile.
// The shape for a technical account is a guess (no public sample,
// ADOBE_API.md): the one place that knows it, for the provider and for the
// emulated Campaign alike.
func ParseProfile(body []byte) (Principal, error) {
	var in struct {
		Email    string `json:"email"`
		UserID   string `json:"userId"`
		Contexts []struct {
			ProdCtx struct {
				Label string `json:"label"`
			} `json:"prodCtx"`
		} `json:"projectedProductContext"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return Principal{}, fmt.Errorf("the IMS profile is not JSON: %w", err)
	}
	out := Principal{Email: in.Email, Profiles: []string{}}
	if out.Email == "" {
		out.Email = in.UserID
	}
	for _, c := range in.Contexts {
		if c.ProdCtx.Label != "" {
			out.Profiles = append(out.Profiles, c.ProdCtx.Label)
		}
	}
	return out, nil
}
