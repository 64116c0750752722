// Package adobe emulates Adobe's side of the IMS setup: the IMS token
// endpoint (internal/emulator/ims) and the read routes of the User
// Management API (UMAPI) that list an organization's product profiles, user
// groups and their users, with the documented JSON shapes, paging, per-client
// rate limits and errors (ADOBE_API.md names the sources and what is
// emulator-specific). The organization comes from the configuration; a
// person "creates" a product profile through POST /emulator/product-profiles,
// as they would in the Admin Console, which no API can do.
package adobe

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
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
	// UsersRateLimit is UMAPI's documented users-by-group limit.
	UsersRateLimit = 25
	// CampaignProduct is the product name of the profiles the flags create.
	CampaignProduct = "Adobe Campaign"
)

// DefaultScopes are the scopes UMAPI's docs ask the credential for.
func DefaultScopes() []string { return []string{"openid", "AdobeID", "user_management_sdk"} }

// ProductProfile is a product profile and the users assigned to it directly.
type ProductProfile struct {
	Name    string
	Product string // default CampaignProduct
	Members []string
}

// UserGroup holds users and gives them its product profiles.
type UserGroup struct {
	Name     string
	Profiles []string
	Members  []string
}

// Config sets up the organization. Zero values take the defaults.
type Config struct {
	OrgID                  string
	ClientID, ClientSecret string
	// Scopes the credential is granted (nil: DefaultScopes).
	Scopes          []string
	ProductProfiles []ProductProfile
	UserGroups      []UserGroup
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
	RouteTokenV2 = "POST /ims/token/v2"
	RouteTokenV3 = "POST /ims/token/v3"
	RouteGroups  = "GET /v2/usermanagement/groups"
	RouteUsers   = "GET /v2/usermanagement/users"
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
	e := &Emulator{
		cfg:      cfg,
		issuer:   ims.NewIssuer(cfg.TokenTTL, ims.Client{ID: cfg.ClientID, Secret: cfg.ClientSecret, Scopes: cfg.Scopes}),
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
	e.handle("POST /ims/token/v2", RouteTokenV2, e.issuer.ServeHTTP)
	e.handle("POST /ims/token/v3", RouteTokenV3, e.issuer.ServeHTTP)
	e.handle("GET /v2/usermanagement/groups/{orgId}/{page}", RouteGroups, e.serveGroups)
	e.handle("GET /v2/usermanagement/users/{orgId}/{page}/{groupName}", RouteUsers, e.serveUsers)
	e.mux.HandleFunc("GET /emulator/stats", e.serveStats)
	e.mux.HandleFunc("POST /emulator/reset", func(w http.ResponseWriter, _ *http.Request) {
		e.ResetStats()
		w.WriteHeader(http.StatusNoContent)
	})
	e.mux.HandleFunc("POST /emulator/product-profiles", e.serveCreateProfile)
	e.mux.HandleFunc("POST /emulator/faults", e.serveFaults)
	e.mux.HandleFunc("GET /emulator/user-profiles", e.serveUserProfiles)
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

func (e *Emulator) serveStats(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(e.Stats())
}

// authorize checks a UMAPI request as UMAPI does: the bearer token, the
// API key of the same credential, the scope, the organization; then the
// per-client rate limit of the route. It answers and returns false on refusal.
func (e *Emulator) authorize(w http.ResponseWriter, r *http.Request, route string, limit int) bool {
	token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	grant, ok := e.issuer.Check(strings.TrimSpace(token))
	if !ok {
		unauthorized(w, "The access token is invalid")
		return false
	}
	if r.Header.Get("X-Api-Key") != grant.ClientID {
		umapiError(w, http.StatusForbidden, "403003", "Api Key is invalid")
		return false
	}
	if !slices.Contains(grant.Scopes, "user_management_sdk") {
		umapiError(w, http.StatusForbidden, "403020", "The client does not have access to the User Management API (scope user_management_sdk)")
		return false
	}
	if r.PathValue("orgId") != e.cfg.OrgID {
		unauthorized(w, "Invalid Organization")
		return false
	}
	if wait, limited := e.throttle(route+" "+grant.ClientID, limit); limited {
		w.Header().Set("Retry-After", strconv.Itoa(wait))
		umapiError(w, http.StatusTooManyRequests, "429050", "Too many requests")
		return false
	}
	return true
}

// throttle records a call in a one-minute sliding window; limited when the
// window is full, with the seconds until its oldest call leaves it.
func (e *Emulator) throttle(key string, limit int) (int, bool) {
	if limit < 0 {
		return 0, false
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	now := time.Now()
	recent := slices.DeleteFunc(e.calls[key], func(t time.Time) bool { return now.Sub(t) >= time.Minute })
	if len(recent) >= limit {
		e.calls[key] = recent
		if limit == 0 {
			return 60, true
		}
		return int(math.Ceil(time.Minute.Seconds() - now.Sub(recent[0]).Seconds())), true
	}
	e.calls[key] = append(recent, now)
	return 0, false
}

// unauthorized is UMAPI's 401: an empty body and the reason in WWW-Authenticate.
func unauthorized(w http.ResponseWriter, description string) {
	w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Bearer realm="JIL", error="invalid_token", error_description=%q`, description))
	w.WriteHeader(http.StatusUnauthorized)
}

func umapiError(w http.ResponseWriter, status int, code, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error_code": code, "message": message})
}

// group is one entry of the groups list, as UMAPI documents it.
type group struct {
	GroupID        int64  `json:"groupId"`
	GroupName      string `json:"groupName"`
	Type           string `json:"type"`
	ProductName    string `json:"productName,omitempty"`
	LicenseQuota   string `json:"licenseQuota,omitempty"`
	AdminGroupName string `json:"adminGroupName,omitempty"`
	MemberCount    int    `json:"memberCount"`
}

// listing is every group of the organization, in a stable order: the
// profiles, the user groups, then the organization's admin groups (which a
// client must not take for profiles).
func (e *Emulator) listing() []group {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []group
	for i, p := range e.profiles {
		out = append(out, group{GroupID: int64(1000 + i), GroupName: p.Name, Type: "PRODUCT_PROFILE", ProductName: p.Product,
			LicenseQuota: "UNLIMITED", MemberCount: len(e.membersOf(p.Name, false))})
	}
	for i, g := range e.groups {
		out = append(out, group{GroupID: int64(2000 + i), GroupName: g.Name, Type: "USER_GROUP",
			AdminGroupName: "_admin_" + g.Name, MemberCount: len(g.Members)})
	}
	out = append(out,
		group{GroupID: 3000, GroupName: "_org_admin", Type: "SYSADMIN_GROUP", MemberCount: 1},
		group{GroupID: 3001, GroupName: "_product_admin_" + CampaignProduct, Type: "PRODUCT_ADMIN_GROUP", MemberCount: 1})
	return out
}

// membersOf lists a profile's users, through user groups too unless
// directOnly. Caller holds mu.
func (e *Emulator) membersOf(profile string, directOnly bool) []string {
	var out []string
	add := func(users []string) {
		for _, u := range users {
			if !slices.Contains(out, u) {
				out = append(out, u)
			}
		}
	}
	for _, p := range e.profiles {
		if p.Name == profile {
			add(p.Members)
		}
	}
	if !directOnly {
		for _, g := range e.groups {
			if slices.Contains(g.Profiles, profile) {
				add(g.Members)
			}
		}
	}
	for _, g := range e.groups { // a user group's own members
		if g.Name == profile {
			add(g.Members)
		}
	}
	return out
}

// page answers one page of items; a page past the last answers the last.
func page[T any](w http.ResponseWriter, r *http.Request, size int, key string, items []T) {
	n, err := strconv.Atoi(r.PathValue("page"))
	if err != nil || n < 0 {
		umapiError(w, http.StatusBadRequest, "400", "invalid page")
		return
	}
	last := max(0, (len(items)-1)/size)
	n = min(n, last)
	chunk := items[min(n*size, len(items)):min((n+1)*size, len(items))]
	if chunk == nil {
		chunk = []T{}
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Page-Size", strconv.Itoa(size))
	w.Header().Set("X-Current-Page", strconv.Itoa(n))
	_ = json.NewEncoder(w).Encode(map[string]any{"lastPage": n == last, "result": "success", key: chunk})
}

func (e *Emulator) serveGroups(w http.ResponseWriter, r *http.Request) {
	if !e.authorize(w, r, RouteGroups, e.cfg.RateLimit) {
		return
	}
	page(w, r, e.cfg.PageSize, "groups", e.listing())
}

type user struct {
	ID        string   `json:"id"`
	Email     string   `json:"email"`
	Status    string   `json:"status"`
	Username  string   `json:"username"`
	Domain    string   `json:"domain"`
	Type      string   `json:"type"`
	Groups    []string `json:"groups"`
	Firstname string   `json:"firstname"`
	Lastname  string   `json:"lastname"`
	Country   string   `json:"country"`
}

func (e *Emulator) serveUsers(w http.ResponseWriter, r *http.Request) {
	if !e.authorize(w, r, RouteUsers, UsersRateLimit) {
		return
	}
	name := r.PathValue("groupName")
	if !slices.ContainsFunc(e.listing(), func(g group) bool { return g.GroupName == name }) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_ = json.NewEncoder(w).Encode(map[string]string{"result": "error.group.not_found", "message": "Group " + name + " not found"})
		return
	}
	directOnly := r.URL.Query().Get("directOnly") == "true"
	e.mu.Lock()
	var users []user
	for _, email := range e.membersOf(name, directOnly) {
		local, domain, _ := strings.Cut(email, "@")
		users = append(users, user{ID: "U" + strconv.Itoa(len(users)+1) + "@AdobeID", Email: email, Status: "active",
			Username: email, Domain: domain, Type: "federatedID", Groups: e.profilesOf(email), Firstname: local, Country: "US"})
	}
	e.mu.Unlock()
	page(w, r, e.cfg.PageSize, "users", users)
}

// profilesOf lists the product profiles a user holds, directly or through
// a user group. Caller holds mu.
func (e *Emulator) profilesOf(email string) []string {
	out := []string{}
	for _, p := range e.profiles {
		if slices.Contains(e.membersOf(p.Name, false), email) {
			out = append(out, p.Name)
		}
	}
	return out
}

// UserProfiles is what IMS hands Campaign about a user at an Adobe ID
// login: the product profiles they hold.
func (e *Emulator) UserProfiles(email string) []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.profilesOf(email)
}

// serveUserProfiles is emulator-specific: GET /emulator/user-profiles?login=EMAIL.
func (e *Emulator) serveUserProfiles(w http.ResponseWriter, r *http.Request) {
	login := r.URL.Query().Get("login")
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"login": login, "profiles": e.UserProfiles(login)})
}

// PutProductProfile creates a product profile, or sets its members, as a
// person would in the Admin Console.
func (e *Emulator) PutProductProfile(p ProductProfile) {
	if p.Product == "" {
		p.Product = CampaignProduct
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if i := slices.IndexFunc(e.profiles, func(q ProductProfile) bool { return q.Name == p.Name }); i >= 0 {
		e.profiles[i] = p
		return
	}
	e.profiles = append(e.profiles, p)
}

// serveCreateProfile: POST /emulator/product-profiles {"name": …, "members": […]}.
func (e *Emulator) serveCreateProfile(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Name    string   `json:"name"`
		Product string   `json:"product"`
		Members []string `json:"members"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&in); err != nil || in.Name == "" {
		http.Error(w, `expected {"name": "…", "members": ["…"]}`, http.StatusBadRequest)
		return
	}
	e.PutProductProfile(ProductProfile{Name: in.Name, Product: in.Product, Members: in.Members})
	w.WriteHeader(http.StatusCreated)
}

// ParseProfileFlag reads -product-profile "NAME=email1,email2".
func ParseProfileFlag(v string) (ProductProfile, error) {
	name, members, _ := strings.Cut(v, "=")
	if name == "" {
		return ProductProfile{}, fmt.Errorf("-product-profile %q: want NAME=email1,email2", v)
	}
	return ProductProfile{Name: name, Members: splitList(members)}, nil
}

// ParseUserGroupFlag reads -user-group "NAME=profile1,profile2:email1,email2".
func ParseUserGroupFlag(v string) (UserGroup, error) {
	name, rest, ok := strings.Cut(v, "=")
	profiles, members, ok2 := strings.Cut(rest, ":")
	if name == "" || !ok || !ok2 {
		return UserGroup{}, fmt.Errorf("-user-group %q: want NAME=profile1,profile2:email1,email2", v)
	}
	return UserGroup{Name: name, Profiles: splitList(profiles), Members: splitList(members)}, nil
}

func splitList(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
