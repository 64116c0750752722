// Package adobe emulates Adobe's side of the IMS setup: the IMS token
// endpoint (internal/emulator/ims) and IMS's profile of a token's principal,
// and the read routes of the User Management API (UMAPI) that list an
// organization's product profiles, user groups and users, with the
// documented JSON shapes, paging, per-client rate limits and errors
// (ADOBE_API.md names the sources and what is emulator-specific). The
// organization comes from the configuration; a person "creates" a product
// profile through POST /emulator/product-profiles, as they would in the
// Admin Console, which no API can do.
//
// One file per route family: org.go (the organization: profiles, user
// groups, technical accounts), umapi.go (the User Management API),
// profile.go (IMS's /ims/profile/v1), control.go (the /emulator/ routes),
// faults.go (injected faults).
package adobe

import (
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/ims"
)

// Defaults of Config. They are emulator choices, not Adobe facts, except
// the scopes (the ones UMAPI's docs ask for) and the rate limit (UMAPI's
// documented 5 groups-list requests per minute per client).
const (
	DefaultOrgID        = "0123456789ABCDEF01234567@AdobeOrg"
	DefaultClientID     = "admin-console-client"
	DefaultClientSecret = "admin-console-secret"
	DefaultPageSize     = 3
	DefaultRateLimit    = 5
	// UsersRateLimit is UMAPI's documented limit of the users-by-group
	// list and of the get-user route.
	UsersRateLimit = 25
	// CampaignProduct is the product name of the profiles the flags create.
	CampaignProduct = "Adobe Campaign"
)

// DefaultScopes are the scopes UMAPI's docs ask the credential for.
func DefaultScopes() []string { return []string{"openid", "AdobeID", "user_management_sdk"} }

// Config sets up the organization. Zero values take the defaults.
type Config struct {
	OrgID                  string
	ClientID, ClientSecret string
	// Scopes the credential is granted (nil: DefaultScopes).
	Scopes          []string
	ProductProfiles []ProductProfile
	UserGroups      []UserGroup
	// TechnicalAccounts are OAuth server-to-server credentials of
	// Developer Console projects and the product profiles they were given.
	TechnicalAccounts []TechnicalAccount
	// PageSize of the lists (small by default, so paging is always exercised).
	PageSize int
	// RateLimit is the groups-list requests per minute per client.
	RateLimit int
	TokenTTL  time.Duration
	// Latency is added to every answer (benchmarks of a remote Admin Console).
	Latency time.Duration
}

func (c *Config) setDefaults() {
	if c.OrgID == "" {
		c.OrgID = DefaultOrgID
	}
	if c.ClientID == "" {
		c.ClientID, c.ClientSecret = DefaultClientID, DefaultClientSecret
	}
	if c.Scopes == nil {
		c.Scopes = DefaultScopes()
	}
	if c.PageSize <= 0 {
		c.PageSize = DefaultPageSize
	}
	if c.RateLimit == 0 {
		c.RateLimit = DefaultRateLimit
	}
	if c.TokenTTL == 0 {
		c.TokenTTL = 24 * time.Hour
	}
}

// Routes as /emulator/stats counts them: the method and the path without
// its parameters.
const (
	RouteTokenV2  = "POST /ims/token/v2"
	RouteTokenV3  = "POST /ims/token/v3"
	RouteTokenV4  = "POST /ims/token/v4"
	RouteProfile  = "GET /ims/profile/v1"
	RouteGroups   = "GET /v2/usermanagement/groups"
	RouteUsers    = "GET /v2/usermanagement/users"
	RouteGetUser  = "GET /v2/usermanagement/organizations/users"
	routeTokenV2s = "POST /ims/token/v2/"
)

// Stats counts requests by route.
type Stats struct {
	Total   int            `json:"total"`
	ByRoute map[string]int `json:"by_route"`
}

// Emulator is an http.Handler serving one organization.
type Emulator struct {
	cfg    Config
	issuer *ims.Issuer
	mux    *http.ServeMux

	mu       sync.Mutex
	profiles []ProductProfile
	groups   []UserGroup
	stats    Stats
	calls    map[string][]time.Time // rate-limit window per route and client
	faults   []Fault
}

// New builds an emulator.
func New(cfg Config) *Emulator {
	cfg.setDefaults()
	clients := []ims.Client{{ID: cfg.ClientID, Secret: cfg.ClientSecret, Scopes: cfg.Scopes}}
	for _, ta := range cfg.TechnicalAccounts {
		// Its project has no User Management API: every other scope is granted.
		clients = append(clients, ims.Client{ID: ta.ClientID, Secret: ta.ClientSecret, Denied: []string{"user_management_sdk"}})
	}
	e := &Emulator{
		cfg:      cfg,
		issuer:   ims.NewIssuer(cfg.TokenTTL, clients...),
		profiles: slices.Clone(cfg.ProductProfiles),
		groups:   slices.Clone(cfg.UserGroups),
		stats:    Stats{ByRoute: map[string]int{}},
		calls:    map[string][]time.Time{},
	}
	for i := range e.profiles {
		if e.profiles[i].Product == "" {
			e.profiles[i].Product = CampaignProduct
		}
	}
	e.mux = http.NewServeMux()
	for _, route := range []string{RouteTokenV2, routeTokenV2s, RouteTokenV3, RouteTokenV4} {
		counted := route
		if route == routeTokenV2s {
			counted = RouteTokenV2
		}
		e.handle(route, counted, e.issuer.ServeHTTP)
	}
	e.handle("GET /ims/profile/v1", RouteProfile, e.serveProfile)
	e.handle("GET /v2/usermanagement/groups/{orgId}/{page}", RouteGroups, e.serveGroups)
	e.handle("GET /v2/usermanagement/users/{orgId}/{page}/{groupName}", RouteUsers, e.serveUsers)
	e.handle("GET /v2/usermanagement/organizations/{orgId}/users/{user}", RouteGetUser, e.serveGetUser)
	e.controlRoutes()
	return e
}

// ServeHTTP implements http.Handler.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) { e.mux.ServeHTTP(w, r) }

// Config is the effective configuration.
func (e *Emulator) Config() Config { return e.cfg }

// IssuedTokens lists the access tokens handed out (tests look for leaks).
func (e *Emulator) IssuedTokens() []string { return e.issuer.Issued() }

// handle counts a route, adds the latency and applies the faults.
func (e *Emulator) handle(pattern, route string, h http.HandlerFunc) {
	e.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		e.mu.Lock()
		e.stats.Total++
		e.stats.ByRoute[route]++
		fault := e.nextFault(route)
		e.mu.Unlock()
		if e.cfg.Latency > 0 {
			time.Sleep(e.cfg.Latency)
		}
		if fault != nil && fault.apply(w, r) {
			return
		}
		h(w, r)
	})
}

// Stats is a copy of the counters.
func (e *Emulator) Stats() Stats {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := Stats{Total: e.stats.Total, ByRoute: make(map[string]int, len(e.stats.ByRoute))}
	for k, v := range e.stats.ByRoute {
		out.ByRoute[k] = v
	}
	return out
}

// ResetStats zeroes the counters and the rate-limit windows.
func (e *Emulator) ResetStats() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.stats = Stats{ByRoute: map[string]int{}}
	e.calls = map[string][]time.Time{}
}
