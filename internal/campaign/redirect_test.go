package campaign_test

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"
	"github.com/acc-terraform/terraform-provider-campaign/internal/imstoken"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/testdoc"
)

// redirectHarness is an emulated instance behind one TLS listener that also
// plays the redirect target: every request that reaches the path /moved
// (same host) or arrives for the host name "localhost" (another host, same
// trusted certificate, so a followed redirect would really deliver) is
// recorded and never reaches the emulator.
type redirectHarness struct {
	em       *emulator.Emulator
	url      string // https://127.0.0.1:PORT
	otherURL string // https://localhost:PORT
	ca       []byte

	mu       sync.Mutex
	received []string // what the target got: method, path, credential headers, body
}

func newRedirectHarness(t *testing.T) *redirectHarness {
	t.Helper()
	em, err := emulator.New(emulator.Config{
		Login: emulatortest.Login, Password: emulatortest.Password, AccessTokens: []string{emulatortest.AccessToken},
		IMSClientID: emulatortest.IMSClientID, IMSClientSecret: emulatortest.IMSClientSecret,
	})
	if err != nil {
		t.Fatal(err)
	}
	cert, ca, err := emulator.NewCertificate()
	if err != nil {
		t.Fatal(err)
	}
	h := &redirectHarness{em: em, ca: ca}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/moved" || strings.HasPrefix(r.Host, "localhost") {
			body, _ := io.ReadAll(r.Body)
			h.mu.Lock()
			h.received = append(h.received, fmt.Sprintf("%s %s cookie=%q x-security-token=%q authorization=%q body=%q",
				r.Method, r.URL.Path, r.Header.Get("Cookie"), r.Header.Get("X-Security-Token"), r.Header.Get("Authorization"), body))
			h.mu.Unlock()
			http.Error(w, "redirect target", http.StatusNotFound)
			return
		}
		em.ServeHTTP(w, r)
	}))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	h.url = srv.URL
	h.otherURL = strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	return h
}

func (h *redirectHarness) targetGot() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.received...)
}

// redirectPoint is where, in one authentication mode, the redirect happens.
type redirectPoint struct {
	name   string
	action string // the emulator action that answers the redirect
	path   string // the path the redirected request was sent to
	auth   func(cfg *campaign.Config, h *redirectHarness)
}

func redirectPoints() []redirectPoint {
	password := func(cfg *campaign.Config, _ *redirectHarness) {
		cfg.Login, cfg.Password = emulatortest.Login, emulatortest.Password
	}
	token := func(cfg *campaign.Config, _ *redirectHarness) { cfg.AccessToken = emulatortest.AccessToken }
	oauth := func(cfg *campaign.Config, h *redirectHarness) {
		cfg.IMS = &campaign.IMSCredentials{ClientID: emulatortest.IMSClientID, ClientSecret: emulatortest.IMSClientSecret, TokenURL: h.url + "/ims/token/v3"}
	}
	const soapPath, tokenPath = "/nl/jsp/soaprouter.jsp", "/ims/token/v3"
	return []redirectPoint{
		{"login/password, at Logon (password in the body)", emulator.ActionLogon, soapPath, password},
		{"login/password, after Logon (session cookie and security token)", emulator.ActionExecuteQuery, soapPath, password},
		{"access token (bearer header)", emulator.ActionExecuteQuery, soapPath, token},
		{"IMS OAuth, at the token URL (client secret in the body)", emulator.ActionIMSToken, tokenPath, oauth},
		{"IMS OAuth, after the token (bearer header)", emulator.ActionExecuteQuery, soapPath, oauth},
	}
}

// TestRedirectsAreNeverFollowed answers each redirect status at each point
// where a request carries a credential, towards the same host and another
// one: the client must stop at the 3xx, name where it pointed, and the
// target must receive nothing. The results are RELIABILITY.md's redirect table.
func TestRedirectsAreNeverFollowed(t *testing.T) {
	statuses := []int{301, 302, 303, 307, 308}
	var table strings.Builder
	table.WriteString("| Request redirected | Target | 301 | 302 | 303 | 307 | 308 |\n|---|---|---|---|---|---|---|\n")
	for _, point := range redirectPoints() {
		for _, other := range []bool{false, true} {
			target := "same host, other path"
			if other {
				target = "another host"
			}
			fmt.Fprintf(&table, "| %s | %s |", point.name, target)
			for _, status := range statuses {
				name := fmt.Sprintf("%s/%s/%d", point.name, target, status)
				cell := "not run"
				t.Run(name, func(t *testing.T) {
					cell = checkRedirectRefused(t, point, other, status)
				})
				fmt.Fprintf(&table, " %s |", cell)
			}
			table.WriteString("\n")
		}
	}
	if t.Failed() {
		return
	}
	testdoc.Check(t, testdoc.RepoFile("RELIABILITY.md"), "redirects", table.String())
}

func checkRedirectRefused(t *testing.T, point redirectPoint, other bool, status int) string {
	h := newRedirectHarness(t)
	location := h.url + "/moved?session=" + emulatortest.AccessToken // a query the error must not repeat
	if other {
		location = h.otherURL + point.path
	}
	h.em.InjectFaults(emulator.FaultRule{Action: point.action, Kind: emulator.FaultRedirect, Status: status, Location: location})
	log := &recordingLogger{}
	cfg := campaign.Config{Endpoint: h.url, CACertificatePEM: h.ca, Logger: log, MaxRetries: 2}
	point.auth(&cfg, h)
	c, err := campaign.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetIMSAccount(context.Background(), "Adobe_Marketing_Cloud")
	if got := h.targetGot(); len(got) != 0 {
		t.Errorf("the redirect target received %d request(s): %v", len(got), got)
	}
	gotStatus, gotLocation, ok := redirectOf(err)
	if !ok {
		t.Fatalf("err = %v, want a *campaign.RedirectError (or, at the token URL, imstoken's)", err)
	}
	if gotStatus != status {
		t.Errorf("status = %d, want %d", gotStatus, status)
	}
	wantLocation := strings.SplitN(location, "?", 2)[0]
	if gotLocation != wantLocation {
		t.Errorf("Location = %q, want %q (without its query)", gotLocation, wantLocation)
	}
	msg := err.Error()
	for _, want := range []string{wantLocation, "does not follow redirections", point.path} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not say %q", msg, want)
		}
	}
	for _, secret := range []string{emulatortest.Password, emulatortest.AccessToken, emulatortest.IMSClientSecret, "___"} {
		if strings.Contains(msg, secret) {
			t.Errorf("error leaks a secret: %s", msg)
		}
	}
	// Not retried either: one request for the redirected action.
	n := h.em.Stats().ByAction[point.action]
	if point.action == emulator.ActionIMSToken {
		n = h.em.Stats().IMSTokenRequests
	}
	if n != 1 {
		t.Errorf("%s received %d requests, want 1 (a redirect is neither followed nor retried)", point.action, n)
	}
	// A refused redirect at session opening is not retried by the next call.
	_, err2 := c.GetIMSAccount(context.Background(), "Adobe_Marketing_Cloud")
	if _, _, again := redirectOf(err2); point.action != emulator.ActionExecuteQuery && !again {
		t.Errorf("second call: err = %v, want the same refused redirect", err2)
	}
	if got := h.targetGot(); len(got) != 0 {
		t.Errorf("the redirect target received %d request(s): %v", len(got), got)
	}
	return "refused, target got 0 requests"
}

// redirectOf reads a refused redirect: Campaign's (the SOAP router, /r/test)
// or the IMS token endpoint's, which the client returns as imstoken gives it.
func redirectOf(err error) (status int, location string, ok bool) {
	var campaignRedirect *campaign.RedirectError
	var tokenRedirect *imstoken.RedirectError
	switch {
	case errors.As(err, &campaignRedirect):
		return campaignRedirect.StatusCode, campaignRedirect.Location, true
	case errors.As(err, &tokenRedirect):
		return tokenRedirect.StatusCode, tokenRedirect.Location, true
	}
	return 0, "", false
}
