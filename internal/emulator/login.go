package emulator

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/acc-terraform/terraform-provider-campaign/internal/imslogin"
	"github.com/acc-terraform/terraform-provider-campaign/internal/imstoken"
	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// What Campaign does at an Adobe ID login, and at a technical account's
// first API call: the same mapping (internal/imslogin) of the principal's
// product profiles through the account's association mask, then the
// operator created (on first login) and made a member of the groups.

// IMSLogin is the answer of a simulated Adobe ID login.
type IMSLogin struct {
	Login       string   `json:"login"`
	Groups      []string `json:"groups"`
	NamedRights []string `json:"named_rights"`
}

// instance is what a login depends on, as the emulator stores it. Caller
// holds e.mu.
func (e *Emulator) instance() imslogin.Instance {
	in := imslogin.Instance{NamedRights: e.cfg.NamedRights}
	for _, a := range e.store.accounts {
		if a["type"] == strconv.Itoa(e.cfg.AccountType) && a["imsRightsMask"] != "" {
			in.Mask = a["imsRightsMask"]
			break
		}
	}
	for _, g := range e.store.groups {
		in.Groups = append(in.Groups, imslogin.Group{Name: g["name"], NamedRights: soap.SplitList(g["right"])})
	}
	return in
}

// admit does what a login does: the mapping, then the operator created if
// needed (with that authentication) and made a member of each group it
// maps to; memberships are never removed (whether Campaign re-synchronises
// them at each login is not public). Caller holds e.mu.
func (e *Emulator) admit(login, authentication string, profiles []string) (IMSLogin, error) {
	out := imslogin.Login(e.instance(), profiles)
	if !out.Admitted {
		return IMSLogin{}, errors.New(out.Reason)
	}
	e.store.ensureOperator(login, authentication)
	for _, g := range out.Groups {
		e.store.addMember(g, login)
	}
	return IMSLogin{Login: login, Groups: out.Groups, NamedRights: out.NamedRights}, e.store.save()
}

// SimulateIMSLogin does what Campaign does when a user logs in with an
// Adobe ID holding profiles (admit). No profile mapping to an existing
// group is an error that starts with Campaign's message.
func (e *Emulator) SimulateIMSLogin(login string, profiles []string) (IMSLogin, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.admit(login, AuthenticationIMS, profiles)
}

// serveIMSLogin: POST /emulator/ims-login {"login": …, "profiles": […]}.
func (e *Emulator) serveIMSLogin(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Login    string   `json:"login"`
		Profiles []string `json:"profiles"`
	}
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&in); err != nil || in.Login == "" {
		w.WriteHeader(http.StatusBadRequest)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": `expected {"login": "…", "profiles": ["…"]}`})
		return
	}
	if in.Profiles == nil && e.cfg.AdobeURL != "" {
		profiles, err := e.adobeUserProfiles(r.Context(), in.Login)
		if err != nil {
			w.WriteHeader(http.StatusBadGateway)
			_ = json.NewEncoder(w).Encode(map[string]string{"error": "the Adobe emulator did not say the user's product profiles: " + err.Error()})
			return
		}
		in.Profiles = profiles
	}
	out, err := e.SimulateIMSLogin(in.Login, in.Profiles)
	if err != nil {
		w.WriteHeader(http.StatusForbidden)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": imslogin.ErrNoMatchingRight, "reason": err.Error()})
		return
	}
	_ = json.NewEncoder(w).Encode(out)
}

// newAdobeClient talks to the Adobe emulator (AdobeURL, trusting
// AdobeCAPEM). New builds it once, so that its connections are reused.
func newAdobeClient(cfg Config) *http.Client {
	tlsCfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if len(cfg.AdobeCAPEM) > 0 {
		pool := x509.NewCertPool()
		pool.AppendCertsFromPEM(cfg.AdobeCAPEM)
		tlsCfg.RootCAs = pool
	}
	return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: tlsCfg}}
}

// adobeGet is one GET to the Adobe emulator; the bearer token, when
// given, authenticates it.
func (e *Emulator) adobeGet(ctx context.Context, path, bearer string) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(e.cfg.AdobeURL, "/")+path, nil)
	if err != nil {
		return 0, nil, err
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := e.adobe.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, body, err
}

// adobeUserProfiles asks the Adobe emulator which product profiles a user
// holds (what IMS tells Campaign at a real Adobe ID login).
func (e *Emulator) adobeUserProfiles(ctx context.Context, login string) ([]string, error) {
	status, body, err := e.adobeGet(ctx, "/emulator/user-profiles?login="+url.QueryEscape(login), "")
	if err != nil {
		return nil, err
	}
	if status != http.StatusOK {
		return nil, fmt.Errorf("%s answered HTTP %d", e.cfg.AdobeURL, status)
	}
	var out struct {
		Profiles []string `json:"profiles"`
	}
	return out.Profiles, json.Unmarshal(body, &out)
}

// bearerPrincipal is what Campaign does with a bearer token it did not
// issue: it checks it with IMS (GET /ims/profile/v1, as SDK issue 108's
// fault shows), and at the principal's first call creates its operator with
// the groups its profiles map to (admit), or refuses the call. The token's
// principal is remembered for the token's life. ok is false with the answer
// to send instead.
func (e *Emulator) bearerPrincipal(call *soapCall, token string) (login string, refusal answer, ok bool) {
	if login, known := e.auth.principal(token); known {
		return login, answer{}, true
	}
	status, body, err := e.adobeGet(call.http.Context(), "/ims/profile/v1", token)
	if err != nil || status != http.StatusOK {
		return "", e.fault("SOAP-ENV:Client", readParamsFault(call.service, call.method), detailBearerInvalid), false
	}
	p, err := imstoken.ParseProfile(body)
	if err != nil || p.Email == "" {
		return "", e.fault("SOAP-ENV:Client", readParamsFault(call.service, call.method), "XSV-350114 Unexpected answer of the '/ims/profile/v1' IMS call"), false
	}
	e.mu.Lock()
	_, exists := copyOf(e.store.operators, e.store.operatorIndex(p.Email))
	if !exists {
		if _, err := e.admit(p.Email, AuthenticationIMS, p.Profiles); err != nil {
			e.mu.Unlock()
			// The emulator's fault: Campaign's envelope for this refusal is not public.
			return "", e.fault("SOAP-ENV:Client", readParamsFault(call.service, call.method), err.Error()), false
		}
	}
	e.mu.Unlock()
	e.auth.remember(token, p.Email)
	return p.Email, answer{}, true
}
