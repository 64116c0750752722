package emulator

import (
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"
)

// FaultKind is what an injected fault does to one request.
type FaultKind string

// Fault kinds.
const (
	// FaultHTTPStatus answers Status (429, 502, 503, 504…) with RetryAfter,
	// without doing the work, like a throttle or a proxy in front of Campaign.
	FaultHTTPStatus FaultKind = "status"
	// FaultDrop closes the connection before doing the work.
	FaultDrop FaultKind = "drop"
	// FaultDropAfter does the work, then closes the connection unanswered.
	FaultDropAfter FaultKind = "drop-after"
	// FaultExpireSession ends every session before the request is handled,
	// so the request is answered with XSV-350008.
	FaultExpireSession FaultKind = "expire"
	// FaultDelay waits Delay before handling the request.
	FaultDelay FaultKind = "delay"
	// FaultSOAP answers a SOAP fault with FaultString and Detail, with HTTP
	// status Status (default 500, as Campaign does).
	FaultSOAP FaultKind = "soap-fault"
	// FaultWriteAlters does a Write but stores Attribute as Value instead of
	// what was sent (empty Value: drops it), like a build or a trigger that
	// changes a field: what a client must catch by reading back.
	FaultWriteAlters FaultKind = "write-alters"
	// FaultRedirect answers Status (301, 302, 303, 307, 308) with a
	// Location header, like a login page, a load balancer sending http to
	// https, or a proxy on the path. Clients must not follow it.
	FaultRedirect FaultKind = "redirect"
)

// FaultRule is a scripted fault: it applies to the next Times requests
// (default 1) whose SOAPAction is Action (empty: any action).
type FaultRule struct {
	Action      string        `json:"action,omitempty"`
	Kind        FaultKind     `json:"kind"`
	Status      int           `json:"status,omitempty"`
	RetryAfter  string        `json:"retry_after,omitempty"`
	Delay       time.Duration `json:"delay_ns,omitempty"`
	FaultString string        `json:"fault_string,omitempty"`
	Detail      string        `json:"detail,omitempty"`
	Location    string        `json:"location,omitempty"`
	Attribute   string        `json:"attribute,omitempty"`
	Value       string        `json:"value,omitempty"`
	// Skip lets the first Skip matching requests through untouched, e.g. to
	// fault the second ExecuteQuery of an apply.
	Skip  int `json:"skip,omitempty"`
	Times int `json:"times,omitempty"`
}

// RandomFaults are rates (0..1) of faults applied to any SOAP request,
// plus a fixed latency added to every answer (the IMS token endpoint's too).
type RandomFaults struct {
	Latency    time.Duration
	Rate503    float64
	Rate429    float64
	DropRate   float64
	RetryAfter string
}

// FaultConfig combines random rates and scripted rules.
type FaultConfig struct {
	Random   RandomFaults
	Scripted []FaultRule
}

type faultInjector struct {
	mu       sync.Mutex
	random   RandomFaults
	scripted []FaultRule
}

func newFaultInjector(cfg FaultConfig) *faultInjector {
	f := &faultInjector{random: cfg.Random}
	f.add(cfg.Scripted...)
	return f
}

func (f *faultInjector) add(rules ...FaultRule) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, r := range rules {
		if r.Times <= 0 {
			r.Times = 1
		}
		f.scripted = append(f.scripted, r)
	}
}

func (f *faultInjector) clear() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.scripted, f.random = nil, RandomFaults{}
}

func (f *faultInjector) setRandom(r RandomFaults) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.random = r
}

func (f *faultInjector) latency() time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.random.Latency
}

// next returns the fault to apply to a request, or nil.
func (f *faultInjector) next(action string) *FaultRule {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range f.scripted {
		r := &f.scripted[i]
		if r.Times > 0 && (r.Action == "" || r.Action == action) {
			if r.Skip > 0 {
				r.Skip--
				return nil
			}
			r.Times--
			out := *r
			if r.Times == 0 {
				f.scripted = append(f.scripted[:i], f.scripted[i+1:]...)
			}
			return &out
		}
	}
	roll := rand.Float64()
	switch rnd := f.random; {
	case roll < rnd.DropRate:
		return &FaultRule{Kind: FaultDrop}
	case roll < rnd.DropRate+rnd.Rate503:
		return &FaultRule{Kind: FaultHTTPStatus, Status: http.StatusServiceUnavailable, RetryAfter: rnd.RetryAfter}
	case roll < rnd.DropRate+rnd.Rate503+rnd.Rate429:
		return &FaultRule{Kind: FaultHTTPStatus, Status: http.StatusTooManyRequests, RetryAfter: rnd.RetryAfter}
	}
	return nil
}

// applyFaultBefore applies the part of a fault that happens before the work;
// it reports whether the request has been fully answered.
func (e *Emulator) applyFaultBefore(w http.ResponseWriter, r *http.Request, rule *FaultRule) bool {
	switch rule.Kind {
	case FaultHTTPStatus:
		if rule.RetryAfter != "" {
			w.Header().Set("Retry-After", rule.RetryAfter)
		}
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(rule.Status)
		_, _ = w.Write([]byte("<html><body>" + http.StatusText(rule.Status) + "</body></html>"))
		return true
	case FaultRedirect:
		w.Header().Set("Location", rule.Location)
		w.WriteHeader(rule.Status)
		return true
	case FaultDrop:
		panic(http.ErrAbortHandler)
	case FaultExpireSession:
		e.auth.expireAll()
	case FaultDelay:
		select {
		case <-time.After(rule.Delay):
		case <-r.Context().Done():
			return true
		}
	case FaultSOAP:
		ans := e.fault("SOAP-ENV:Server", rule.FaultString, rule.Detail)
		if rule.Status != 0 {
			// Campaign answers faults with 500; some proxies rewrite it to 200.
			ans.status = rule.Status
		}
		e.write(w, ans)
		return true
	}
	return false
}

// serveFaults accepts {"scripted":[FaultRule…], "random":{…}} to change the
// faults of a running emulator (scripts and benchmarks use it).
func (e *Emulator) serveFaults(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Scripted []FaultRule `json:"scripted"`
		Random   *struct {
			LatencyMS  int     `json:"latency_ms"`
			Rate503    float64 `json:"rate_503"`
			Rate429    float64 `json:"rate_429"`
			DropRate   float64 `json:"drop_rate"`
			RetryAfter string  `json:"retry_after"`
		} `json:"random"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&in); err != nil {
		http.Error(w, "invalid fault description: "+err.Error(), http.StatusBadRequest)
		return
	}
	e.InjectFaults(in.Scripted...)
	if in.Random != nil {
		e.SetRandomFaults(RandomFaults{
			Latency: time.Duration(in.Random.LatencyMS) * time.Millisecond,
			Rate503: in.Random.Rate503, Rate429: in.Random.Rate429, DropRate: in.Random.DropRate,
			RetryAfter: in.Random.RetryAfter,
		})
	}
	w.WriteHeader(http.StatusNoContent)
}
