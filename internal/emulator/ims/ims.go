// Package ims is an emulated Adobe IMS token endpoint for OAuth
// server-to-server credentials (grant_type=client_credentials), the one
// piece both emulators serve (the Campaign emulator for its `ims`
// authentication, the Adobe emulator for the User Management API). It
// answers as the real endpoint does for Adobe's own clients (ADOBE_API.md):
// /ims/token/v2 (with or without a trailing slash), /v3 and /v4; the
// parameters from the query string or the body, url-encoded or
// multipart/form-data; expires_in in seconds; a wrong client or secret
// refused with 400 invalid_client; JWT-shaped tokens whose claims carry
// created_at and expires_in in milliseconds (what @adobe/aio-lib-ims
// decodes).
package ims

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Client is a credential the endpoint knows.
type Client struct {
	ID, Secret string
	// Scopes are those the credential is granted; a request for another
	// is refused (invalid_scope). Nil grants whatever is asked, but Denied.
	Scopes []string
	// Denied are scopes never granted (a technical account's credential
	// without the User Management API asks user_management_sdk in vain).
	Denied []string
}

// Paths are the token endpoint's paths, which both emulators serve (POST).
func Paths() []string {
	return []string{"/ims/token/v2", "/ims/token/v2/", "/ims/token/v3", "/ims/token/v4"}
}

// Grant is what a token was issued for.
type Grant struct {
	ClientID string
	Scopes   []string
	Expires  time.Time
}

// Issuer issues and checks tokens. It is safe for concurrent use.
type Issuer struct {
	ttl time.Duration

	mu      sync.Mutex
	clients map[string]Client
	grants  map[string]Grant
}

// NewIssuer issues tokens that live ttl.
func NewIssuer(ttl time.Duration, clients ...Client) *Issuer {
	i := &Issuer{ttl: ttl, clients: map[string]Client{}, grants: map[string]Grant{}}
	for _, c := range clients {
		i.clients[c.ID] = c
	}
	return i
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// Check returns the grant of an unexpired token.
func (i *Issuer) Check(token string) (Grant, bool) {
	i.mu.Lock()
	defer i.mu.Unlock()
	g, ok := i.grants[token]
	return g, ok && time.Now().Before(g.Expires)
}

// Issued lists the unexpired tokens (tests check that none reaches a log).
func (i *Issuer) Issued() []string {
	i.mu.Lock()
	defer i.mu.Unlock()
	var out []string
	for t, g := range i.grants {
		if time.Now().Before(g.Expires) {
			out = append(out, t)
		}
	}
	return out
}

// ExpireAll revokes every token.
func (i *Issuer) ExpireAll() {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.grants = map[string]Grant{}
}

// ServeHTTP answers a POST to one of Paths: expires_in in seconds, on every
// version (Adobe's clients read it so; the token's own claims say it in
// milliseconds).
func (i *Issuer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	form, ok := parseForm(r)
	if !ok || form("grant_type") != "client_credentials" {
		oauthError(w, "unsupported_grant_type", "grant_type must be client_credentials")
		return
	}
	i.mu.Lock()
	c, known := i.clients[form("client_id")]
	i.mu.Unlock()
	switch {
	case !known:
		oauthError(w, "invalid_client", "invalid client_id parameter")
		return
	case !equal(form("client_secret"), c.Secret):
		oauthError(w, "invalid_client", "invalid client_secret parameter")
		return
	}
	scopes := splitScopes(form("scope"))
	for _, s := range scopes {
		if (c.Scopes != nil && !slices.Contains(c.Scopes, s)) || slices.Contains(c.Denied, s) {
			oauthError(w, "invalid_scope", "invalid scope ("+s+")")
			return
		}
	}
	now := time.Now()
	token := newToken(c.ID, scopes, now, i.ttl)
	i.mu.Lock()
	i.grants[token] = Grant{ClientID: c.ID, Scopes: scopes, Expires: now.Add(i.ttl)}
	i.mu.Unlock()
	expiresIn := int64(i.ttl / time.Second)
	_ = json.NewEncoder(w).Encode(map[string]any{"access_token": token, "token_type": "bearer", "expires_in": expiresIn})
}

// parseForm reads the parameters from the query string and from an
// url-encoded or multipart/form-data body ("Parameters can be sent in the
// body or as query parameters").
func parseForm(r *http.Request) (func(string) string, bool) {
	r.Body = http.MaxBytesReader(nil, r.Body, 1<<20)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var err error
	if ct == "multipart/form-data" {
		err = r.ParseMultipartForm(1 << 20) //nolint:gosec // the body is bounded by MaxBytesReader above
	} else {
		err = r.ParseForm()
	}
	if err != nil {
		return nil, false
	}
	return r.FormValue, true
}

func splitScopes(v string) []string {
	return strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' })
}

func oauthError(w http.ResponseWriter, code, description string) {
	w.WriteHeader(http.StatusBadRequest) // IMS refuses every request it cannot serve with 400
	_ = json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": description})
}

// newToken is JWT-shaped (header.claims.signature, base64url) with the
// claims of a real IMS access token; the signature is random bytes.
func newToken(clientID string, scopes []string, now time.Time, ttl time.Duration) string {
	enc := func(v any) string {
		b, _ := json.Marshal(v)
		return base64.RawURLEncoding.EncodeToString(b)
	}
	sig := make([]byte, 32)
	_, _ = rand.Read(sig)
	id := make([]byte, 8)
	_, _ = rand.Read(id)
	header := enc(map[string]string{"alg": "RS256", "x5u": "ims_na1-key-at-1.cer", "kid": "ims_na1-key-at-1", "itt": "at"})
	claims := enc(map[string]string{
		"id":         hex.EncodeToString(id),
		"type":       "access_token",
		"client_id":  clientID,
		"user_id":    clientID + "@techacct.adobe.com",
		"as":         "ims-na1",
		"scope":      strings.Join(scopes, ","),
		"created_at": strconv.FormatInt(now.UnixMilli(), 10),
		"expires_in": strconv.FormatInt(ttl.Milliseconds(), 10),
	})
	return header + "." + claims + "." + base64.RawURLEncoding.EncodeToString(sig)
}
