package adobe

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The User Management API's read routes: the groups list, a group's users,
// one user; authorization, rate limits, paging and errors as UMAPI's docs
// give them (ADOBE_API.md).

// authorize checks a UMAPI request as UMAPI does: the bearer token, the
// API key of the same credential, the scope, the organization; then the
// per-client rate limit of the route. It answers and returns false on refusal.
func (e *Emulator) authorize(w http.ResponseWriter, r *http.Request, route string, limit int) bool {
	token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	grant, ok := e.issuer.Check(strings.TrimSpace(token))
	switch {
	case !ok:
		unauthorized(w, "The access token is invalid")
		return false
	case r.Header.Get("X-Api-Key") != grant.ClientID, !slices.Contains(grant.Scopes, "user_management_sdk"):
		// UMAPI's 403: no access to the organization or to the API; an empty body.
		w.WriteHeader(http.StatusForbidden)
		return false
	case r.PathValue("orgId") != e.cfg.OrgID:
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
	writeJSON(w, status, map[string]string{"error_code": code, "message": message})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// notFound is UMAPI's documented 404 body.
func notFound(w http.ResponseWriter, result, what string) {
	writeJSON(w, http.StatusNotFound, map[string]any{"lastPage": false, "result": result, "message": "Not found: " + what})
}

// page answers one page of items with UMAPI's paging headers; a page past
// the last answers the last.
func page[T any](w http.ResponseWriter, r *http.Request, size int, key string, items []T, extra map[string]any) {
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
	h := w.Header()
	h.Set("X-Total-Count", strconv.Itoa(len(items)))
	h.Set("X-Page-Count", strconv.Itoa(last+1))
	h.Set("X-Current-Page", strconv.Itoa(n))
	h.Set("X-Page-Size", strconv.Itoa(len(chunk))) // the entries of this page
	body := map[string]any{"lastPage": n == last, "result": "success", key: chunk}
	for k, v := range extra {
		body[k] = v
	}
	writeJSON(w, http.StatusOK, body)
}

func (e *Emulator) serveGroups(w http.ResponseWriter, r *http.Request) {
	if !e.authorize(w, r, RouteGroups, e.cfg.RateLimit) {
		return
	}
	page(w, r, e.cfg.PageSize, "groups", e.listing(), nil)
}

// user is a user as UMAPI answers it: fields not populated are left out.
type user struct {
	ID        string   `json:"id,omitempty"`
	Email     string   `json:"email"`
	Status    string   `json:"status"`
	Username  string   `json:"username,omitempty"`
	Domain    string   `json:"domain,omitempty"`
	Type      string   `json:"type"`
	Groups    []string `json:"groups,omitempty"`
	Firstname string   `json:"firstname,omitempty"`
	Lastname  string   `json:"lastname,omitempty"`
	Country   string   `json:"country,omitempty"`
}

// userOf is the user of email: its direct groups (user groups and
// profiles held directly). Caller holds mu.
func (e *Emulator) userOf(email string) user {
	local, domain, _ := strings.Cut(email, "@")
	return user{ID: strings.ToUpper(strings.ReplaceAll(local, ".", "")) + "@AdobeID", Email: email, Status: "active", Username: email,
		Domain: domain, Type: "federatedID", Groups: e.groupsOf(email), Firstname: local, Country: "US"}
}

func (e *Emulator) serveUsers(w http.ResponseWriter, r *http.Request) {
	if !e.authorize(w, r, RouteUsers, UsersRateLimit) {
		return
	}
	name := r.PathValue("groupName")
	i := slices.IndexFunc(e.listing(), func(g group) bool { return strings.EqualFold(g.GroupName, name) })
	if i < 0 {
		notFound(w, "error.group.not_found", "Group "+name)
		return
	}
	name = e.listing()[i].GroupName
	directOnly := r.URL.Query().Get("directOnly") == "true"
	e.mu.Lock()
	users := []user{}
	for _, email := range e.membersOf(name, directOnly) {
		users = append(users, e.userOf(email))
	}
	e.mu.Unlock()
	page(w, r, e.cfg.PageSize, "users", users, map[string]any{"groupName": name})
}

// serveGetUser is GET /v2/usermanagement/organizations/{orgId}/users/{user}:
// one user by email (case-insensitive), with its direct groups; 404 for
// an email the organization does not know (technical accounts included:
// UMAPI does not list them).
func (e *Emulator) serveGetUser(w http.ResponseWriter, r *http.Request) {
	if !e.authorize(w, r, RouteGetUser, UsersRateLimit) {
		return
	}
	asked := r.PathValue("user")
	e.mu.Lock()
	email, known := e.userEmail(asked)
	u := e.userOf(email)
	e.mu.Unlock()
	if !known {
		notFound(w, "error.user.not_found", "User "+asked)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"result": "success", "user": u})
}
