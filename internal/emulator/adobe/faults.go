package adobe

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
)

// Fault kinds. A new kind is one constant and one case of apply.
const (
	FaultHTTPStatus = "status" // answer Status (with Retry-After when set), as the route would

	FaultDrop     = "drop"     // close the connection without an answer (a lost answer)
	FaultRedirect = "redirect" // answer 302 to Location
)

// Fault is an injected failure of one route's requests.
type Fault struct {
	Route      string `json:"route"` // RouteGroups, RouteTokenV3, …
	Kind       string `json:"kind"`
	Status     int    `json:"status,omitempty"`
	RetryAfter string `json:"retry_after,omitempty"`
	Location   string `json:"location,omitempty"`
	// Times is how many requests it hits; 0: every request until reset.
	Times int `json:"times,omitempty"`
}

// AddFault schedules f.
func (e *Emulator) AddFault(f Fault) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.faults = append(e.faults, f)
}

// ClearFaults drops every scheduled fault.
func (e *Emulator) ClearFaults() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.faults = nil
}

// nextFault is the fault that hits this request of route. Caller holds mu.
func (e *Emulator) nextFault(route string) *Fault {
	i := slices.IndexFunc(e.faults, func(f Fault) bool { return f.Route == route })
	if i < 0 {
		return nil
	}
	f := e.faults[i]
	if f.Times > 0 {
		if e.faults[i].Times--; e.faults[i].Times == 0 {
			e.faults = slices.Delete(e.faults, i, i+1)
		}
	}
	return &f
}

// apply answers the request in place of the route; false lets it through.
func (f *Fault) apply(w http.ResponseWriter, r *http.Request) bool {
	switch f.Kind {
	case FaultHTTPStatus:
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		switch f.Status {
		case http.StatusUnauthorized:
			unauthorized(w, "The access token is invalid")
		case http.StatusForbidden:
			w.WriteHeader(http.StatusForbidden) // UMAPI's 403 has an empty body
		case http.StatusTooManyRequests:
			umapiError(w, f.Status, "429050", "Too many requests")
		default:
			umapiError(w, f.Status, strconv.Itoa(f.Status), http.StatusText(f.Status))
		}
		return true
	case FaultDrop:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return true
			}
		}
		panic(http.ErrAbortHandler)
	case FaultRedirect:
		http.Redirect(w, r, f.Location, http.StatusFound)
		return true
	}
	return false
}

// serveFaults: POST /emulator/faults with a Fault, or {"clear": true}.
func (e *Emulator) serveFaults(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Fault
		Clear bool `json:"clear"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&in); err != nil {
		http.Error(w, "expected a fault: {\"route\": …, \"kind\": \"status|drop|redirect\", …}", http.StatusBadRequest)
		return
	}
	if in.Clear {
		e.ClearFaults()
	} else {
		e.AddFault(in.Fault)
	}
	w.WriteHeader(http.StatusNoContent)
}
