package campaign_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"
	"github.com/acc-terraform/terraform-provider-campaign/internal/imstoken"
)

// start runs an emulator over TLS on a free loopback port, with the kit's credentials.
func start(t *testing.T, cfg emulator.Config) *emulator.Server {
	t.Helper()
	return emulatortest.StartInstance(t, cfg)
}

// recordingLogger keeps every log line, to check that none holds a secret.
type recordingLogger struct {
	mu    sync.Mutex
	lines []string
}

func (l *recordingLogger) add(msg string, fields map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprint(msg, fields))
}
func (l *recordingLogger) Debug(_ context.Context, msg string, f map[string]any) { l.add(msg, f) }
func (l *recordingLogger) Warn(_ context.Context, msg string, f map[string]any)  { l.add(msg, f) }

func clientFor(t *testing.T, srv *emulator.Server, mutate func(*campaign.Config)) *campaign.Client {
	t.Helper()
	log := &recordingLogger{}
	cfg := campaign.Config{
		Endpoint: srv.URL, Login: emulatortest.Login, Password: emulatortest.Password, CACertificatePEM: srv.CAPEM,
		RetryWaitMin: 5 * time.Millisecond, RetryWaitMax: 50 * time.Millisecond, Logger: log,
	}
	if mutate != nil {
		mutate(&cfg)
	}
	c, err := campaign.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, line := range log.lines {
			// "___" starts every session token.
			for _, secret := range []string{emulatortest.Password, emulatortest.AccessToken, emulatortest.IMSClientSecret, cfg.Password, "___"} {
				if secret != "" && strings.Contains(line, secret) {
					t.Errorf("log line leaks a secret: %s", line)
				}
			}
		}
	})
	return c
}

func sampleAccount(name string) campaign.Record {
	return campaign.Record{
		"name": name, "label": "Adobe Experience Cloud", "active": "1",
		"imsServer": "https://ims-na1.adobelogin.com", "userScope": "openid,AdobeID,session",
		"clientId": "Campaign1", "callbackServer": "https://acme.campaign.example.com",
		"imsOrgId": "0123456789ABCDEF01234567@AdobeOrg", "imsRightsMask": "Campaign - acme - (.*)",
		"productContext": "dma_campaign_classic", "server": "https://marketing.adobe.com", "tenant": "acme",
	}
}

func TestAccountLifecycle(t *testing.T) {
	srv := start(t, emulator.Config{})
	c := clientFor(t, srv, nil)
	ctx := context.Background()
	secret := "s3cr3t<&>'\""
	res, err := c.WriteIMSAccount(ctx, sampleAccount("Adobe_Marketing_Cloud"), &secret, nil)
	if err != nil || res.ReadBackErr != nil || res.AnswerLost {
		t.Fatal(err, res.ReadBackErr)
	}
	got := res.Stored // the write reads the account back
	if got.Get("id") == "" || got.Int("type") != emulator.DefaultIMSAccountType || got.Get("imsRightsMask") != "Campaign - acme - (.*)" ||
		len(got.List("userScope")) != 3 || got.List("userScope")[2] != "session" || !campaign.IsTrue(got.Get("active")) || got.Get("tenant") != "acme" {
		t.Fatalf("read back: %+v", got)
	}
	if !strings.HasPrefix(got.Get("clientSecret"), "@") || strings.Contains(got.Get("clientSecret"), "s3cr3t") {
		t.Fatalf("secret must come back encrypted, got %q", got.Get("clientSecret"))
	}
	if plain, err := srv.Emulator.RevealSecret("Adobe_Marketing_Cloud", "clientSecret"); err != nil || plain != secret {
		t.Fatalf("stored secret %q, %v", plain, err)
	}
	stats := srv.Emulator.Stats()
	// Logon, schema enumeration, EncryptPassword, Write, the read-back ExecuteQuery.
	if stats.Total != 5 || stats.ByAction[emulator.ActionLogon] != 1 || stats.ByAction[emulator.ActionGetEntityIfMoreRecent] != 1 {
		t.Fatalf("round trips for create + read: %+v", stats)
	}

	// Update without touching the secret: the stored ciphertext stays.
	upd := sampleAccount("Adobe_Marketing_Cloud")
	upd["active"], upd["label"] = "0", "MAC"
	if _, err := c.WriteIMSAccount(ctx, upd, nil, nil); err != nil {
		t.Fatal(err)
	}
	again, _ := c.GetIMSAccount(ctx, "Adobe_Marketing_Cloud")
	if campaign.IsTrue(again.Get("active")) || again.Get("label") != "MAC" || again.Get("clientSecret") != got.Get("clientSecret") || again.Get("id") != got.Get("id") {
		t.Fatalf("after update: %+v", again)
	}
	if n := srv.Emulator.Stats().ByAction[emulator.ActionGetEntityIfMoreRecent]; n != 1 {
		t.Fatalf("the account type must be looked up once per client, got %d lookups", n)
	}

	if err := c.DeleteIMSAccount(ctx, "Adobe_Marketing_Cloud"); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetIMSAccount(ctx, "Adobe_Marketing_Cloud")
	if !errors.Is(err, campaign.ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
}

// Names that would break a naively built XTK expression or XML document
// round-trip exactly and never select another account.
func TestHostileNamesCannotAlterQueries(t *testing.T) {
	srv := start(t, emulator.Config{})
	c := clientFor(t, srv, nil)
	ctx := context.Background()
	if err := srv.Emulator.PutAccount(map[string]string{"name": "victim", "label": "other", "clientId": "victim-id"}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{
		`x' or @name!='`, `a\' or 1=1 or @name='`, `q"<x>&amp;]]>`, `été ünïcödé 名前`, `back\slash`, `x') or (@name='victim`,
		strings.Repeat("L", 500),
	} {
		_, err := c.GetIMSAccount(ctx, name)
		if !errors.Is(err, campaign.ErrNotFound) {
			t.Fatalf("query for %q matched something: %v", name, err)
		}
		acc := sampleAccount(name)
		acc["label"] = name
		if _, err := c.WriteIMSAccount(ctx, acc, nil, nil); err != nil {
			t.Fatalf("write %q: %v", name, err)
		}
		got, err := c.GetIMSAccount(ctx, name)
		if err != nil || got.Get("name") != name || got.Get("label") != name {
			t.Fatalf("round trip of %q: %+v %v", name, got, err)
		}
	}
	if v, _ := srv.Emulator.Account("victim"); v["clientId"] != "victim-id" {
		t.Fatalf("the victim account was changed: %v", v)
	}
}

func TestRetryPolicy(t *testing.T) {
	srv := start(t, emulator.Config{})
	c := clientFor(t, srv, func(cfg *campaign.Config) { cfg.MaxRetries = 3 })
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := c.InstalledPackages(ctx); err != nil { // logs on
		t.Fatal(err)
	}
	const query = emulator.ActionExecuteQuery
	cases := []struct {
		name     string
		rules    []emulator.FaultRule
		attempts int
		check    func(error) bool
	}{
		{"503 with an hour of Retry-After is capped", []emulator.FaultRule{{Action: query, Kind: emulator.FaultHTTPStatus, Status: 503, RetryAfter: "3600", Times: 2}}, 3, isNotFound},
		{"429 then success", []emulator.FaultRule{{Action: query, Kind: emulator.FaultHTTPStatus, Status: 429, RetryAfter: "1"}}, 2, isNotFound},
		{"502 and 504", []emulator.FaultRule{{Action: query, Kind: emulator.FaultHTTPStatus, Status: 502}, {Action: query, Kind: emulator.FaultHTTPStatus, Status: 504}}, 3, isNotFound},
		{"dropped connection", []emulator.FaultRule{{Action: query, Kind: emulator.FaultDrop}}, 2, isNotFound},
		{"a SOAP fault is an answer, not retried", []emulator.FaultRule{{Action: query, Kind: emulator.FaultSOAP, FaultString: "SOP-330011 Error while executing the method 'ExecuteQuery' of service 'xtk:queryDef'.", Detail: "PGS-220000 PostgreSQL error"}}, 1,
			func(err error) bool {
				var f *campaign.Fault
				return errors.As(err, &f) && f.Code == "SOP-330011" && f.Has("PGS-220000")
			}},
		{"503 until the retries run out", []emulator.FaultRule{{Action: query, Kind: emulator.FaultHTTPStatus, Status: 503, Times: 10}}, 4,
			func(err error) bool {
				var h *campaign.HTTPError
				return errors.As(err, &h) && h.StatusCode == 503 && h.Attempts == 4 && strings.Contains(err.Error(), "after 4 attempts")
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv.Emulator.ResetStats()
			srv.Emulator.InjectFaults(tc.rules...)
			_, err := c.GetIMSAccount(ctx, "missing")
			if !tc.check(err) {
				t.Fatalf("unexpected result: %v", err)
			}
			if n := srv.Emulator.Stats().ByAction[query]; n != tc.attempts {
				t.Fatalf("%d requests, want %d", n, tc.attempts)
			}
		})
	}
}

func isNotFound(err error) bool { return errors.Is(err, campaign.ErrNotFound) }

func TestSlowAnswerPastRequestTimeout(t *testing.T) {
	srv := start(t, emulator.Config{})
	c := clientFor(t, srv, func(cfg *campaign.Config) { cfg.RequestTimeout = 200 * time.Millisecond; cfg.MaxRetries = 1 })
	srv.Emulator.InjectFaults(emulator.FaultRule{Action: emulator.ActionLogon, Kind: emulator.FaultDelay, Delay: 2 * time.Second, Times: 5})
	_, err := c.InstalledPackages(context.Background())
	var te *campaign.TransportError
	if !errors.As(err, &te) || te.Attempts != 2 {
		t.Fatalf("want a transport error after 2 attempts, got %v", err)
	}
}

func TestRelogonOnceOnExpiredSession(t *testing.T) {
	srv := start(t, emulator.Config{})
	c := clientFor(t, srv, nil)
	ctx := context.Background()
	if _, err := c.GetIMSAccount(ctx, "a"); !isNotFound(err) {
		t.Fatal(err)
	}
	srv.Emulator.ExpireSessions()
	if _, err := c.GetIMSAccount(ctx, "a"); !isNotFound(err) {
		t.Fatalf("after expiry: %v", err)
	}
	s := srv.Emulator.Stats()
	if s.ByAction[emulator.ActionLogon] != 2 || s.ByAction[emulator.ActionExecuteQuery] != 3 {
		t.Fatalf("want 2 logons and 3 queries (one refused), got %+v", s.ByAction)
	}
	// A session that expires again right after the new logon is not chased forever.
	srv.Emulator.InjectFaults(emulator.FaultRule{Action: emulator.ActionExecuteQuery, Kind: emulator.FaultExpireSession, Times: 2})
	_, err := c.GetIMSAccount(ctx, "a")
	var ae *campaign.AuthError
	if !errors.As(err, &ae) || !strings.Contains(err.Error(), "XSV-350008") {
		t.Fatalf("want an auth error after one renewal, got %v", err)
	}
}

// A build that answers an expired session with a bare text line (no SOAP
// fault) gets its session renewed as well: Adobe's SDK looks for
// XSV-350008 in any failed answer.
func TestRelogonOnBareSessionExpiry(t *testing.T) {
	profile, _ := emulator.ProfileNamed("bare-session-expiry")
	srv := start(t, emulator.Config{Profile: profile})
	c := clientFor(t, srv, nil)
	ctx := context.Background()
	if _, err := c.GetIMSAccount(ctx, "a"); !isNotFound(err) {
		t.Fatal(err)
	}
	srv.Emulator.ExpireSessions()
	if _, err := c.GetIMSAccount(ctx, "a"); !isNotFound(err) {
		t.Fatalf("after a bare expiry: %v", err)
	}
	if n := srv.Emulator.Stats().ByAction[emulator.ActionLogon]; n != 2 {
		t.Fatalf("logons: %d, want 2 (the session renewed once)", n)
	}
}

// A refused Logon answered with a bare text line (hosted 7.4: HTTP 403,
// "XSV-350012 …") is an authentication error, tried once.
func TestBareLogonRefusal(t *testing.T) {
	profile, _ := emulator.ProfileNamed("hosted-7.4")
	srv := start(t, emulator.Config{Profile: profile})
	c := clientFor(t, srv, func(cfg *campaign.Config) { cfg.Password = "wrong" })
	_, err := c.GetIMSAccount(context.Background(), "a")
	var ae *campaign.AuthError
	if !errors.As(err, &ae) || !strings.Contains(err.Error(), "XSV-350012 Invalid login or password. Connection denied.") {
		t.Fatalf("want an authentication error with Campaign's text, got %v", err)
	}
	if n := srv.Emulator.Stats().ByAction[emulator.ActionLogon]; n != 1 {
		t.Fatalf("logons: %d, want 1 (never retried)", n)
	}
}

func TestSingleFlightLogon(t *testing.T) {
	srv := start(t, emulator.Config{})
	c := clientFor(t, srv, nil)
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.GetIMSAccount(context.Background(), fmt.Sprintf("acc%d", i))
			if !isNotFound(err) {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	s := srv.Emulator.Stats()
	if s.ByAction[emulator.ActionLogon] != 1 || s.ByAction[emulator.ActionExecuteQuery] != 20 {
		t.Fatalf("want exactly 1 Logon for 20 concurrent callers: %+v", s.ByAction)
	}
}

func TestWrongPasswordIsTriedOnceAndNeverLeaks(t *testing.T) {
	srv := start(t, emulator.Config{})
	c := clientFor(t, srv, func(cfg *campaign.Config) { cfg.Password = "wrong-password-xyz" })
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.GetIMSAccount(context.Background(), "x")
			mu.Lock()
			errs = append(errs, err)
			mu.Unlock()
		}()
	}
	wg.Wait()
	for _, err := range errs {
		var ae *campaign.AuthError
		if !errors.As(err, &ae) || ae.Mode != campaign.AuthPassword || !strings.Contains(err.Error(), "Invalid login or password") {
			t.Fatalf("want an AuthError, got %v", err)
		}
		if strings.Contains(err.Error(), "wrong-password-xyz") {
			t.Fatalf("error leaks the password: %v", err)
		}
	}
	if s := srv.Emulator.Stats(); s.ByAction[emulator.ActionLogon] != 1 || s.LogonFailures != 1 {
		t.Fatalf("want one Logon attempt for 10 callers, got %+v", s)
	}
}

func TestLockoutAfterRepeatedFailures(t *testing.T) {
	srv := start(t, emulator.Config{})
	for range 3 {
		c := clientFor(t, srv, func(cfg *campaign.Config) { cfg.Password = "bad" })
		if _, err := c.InstalledPackages(context.Background()); err == nil {
			t.Fatal("bad password accepted")
		}
	}
	good := clientFor(t, srv, nil)
	_, err := good.InstalledPackages(context.Background())
	var ae *campaign.AuthError
	if !errors.As(err, &ae) || !strings.Contains(err.Error(), "blocked") {
		t.Fatalf("after 3 failures the login must be locked, got %v", err)
	}
}

func TestBearerAccessToken(t *testing.T) {
	srv := start(t, emulator.Config{Installed: []string{"xtk:core", "nms:core", emulator.DefaultIMSPackage}})
	c := clientFor(t, srv, func(cfg *campaign.Config) {
		cfg.Login, cfg.Password, cfg.AccessToken = "", "", emulatortest.AccessToken
	})
	pkgs, err := c.InstalledPackages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(pkgs) != fmt.Sprint([]string{"nms:core", emulator.DefaultIMSPackage, "xtk:core"}) {
		t.Fatalf("packages: %v", pkgs)
	}
	if _, err := c.GetIMSAccount(context.Background(), "x"); !isNotFound(err) {
		t.Fatal(err)
	}
	s := srv.Emulator.Stats()
	if s.ByAction[emulator.ActionLogon] != 0 || s.Total != 2 {
		t.Fatalf("bearer: no Logon, GetUserInfo + ExecuteQuery only: %+v", s.ByAction)
	}
	bad := clientFor(t, srv, func(cfg *campaign.Config) { cfg.Login, cfg.Password, cfg.AccessToken = "", "", "expired-token-value" })
	_, err = bad.GetIMSAccount(context.Background(), "x")
	var ae *campaign.AuthError
	if !errors.As(err, &ae) || ae.Mode != campaign.AuthAccessToken || strings.Contains(err.Error(), "expired-token-value") {
		t.Fatalf("want an AuthError without the token, got %v", err)
	}
}

func TestIMSOAuthTokenExchange(t *testing.T) {
	srv := start(t, emulator.Config{})
	imsCfg := func(secret string) func(*campaign.Config) {
		return func(cfg *campaign.Config) {
			cfg.Login, cfg.Password = "", ""
			cfg.IMS = &campaign.IMSCredentials{ClientID: emulatortest.IMSClientID, ClientSecret: secret, Scopes: []string{"openid", "AdobeID"}, TokenURL: srv.URL + "/ims/token/v3"}
		}
	}
	c := clientFor(t, srv, imsCfg(emulatortest.IMSClientSecret))
	ctx := context.Background()
	for range 3 {
		if _, err := c.GetIMSAccount(ctx, "x"); !isNotFound(err) {
			t.Fatal(err)
		}
	}
	if s := srv.Emulator.Stats(); s.IMSTokenRequests != 1 {
		t.Fatalf("one token for three calls, got %d", s.IMSTokenRequests)
	}
	// The token is revoked server-side: the client fetches a new one once.
	srv.Emulator.ExpireSessions()
	if _, err := c.GetIMSAccount(ctx, "x"); !isNotFound(err) {
		t.Fatalf("after revocation: %v", err)
	}
	if s := srv.Emulator.Stats(); s.IMSTokenRequests != 2 {
		t.Fatalf("want a second token, got %d requests", s.IMSTokenRequests)
	}

	bad := clientFor(t, srv, imsCfg("not-the-secret"))
	_, err := bad.GetIMSAccount(ctx, "x")
	var refused *imstoken.RefusedError
	if !errors.As(err, &refused) || refused.Code != "invalid_client" || !strings.Contains(err.Error(), srv.URL+"/ims/token/v3") || strings.Contains(err.Error(), "not-the-secret") {
		t.Fatalf("want IMS's refusal, naming the token URL and not the secret, got %v", err)
	}
	_, _ = bad.GetIMSAccount(ctx, "x")
	if s := srv.Emulator.Stats(); s.IMSTokenRequests != 3 {
		t.Fatalf("a refused client secret is not retried: %d token requests", s.IMSTokenRequests)
	}
}

func TestTLSVerificationIsAlwaysOn(t *testing.T) {
	srv := start(t, emulator.Config{})
	c := clientFor(t, srv, func(cfg *campaign.Config) { cfg.CACertificatePEM = nil })
	_, err := c.InstalledPackages(context.Background())
	if !campaign.IsCertificateError(err) {
		t.Fatalf("want a certificate error, got %v", err)
	}
	var te *campaign.TransportError
	if !errors.As(err, &te) || te.Attempts != 1 {
		t.Fatalf("a certificate error is not retried: %v", err)
	}
	if s := srv.Emulator.Stats(); s.Total != 0 {
		t.Fatalf("nothing may reach the server: %+v", s)
	}
}

func TestPackagesFromLogonAndInstall(t *testing.T) {
	srv := start(t, emulator.Config{})
	c := clientFor(t, srv, nil)
	ctx := context.Background()
	pkgs, err := c.InstalledPackages(ctx)
	if err != nil || fmt.Sprint(pkgs) != "[nms:campaign nms:core xtk:core]" {
		t.Fatalf("%v %v", pkgs, err)
	}
	if s := srv.Emulator.Stats(); s.Total != 1 {
		t.Fatalf("the Logon answer lists packages; no other call: %+v", s.ByAction)
	}
	if err := c.InstallPackage(ctx, emulator.DefaultIMSPackage); err != nil {
		t.Fatal(err)
	}
	pkgs, _ = c.InstalledPackages(ctx)
	if !strings.Contains(fmt.Sprint(pkgs), emulator.DefaultIMSPackage) {
		t.Fatalf("after install: %v", pkgs)
	}
	err = c.InstallPackage(ctx, "nms:noSuchPackage")
	var f *campaign.Fault
	if !errors.As(err, &f) || !strings.Contains(err.Error(), "not a standard package") {
		t.Fatalf("unknown package: %v", err)
	}
}

func TestFaultsWithHTTP200(t *testing.T) {
	srv := start(t, emulator.Config{FaultStatus: http.StatusOK})
	c := clientFor(t, srv, nil)
	srv.Emulator.InjectFaults(emulator.FaultRule{Action: emulator.ActionExecuteQuery, Kind: emulator.FaultExpireSession})
	if _, err := c.GetIMSAccount(context.Background(), "x"); !isNotFound(err) {
		t.Fatalf("an expiry fault sent with HTTP 200 must still renew the session: %v", err)
	}
	if n := srv.Emulator.Stats().ByAction[emulator.ActionLogon]; n != 2 {
		t.Fatalf("logons: %d", n)
	}
}

func TestConfigErrors(t *testing.T) {
	for name, cfg := range map[string]campaign.Config{
		"http to a remote host":  {Endpoint: "http://campaign.example.com", Login: "a", Password: "b"},
		"no authentication":      {Endpoint: "https://campaign.example.com"},
		"two authentications":    {Endpoint: "https://campaign.example.com", Login: "a", Password: "b", AccessToken: "t"},
		"login without password": {Endpoint: "https://campaign.example.com", Login: "a"},
		"bad CA":                 {Endpoint: "https://campaign.example.com", AccessToken: "t", CACertificatePEM: []byte("not a pem")},
	} {
		if _, err := campaign.New(cfg); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestInstanceInfo(t *testing.T) {
	srv := start(t, emulator.Config{InstanceName: "acme_mkt_dev"})
	c := clientFor(t, srv, nil)
	info, err := c.Instance(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if info.Instance != "acme_mkt_dev" || info.Build != emulator.BuildNumber || info.Status != "OK" {
		t.Fatalf("%+v", info)
	}
	if s := srv.Emulator.Stats(); s.Total != 0 {
		t.Fatalf("/r/test is not a SOAP call: %+v", s)
	}
}

// TestInstallTimeoutIsTheCallersDeadline: an installation is bounded by the
// caller's deadline (the resource's timeouts.create), even past the client's
// InstallTimeout, which applies only to a caller without a deadline.
func TestInstallTimeoutIsTheCallersDeadline(t *testing.T) {
	srv := start(t, emulator.Config{InstallDuration: 1500 * time.Millisecond})
	c := clientFor(t, srv, func(cfg *campaign.Config) { cfg.InstallTimeout = 500 * time.Millisecond })
	longer, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.InstallPackage(longer, emulator.DefaultIMSPackage); err != nil {
		t.Fatalf("a deadline longer than the client's InstallTimeout was cut: %v", err)
	}
	err := c.InstallPackage(context.Background(), "nms:mrm")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("without a deadline the client's InstallTimeout applies: err = %v, want a deadline exceeded", err)
	}
}

// ListIMSAccounts finds every account of the Adobe Experience Cloud type,
// and only those, with one query.
func TestListIMSAccounts(t *testing.T) {
	srv := start(t, emulator.Config{})
	c := clientFor(t, srv, nil)
	ctx := context.Background()
	for _, name := range []string{"Adobe_Marketing_Cloud", "Adobe_Experience_Cloud"} {
		if _, err := c.WriteIMSAccount(ctx, sampleAccount(name), nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := srv.Emulator.PutAccount(map[string]string{"name": "defaultEmailBulk", "type": "3", "label": "Routing"}); err != nil {
		t.Fatal(err)
	}
	srv.Emulator.ResetStats()
	got, err := c.ListIMSAccounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range got {
		names = append(names, a.Get("name"))
	}
	if fmt.Sprint(names) != "[Adobe_Experience_Cloud Adobe_Marketing_Cloud]" {
		t.Fatalf("listed %v, want the two Adobe Experience Cloud accounts, sorted", names)
	}
	if s := srv.Emulator.Stats(); s.Total != 1 || s.ByAction[emulator.ActionExecuteQuery] != 1 {
		t.Fatalf("listing took %v, want one ExecuteQuery (type known, session open)", s.ByAction)
	}
}

// Two accounts of the type created at once by one client: the creates are
// serialized, so exactly one is written and the other is refused.
func TestConcurrentCreatesRefuseTheSecond(t *testing.T) {
	srv := start(t, emulator.Config{})
	c := clientFor(t, srv, nil)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i, name := range []string{"Adobe_Marketing_Cloud", "Adobe_Experience_Cloud"} {
		wg.Go(func() { _, errs[i] = c.CreateIMSAccount(context.Background(), sampleAccount(name), nil, nil) })
	}
	wg.Wait()
	var dup *campaign.DuplicateAccountError
	refused := 0
	for _, err := range errs {
		switch {
		case errors.As(err, &dup):
			refused++
		case err != nil:
			t.Fatal(err)
		}
	}
	if refused != 1 || len(srv.Emulator.AccountNames()) != 1 {
		t.Fatalf("%d refused, accounts %v: want exactly one account and one refusal", refused, srv.Emulator.AccountNames())
	}
}

// On a build without productContext, the first account query of a client
// fails and is sent again after the schema read; with the hint an earlier
// client gave, a new client queries the build's attributes at once.
func TestAccountHintAvoidsTheSchemaRead(t *testing.T) {
	profile, _ := emulator.ProfileNamed("v7-marketing-cloud")
	srv := start(t, emulator.Config{Profile: profile})
	first := clientFor(t, srv, nil)
	ctx := context.Background()
	if _, err := first.CreateIMSAccount(ctx, sampleAccount("Adobe_Marketing_Cloud"), nil, map[string]bool{"productContext": true}); err != nil {
		t.Fatal(err)
	}
	read, err := first.ReadIMSAccount(ctx, "Adobe_Marketing_Cloud", campaign.Hint{})
	if err != nil {
		t.Fatal(err)
	}
	hint := read.Hint
	if slices.Contains(hint.Attributes, "productContext") || !slices.Contains(hint.Attributes, "imsRightsMask") {
		t.Fatalf("hint attributes %v: want the build's, without productContext", hint.Attributes)
	}

	cold := clientFor(t, srv, nil)
	srv.Emulator.ResetStats()
	if _, err := cold.ReadIMSAccount(ctx, "Adobe_Marketing_Cloud", campaign.Hint{}); err != nil {
		t.Fatal(err)
	}
	if s := srv.Emulator.Stats(); s.ByAction[emulator.ActionExecuteQuery] != 2 || s.ByAction[emulator.ActionGetEntityIfMoreRecent] != 1 {
		t.Fatalf("without a hint: %v, want a refused query, the schema read and the query again", s.ByAction)
	}
	warm := clientFor(t, srv, nil)
	srv.Emulator.ResetStats()
	if got, err := warm.ReadIMSAccount(ctx, "Adobe_Marketing_Cloud", hint); err != nil || len(got.Others) != 0 {
		t.Fatal(err, got.Others)
	}
	if s := srv.Emulator.Stats(); s.ByAction[emulator.ActionExecuteQuery] != 1 || s.ByAction[emulator.ActionGetEntityIfMoreRecent] != 0 {
		t.Fatalf("with the hint: %v, want one query and no schema read", s.ByAction)
	}
}
