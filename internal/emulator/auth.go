package emulator

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"
)

// authenticator holds sessions, bearer tokens and the logon lockout.
type authenticator struct {
	cfg Config

	mu       sync.Mutex
	sessions map[string]session   // session token -> session
	bearers  map[string]time.Time // IMS tokens issued by /ims/token/v3 -> expiry
	failures map[string][]time.Time
	banned   map[string]time.Time
}

type session struct {
	login    string
	security string
	expires  time.Time
}

func newAuthenticator(cfg Config) *authenticator {
	return &authenticator{
		cfg:      cfg,
		sessions: map[string]session{},
		bearers:  map[string]time.Time{},
		failures: map[string][]time.Time{},
		banned:   map[string]time.Time{},
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func newSessionToken() string {
	h := randomHex(16)
	return "___" + strings.ToUpper(h[0:8]+"-"+h[8:12]+"-"+h[12:16]+"-"+h[16:20]+"-"+h[20:32])
}

func newSecurityToken() string {
	b := make([]byte, 64)
	_, _ = rand.Read(b)
	return "@" + base64.URLEncoding.EncodeToString(b)
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// logonOutcome tells the SOAP layer which fault, if any, to answer.
type logonOutcome int

const (
	logonOK logonOutcome = iota
	logonRejected
	logonLocked
)

// logon checks credentials and opens a session. A login that failed
// MaxLogonFailures times within FailureWindow is refused for BanDuration,
// even with the right password.
func (a *authenticator) logon(login, password string) (sessionToken, securityToken string, outcome logonOutcome) {
	a.mu.Lock()
	defer a.mu.Unlock()
	now := time.Now()
	if until, ok := a.banned[login]; ok && now.Before(until) {
		return "", "", logonLocked
	}
	if !equal(login, a.cfg.Login) || !equal(password, a.cfg.Password) {
		recent := a.failures[login][:0]
		for _, t := range a.failures[login] {
			if now.Sub(t) < a.cfg.FailureWindow {
				recent = append(recent, t)
			}
		}
		recent = append(recent, now)
		a.failures[login] = recent
		if len(recent) >= a.cfg.MaxLogonFailures {
			a.banned[login] = now.Add(a.cfg.BanDuration)
			delete(a.failures, login)
		}
		return "", "", logonRejected
	}
	delete(a.failures, login)
	sessionToken, securityToken = a.openSession(login, now)
	return sessionToken, securityToken, logonOK
}

// openSession must be called with mu held.
func (a *authenticator) openSession(login string, now time.Time) (sessionToken, securityToken string) {
	sessionToken, securityToken = newSessionToken(), newSecurityToken()
	a.sessions[sessionToken] = session{login: login, security: securityToken, expires: now.Add(a.cfg.SessionTTL)}
	return sessionToken, securityToken
}

// issuedTokens lists the session, security and IMS tokens handed out so far
// that are still valid (tests check that none of them reaches a log).
func (a *authenticator) issuedTokens() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []string
	for tok, s := range a.sessions {
		out = append(out, tok, s.security)
	}
	for tok := range a.bearers {
		out = append(out, tok)
	}
	return out
}

func (a *authenticator) logoff(token string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.sessions, token)
}

// openSessions counts the Logon sessions not yet logged off or expired.
func (a *authenticator) openSessions() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	now, n := time.Now(), 0
	for _, s := range a.sessions {
		if now.Before(s.expires) {
			n++
		}
	}
	return n
}

func (a *authenticator) expireAll() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.sessions = map[string]session{}
	a.bearers = map[string]time.Time{}
}

// bearerValid accepts the configured static tokens and unexpired tokens
// issued by the IMS endpoint.
func (a *authenticator) bearerValid(token string) bool {
	if token == "" {
		return false
	}
	for _, t := range a.cfg.AccessTokens {
		if equal(t, token) {
			return true
		}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	exp, ok := a.bearers[token]
	return ok && time.Now().Before(exp)
}

// bearerLogon turns a valid IMS token into a Campaign session (BearerTokenLogon).
func (a *authenticator) bearerLogon(token string) (sessionToken, securityToken string, ok bool) {
	if !a.bearerValid(token) {
		return "", "", false
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	sessionToken, securityToken = a.openSession("ims-user", time.Now())
	return sessionToken, securityToken, true
}

// credentials of one request, from headers and the first body parameter.
type credentials struct {
	bearer   string
	session  string
	security string
}

func credentialsOf(call *soapCall) credentials {
	r := call.http
	var c credentials
	if h := r.Header.Get("Authorization"); len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		c.bearer = strings.TrimSpace(h[7:])
	}
	c.session = strings.TrimSpace(call.req.Text(0))
	if c.session == "" {
		if ck, err := r.Cookie("__sessiontoken"); err == nil {
			c.session = ck.Value
		}
	}
	if c.session == "" {
		c.session = r.Header.Get("X-Session-Token")
	}
	c.security = r.Header.Get("X-Security-Token")
	if c.security == "" && call.req.Header != nil {
		c.security = strings.TrimSpace(call.req.Header.ChildText("X-Security-Token"))
	}
	return c
}

// authResult is who made a call, or which fault to answer.
type authResult int

const (
	authOK authResult = iota
	authSessionInvalid
	authBearerInvalid
)

func (a *authenticator) check(c credentials) (authResult, string) {
	if c.bearer != "" {
		if a.bearerValid(c.bearer) {
			return authOK, "ims-user"
		}
		return authBearerInvalid, ""
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	s, ok := a.sessions[c.session]
	if !ok || time.Now().After(s.expires) || !equal(s.security, c.security) {
		return authSessionInvalid, ""
	}
	return authOK, s.login
}

// serveIMSToken is an Adobe IMS token endpoint for OAuth server-to-server
// client credentials (grant_type=client_credentials).
func (e *Emulator) serveIMSToken(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	e.stats.IMSTokenRequests++
	e.mu.Unlock()
	if rule := e.faults.next(ActionIMSToken); rule != nil {
		e.countFault(ActionIMSToken, rule)
		if done := e.applyFaultBefore(w, r, rule); done {
			return
		}
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") != "client_credentials" {
		w.WriteHeader(http.StatusBadRequest)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": "unsupported_grant_type"})
		return
	}
	cfg := e.cfg
	if cfg.IMSClientID == "" || !equal(r.PostForm.Get("client_id"), cfg.IMSClientID) ||
		!equal(r.PostForm.Get("client_secret"), cfg.IMSClientSecret) {
		w.WriteHeader(http.StatusUnauthorized)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": "invalid_client", "error_description": "invalid client_id or client_secret"})
		return
	}
	token := "eyJ" + randomHex(32)
	a := e.auth
	a.mu.Lock()
	a.bearers[token] = time.Now().Add(cfg.IMSTokenTTL)
	a.mu.Unlock()
	_ = json.NewEncoder(w).Encode(map[string]any{
		"access_token": token,
		"token_type":   "bearer",
		"expires_in":   int(cfg.IMSTokenTTL.Seconds()),
	})
}
