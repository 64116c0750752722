package emulator

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/ims"
)

// authenticator holds sessions, bearer tokens and the logon lockout.
type authenticator struct {
	cfg Config

	mu       sync.Mutex
	sessions map[string]session // session token -> session
	// principals are the logins of the bearer tokens checked with IMS
	// (an Adobe technical account's), by token.
	principals map[string]string
	issuer     *ims.Issuer // the IMS token endpoint (/ims/token/v2, /v3) and the tokens it issued
	failures   map[string][]time.Time
	banned     map[string]time.Time
}

type session struct {
	login    string
	security string
	expires  time.Time
}

func newAuthenticator(cfg Config) *authenticator {
	return &authenticator{
		cfg:        cfg,
		sessions:   map[string]session{},
		principals: map[string]string{},
		issuer:     ims.NewIssuer(cfg.IMSTokenTTL, imsClients(cfg)...),
		failures:   map[string][]time.Time{},
		banned:     map[string]time.Time{},
	}
}

// imsClients is the one OAuth credential the instance's IMS accepts, if any.
func imsClients(cfg Config) []ims.Client {
	if cfg.IMSClientID == "" {
		return nil
	}
	return []ims.Client{{ID: cfg.IMSClientID, Secret: cfg.IMSClientSecret}}
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
	return append(out, a.issuer.Issued()...)
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
	a.principals = map[string]string{}
	a.issuer.ExpireAll()
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
	_, ok := a.issuer.Check(token)
	return ok
}

// bearerLogon turns a valid IMS token into a Campaign session (BearerTokenLogon).
func (a *authenticator) bearerLogon(token string) (sessionToken, securityToken string, ok bool) {
	if !a.bearerValid(token) {
		return "", "", false
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	sessionToken, securityToken = a.openSession(bearerLogin, time.Now())
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
			return authOK, bearerLogin
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

// serveIMSToken is Adobe IMS's token endpoint for OAuth server-to-server
// client credentials (internal/emulator/ims), counted and open to faults.
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
	if !e.wait(r) { // IMS is as far away as the instance
		return
	}
	e.auth.issuer.ServeHTTP(w, r)
}

// bearerLogin is the operator of the bearer tokens the instance accepts by
// itself (AccessTokens, and those its own IMS endpoint issued).
const bearerLogin = "ims-user"

// principal is the login of a bearer token checked with IMS before.
func (a *authenticator) principal(token string) (string, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	login, ok := a.principals[token]
	return login, ok
}

// remember keeps the login of a bearer token IMS vouched for.
func (a *authenticator) remember(token, login string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.principals[token] = login
}
