// Package emulator is a Campaign Classic server for tests and demos. It speaks
// the wire protocol described in CAMPAIGN_API.md on
// /nl/jsp/soaprouter.jsp (Logon, bearer tokens, Write, ExecuteQuery,
// GetEntityIfMoreRecent, EncryptPassword, package installation, …), answers
// faults the way Campaign does, and adds what tests need: fault injection and
// a per-SOAPAction request counter at /emulator/stats.
//
// Values that Campaign does not publish (the numeric @type of the Adobe
// Experience Cloud external account, the internal name of the "Integration
// with the Adobe Experience Cloud" package) are emulator defaults, configurable
// and documented as such; clients must discover them, not assume them.
package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/ims"
	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// Emulator defaults. They are not Campaign facts.
const (
	DefaultLogin    = "admin"
	DefaultPassword = "admin"
	// DefaultIMSAccountType is the emulator's value of the nms:extAccount
	// @type enumeration entry labelled "Adobe Experience Cloud".
	DefaultIMSAccountType = 24
	// DefaultIMSPackage is the emulator's internal name of the package
	// labelled "Integration with the Adobe Experience Cloud".
	DefaultIMSPackage = "nms:experienceCloudIntegration"
	// DefaultInstanceName is reported in serverInfo and /r/test.
	DefaultInstanceName = "emulator"
	// BuildNumber and Version are what the emulator reports as its Campaign build.
	BuildNumber = "9364"
	Version     = "8.7.2"
)

// Package is an entry of the emulator's catalog of standard packages.
type Package struct {
	ID    string // namespace:name
	Label string
}

// DefaultCatalog lists the standard packages the emulator can install. Ids other
// than DefaultIMSPackage are public ones (CAMPAIGN_API.md, Packages).
func DefaultCatalog() []Package {
	return []Package{
		{"xtk:core", "Core platform"},
		{"nms:core", "Core Campaign"},
		{"nms:campaign", "Campaign"},
		{"nms:mrm", "Marketing resource management"},
		{"nms:interaction", "Interaction"},
		{"nms:messageCenterControl", "Transactional message control"},
		{"nms:mobileApp", "Mobile app channel"},
		{"nms:aemIntegration", "AEM integration"},
		{"nms:aamIntegration", "Adobe Experience Cloud Shared Audiences Integration"},
		{DefaultIMSPackage, "Integration with the Adobe Experience Cloud"},
	}
}

// Config sets up an emulator. Zero values take the documented defaults.
type Config struct {
	Login, Password string
	// AccessTokens are IMS bearer tokens the emulator accepts as is.
	AccessTokens []string
	// IMSClientID / IMSClientSecret are the OAuth server-to-server client
	// credentials accepted at /ims/token/v3; tokens issued there live IMSTokenTTL.
	IMSClientID, IMSClientSecret string
	IMSTokenTTL                  time.Duration
	// SessionTTL is the lifetime of a Logon session (Campaign: 24 h).
	SessionTTL time.Duration
	// MaxLogonFailures failed logons within FailureWindow lock the login
	// for BanDuration (Campaign: 3 in 10 minutes, 5 minutes).
	MaxLogonFailures int
	FailureWindow    time.Duration
	BanDuration      time.Duration
	AccountType      int
	InstanceName     string
	Catalog          []Package
	// Installed lists the packages installed at start (when no state file
	// says otherwise). Nil means xtk:core, nms:core and nms:campaign.
	Installed []string
	// InstallDuration is how long a package installation takes.
	InstallDuration time.Duration
	// FaultStatus is the HTTP status SOAP faults are sent with (Campaign
	// builds use 500 or 200).
	FaultStatus int
	// Faults configures random and scripted fault injection.
	Faults FaultConfig
	// Profile is the Campaign build variant played (see Profiles); the zero
	// value is DefaultProfile.
	Profile Profile
	// OperatorGroups are the xtk:group operator groups at start (when no
	// state file says otherwise); nil means DefaultOperatorGroups.
	OperatorGroups []OperatorGroup
	// NamedRights are the named rights the instance defines; nil means
	// DefaultNamedRights.
	NamedRights []string
	// Operators exist at start, members of their groups.
	Operators []Operator
	// AdobeURL is an Adobe emulator (cmd/adobe-emulator): a simulated
	// Adobe ID login without profiles takes the user's product profiles from
	// it, as Campaign gets them from IMS at a real login. AdobeCAPEM is the CA
	// of its TLS certificate.
	AdobeURL   string
	AdobeCAPEM []byte
	// StatePath, when set, persists accounts and packages across restarts.
	StatePath string
	// Logf receives one line per request (never a secret); nil is silent.
	Logf func(format string, args ...any)
}

func (c *Config) setDefaults() {
	orDefault(&c.Login, DefaultLogin)
	orDefault(&c.Password, DefaultPassword)
	orDefault(&c.IMSTokenTTL, time.Hour)
	orDefault(&c.SessionTTL, 24*time.Hour)
	orDefault(&c.MaxLogonFailures, 3)
	orDefault(&c.FailureWindow, 10*time.Minute)
	orDefault(&c.BanDuration, 5*time.Minute)
	orDefault(&c.AccountType, DefaultIMSAccountType)
	orDefault(&c.InstanceName, DefaultInstanceName)
	if c.Catalog == nil {
		c.Catalog = DefaultCatalog()
	}
	if c.Installed == nil {
		c.Installed = []string{"xtk:core", "nms:core", "nms:campaign"}
	}
	if c.Profile.Name == "" {
		c.Profile, _ = ProfileNamed(DefaultProfile)
	}
	orDefault(&c.FaultStatus, c.Profile.FaultStatus)
	orDefault(&c.FaultStatus, http.StatusInternalServerError)
	if c.OperatorGroups == nil {
		c.OperatorGroups = DefaultOperatorGroups()
	}
	if c.NamedRights == nil {
		c.NamedRights = DefaultNamedRights()
	}
}

// orDefault sets *v to def when it is the zero value.
func orDefault[T comparable](v *T, def T) {
	var zero T
	if *v == zero {
		*v = def
	}
}

// Emulator is an http.Handler serving one emulated Campaign instance.
type Emulator struct {
	cfg    Config
	mux    *http.ServeMux
	faults *faultInjector
	auth   *authenticator
	// adobe talks to the Adobe emulator, when AdobeURL is set (login.go).
	adobe *http.Client
	// tables are the schemas of the instance, by name (tables.go).
	tables map[string]table

	mu    sync.Mutex // guards store and stats
	store *store
	stats stats
}

type stats struct {
	Total            int            `json:"total"`
	ByAction         map[string]int `json:"by_action"`
	IMSTokenRequests int            `json:"ims_token_requests"`
	LogonFailures    int            `json:"logon_failures"`
	FaultsInjected   int            `json:"faults_injected"`
	// SessionsOpen is a reading, not a counter: the sessions opened by
	// Logon (or BearerTokenLogon) and not yet logged off or expired.
	SessionsOpen int `json:"sessions_open"`
}

// SOAP actions as the provider's client sends them: the keys of
// Stats.ByAction that tests and benchmarks count.
const (
	ActionLogon                 = "xtk:session#Logon"
	ActionGetUserInfo           = "xtk:session#GetUserInfo"
	ActionEncryptPassword       = "xtk:session#EncryptPassword"
	ActionWrite                 = "xtk:persist#Write"
	ActionExecuteQuery          = "xtk:queryDef#ExecuteQuery"
	ActionGetEntityIfMoreRecent = "xtk:persist#GetEntityIfMoreRecent"
	ActionLogoff                = "xtk:session#Logoff"
	ActionInstallVendorPackages = "xtk:builder#InstallVendorPackages"
	// ActionIMSToken is not a SOAPAction: it names the IMS token endpoint
	// (POST /ims/token/v2, /v3, /v4) in fault rules.
	ActionIMSToken = "ims:token#v3"
)

// Stats is a snapshot of the request counters.
type Stats = stats

// New builds an emulator, loading its state file when one is configured.
func New(cfg Config) (*Emulator, error) {
	cfg.setDefaults()
	st, err := loadStore(cfg)
	if err != nil {
		return nil, err
	}
	e := &Emulator{
		cfg:    cfg,
		store:  st,
		faults: newFaultInjector(cfg.Faults),
		auth:   newAuthenticator(cfg),
		adobe:  newAdobeClient(cfg),
		stats:  stats{ByAction: map[string]int{}},
		tables: map[string]table{},
	}
	for _, t := range tables() {
		e.tables[t.schema] = t
	}
	// What each queried schema defines, read once from its document (the
	// configuration, and so the documents, never change after New).
	for name, t := range e.tables {
		if t.rows != nil {
			t.columns = e.columnsOf(t)
			e.tables[name] = t
		}
	}
	e.mux = http.NewServeMux()
	e.mux.HandleFunc("POST /nl/jsp/soaprouter.jsp", e.serveSOAP)
	e.mux.HandleFunc("GET /r/test", e.serveRTest)
	e.mux.HandleFunc("GET /nl/jsp/ping.jsp", e.servePing)
	for _, path := range ims.Paths() {
		e.mux.HandleFunc("POST "+path, e.serveIMSToken)
	}
	e.mux.HandleFunc("GET /emulator/stats", e.serveStats)
	e.mux.HandleFunc("POST /emulator/reset", e.serveReset)
	e.mux.HandleFunc("POST /emulator/faults", e.serveFaults)
	e.mux.HandleFunc("POST /emulator/ims-login", e.serveIMSLogin)
	e.mux.HandleFunc("POST /emulator/expire-sessions", func(w http.ResponseWriter, _ *http.Request) {
		e.ExpireSessions()
		w.WriteHeader(http.StatusNoContent)
	})
	return e, nil
}

// ServeHTTP implements http.Handler.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) { e.mux.ServeHTTP(w, r) }

// Config returns the effective configuration (defaults applied).
func (e *Emulator) Config() Config { return e.cfg }

// Stats returns a copy of the counters.
func (e *Emulator) Stats() Stats {
	open := e.auth.openSessions() // before e.mu: the two locks are never held together
	e.mu.Lock()
	defer e.mu.Unlock()
	s := e.stats
	s.SessionsOpen = open
	s.ByAction = make(map[string]int, len(e.stats.ByAction))
	for k, v := range e.stats.ByAction {
		s.ByAction[k] = v
	}
	return s
}

// ResetStats zeroes the counters.
func (e *Emulator) ResetStats() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.stats = stats{ByAction: map[string]int{}}
}

// ExpireSessions ends every Logon session and revokes the IMS tokens the
// emulator issued, as timeouts would: the next call with an old session gets
// XSV-350008, with an old IMS token XSV-350114.
func (e *Emulator) ExpireSessions() { e.auth.expireAll() }

// IssuedTokens returns the live session, security and IMS tokens.
func (e *Emulator) IssuedTokens() []string { return e.auth.issuedTokens() }

// InjectFaults queues scripted faults (see FaultRule).
func (e *Emulator) InjectFaults(rules ...FaultRule) { e.faults.add(rules...) }

// ClearFaults drops the scripted faults not yet served and the random ones.
func (e *Emulator) ClearFaults() { e.faults.clear() }

// SetRandomFaults replaces the random fault rates.
func (e *Emulator) SetRandomFaults(r RandomFaults) { e.faults.setRandom(r) }

func (e *Emulator) logf(format string, args ...any) {
	if e.cfg.Logf != nil {
		e.cfg.Logf(format, args...)
	}
}

func (e *Emulator) countFault(action string, rule *FaultRule) {
	e.mu.Lock()
	e.stats.FaultsInjected++
	e.mu.Unlock()
	e.logf("%s: injected fault %s", action, rule.Kind)
}

func (e *Emulator) count(action string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.stats.Total++
	e.stats.ByAction[action]++
}

// soapCall is the decoded request plus what the dispatcher learnt about it.
type soapCall struct {
	http    *http.Request
	req     *incomingRequest
	service string // service part of the SOAPAction, e.g. "xtk:persist|xtk:session"
	method  string
	action  string
	fault   *FaultRule // the scripted fault applied to this call, if any
}

// answer is what a method handler returns: a body and the status to send it with.
type answer struct {
	status int
	body   []byte
	// bare: a line of text, not a SOAP envelope (some builds refuse so).
	bare bool
}

// bareText is an answer of one line of text, as some builds send a
// refusal instead of a SOAP fault (CAMPAIGN_API.md).
func bareText(status int, line string) answer {
	return answer{status: status, body: []byte(line + "\n"), bare: true}
}

func (e *Emulator) ok(call *soapCall, outputs ...soap.Param) answer {
	return answer{status: http.StatusOK, body: marshalResponse(responseNamespace(call), call.method, outputs...)}
}

func (e *Emulator) fault(faultCode, faultString, detail string) answer {
	return answer{status: e.cfg.FaultStatus, body: marshalFault(soap.NewFault(faultCode, faultString, detail))}
}

// responseNamespace mimics the namespaces Campaign answers with: interface
// methods of xtk:persist answer in urn:wpp:default, others in their schema.
func responseNamespace(call *soapCall) string {
	if strings.HasPrefix(call.service, "xtk:persist") {
		return "wpp:default"
	}
	return call.service
}

// actionOf finds the SOAPAction: the header (quoted or not), the SDK's
// ?soapAction= query parameter, or the body's method element.
func actionOf(r *http.Request, req *incomingRequest) (service, method string) {
	action := strings.Trim(strings.TrimSpace(r.Header.Get("SOAPAction")), `"`)
	if action == "" {
		action = r.URL.Query().Get("soapAction")
	}
	if svc, m, ok := strings.Cut(action, "#"); ok && svc != "" && m != "" {
		return svc, m
	}
	return req.Service, req.Method
}

func (e *Emulator) serveSOAP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, soap.MaxDocumentBytes+1))
	if err != nil {
		return
	}
	req, decodeErr := decodeRequest(bytes.NewReader(body))
	if decodeErr != nil {
		e.count("invalid")
		e.write(w, e.fault("SOAP-ENV:Client", "SOP-330005 Unable to read the SOAP request.", decodeErr.Error()))
		return
	}
	service, method := actionOf(r, req)
	call := &soapCall{http: r, req: req, service: service, method: method, action: service + "#" + method}
	e.count(call.action)

	rule := e.faults.next(call.action)
	call.fault = rule
	if rule != nil {
		e.countFault(call.action, rule)
		if done := e.applyFaultBefore(w, r, rule); done {
			return
		}
	}
	if !e.wait(r) {
		return
	}
	ans := e.dispatch(call)
	if rule != nil && rule.Kind == FaultDropAfter {
		// The work is done, the answer is lost: what a client sees when the
		// connection breaks after the server committed.
		panic(http.ErrAbortHandler)
	}
	e.logf("%s -> %d", call.action, ans.status)
	e.write(w, ans)
}

// wait holds a request for the configured latency; false when the client
// gave up meanwhile.
func (e *Emulator) wait(r *http.Request) bool {
	d := e.faults.latency()
	if d <= 0 {
		return true
	}
	select {
	case <-time.After(d):
		return true
	case <-r.Context().Done():
		return false
	}
}

func (e *Emulator) write(w http.ResponseWriter, a answer) {
	w.Header().Set("Content-Type", "text/xml;charset=utf-8")
	if a.bare {
		w.Header().Set("Content-Type", "text/plain;charset=utf-8")
	}
	w.WriteHeader(a.status)
	_, _ = w.Write(a.body)
}

func (e *Emulator) serveRTest(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/xml;charset=utf-8")
	var b bytes.Buffer
	b.WriteString("<redir status='OK' date='" + time.Now().UTC().Format("2006-01-02 15:04:05.000Z") +
		"' build='" + BuildNumber + "' version='" + Version + "' sha1='e1e1e1e' instance='")
	soap.EscapeInto(&b, e.cfg.InstanceName)
	b.WriteString("' sourceIP='")
	ip, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		ip = r.RemoteAddr
	}
	soap.EscapeInto(&b, ip)
	b.WriteString("' host='")
	soap.EscapeInto(&b, r.Host)
	b.WriteString("' localHost='campaign-emulator'/>")
	_, _ = w.Write(b.Bytes())
}

func (e *Emulator) servePing(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain;charset=utf-8")
	fmt.Fprintf(w, "OK\n%s\n", time.Now().UTC().Format("2006-01-02 15:04:05.000Z"))
}

func (e *Emulator) serveStats(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(e.Stats())
}

func (e *Emulator) serveReset(w http.ResponseWriter, _ *http.Request) {
	e.ResetStats()
	w.WriteHeader(http.StatusNoContent)
}
