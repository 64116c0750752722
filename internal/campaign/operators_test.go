package campaign_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/adobe"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"
)

// TestTechnicalOperator: a technical account's first call makes Campaign
// create its operator with the groups its profiles map to; the client
// reads it, writes its own named rights, and says who it runs as; a
// technical account whose profiles map to nothing is refused, and a wrong
// secret never shows in the error.
func TestTechnicalOperator(t *testing.T) {
	_, orgSrv, srv := emulatortest.IMSSetup(t, adobe.Config{TechnicalAccounts: []adobe.TechnicalAccount{
		{ClientID: "lost-client", ClientSecret: "lost-secret-x", Profiles: []string{"Campaign - acme - nothing"}}}}, emulator.Config{})
	ctx := context.Background()
	c := clientFor(t, srv, func(cfg *campaign.Config) { cfg.CACertificatePEM = slices.Concat(srv.CAPEM, orgSrv.CAPEM) })
	cred := campaign.IMSCredentials{ClientID: emulatortest.TechnicalClientID, ClientSecret: emulatortest.TechnicalClientSecret, TokenURL: orgSrv.URL + "/ims/token/v3"}

	login, err := c.FirstCall(ctx, cred)
	if err != nil || login != adobe.TechnicalAccountEmail(emulatortest.TechnicalClientID) {
		t.Fatalf("first call: %q, %v", login, err)
	}
	read, err := c.ReadOperator(ctx, login, campaign.Hint{})
	if err != nil || !slices.Equal(read.Groups, []string{"integrations"}) || read.Record.Get("access/@authenticationType") != "ims" {
		t.Fatalf("read: %+v, %v", read, err)
	}
	w, err := c.WriteOperator(ctx, campaign.Record{"name": login, "right": "exportFile,importFile"}, nil)
	if err != nil || len(w.Differences) > 0 || w.Stored.Get("right") != "exportFile,importFile" {
		t.Fatalf("write: %+v, %v", w, err)
	}
	// The rights the resource owned and no longer lists are removed; others stay.
	srv.Emulator.SetOperatorRights(login, []string{"exportFile", "importFile", "sql"})
	w, err = c.WriteOperator(ctx, campaign.Record{"name": login, "right": "exportFile"}, campaign.Record{"right": "exportFile,importFile"})
	if err != nil || w.Stored.Get("right") != "exportFile,sql" {
		t.Fatalf("second write: %+v, %v", w, err)
	}
	self, err := c.Self(ctx)
	if err != nil || self.Login != emulatortest.Login || self.Authentication != "native" || !self.HasRight("admin") || len(self.GroupIDs) != 1 {
		t.Fatalf("self: %+v, %v", self, err)
	}
	ops, err := c.Operators(ctx)
	if err != nil || !slices.ContainsFunc(ops, func(o campaign.OperatorInfo) bool {
		return o.Record.Name() == login && slices.Equal(o.Groups, []string{"integrations"}) && campaign.IsTechnical(o.Record.Name())
	}) {
		t.Fatalf("operators: %+v, %v", ops, err)
	}

	_, err = c.FirstCall(ctx, campaign.IMSCredentials{ClientID: "lost-client", ClientSecret: "lost-secret-x", TokenURL: orgSrv.URL + "/ims/token/v3"})
	var refused *campaign.NoMatchingRightError
	if !errors.As(err, &refused) || !strings.Contains(err.Error(), "Login does not have any right matching the expression") {
		t.Fatalf("a technical account whose profiles map to nothing: %v", err)
	}
	if _, ok := srv.Emulator.Operator(adobe.TechnicalAccountEmail("lost-client")); ok {
		t.Fatal("the refused first call created an operator")
	}
	_, err = c.FirstCall(ctx, campaign.IMSCredentials{ClientID: emulatortest.TechnicalClientID, ClientSecret: "wrong-secret-zz", TokenURL: orgSrv.URL + "/ims/token/v3"})
	var tokenErr *campaign.TechnicalTokenError
	if !errors.As(err, &tokenErr) || strings.Contains(err.Error(), "wrong-secret-zz") || !strings.Contains(err.Error(), "invalid client_secret parameter") {
		t.Fatalf("a wrong secret: %v", err)
	}
}

// TestProviderAsTechnicalAccount: in ims mode, the client runs as a
// technical account: it says so (login, groups, rights), and Campaign
// refuses its writes when its groups give no admin right.
func TestProviderAsTechnicalAccount(t *testing.T) {
	_, orgSrv, srv := emulatortest.IMSSetup(t, adobe.Config{}, emulator.Config{})
	c := clientFor(t, srv, func(cfg *campaign.Config) {
		cfg.Login, cfg.Password = "", ""
		cfg.CACertificatePEM = slices.Concat(srv.CAPEM, orgSrv.CAPEM)
		cfg.IMS = &campaign.IMSCredentials{ClientID: emulatortest.TechnicalClientID, ClientSecret: emulatortest.TechnicalClientSecret,
			TokenURL: orgSrv.URL + "/ims/token/v3", Scopes: []string{"openid", "AdobeID", "additional_info.projectedProductContext"}}
	})
	ctx := context.Background()
	self, err := c.Self(ctx)
	if err != nil || self.Login != adobe.TechnicalAccountEmail(emulatortest.TechnicalClientID) || self.Authentication != "ims" ||
		!slices.Equal(self.Rights, []string{"report"}) || self.HasRight("admin") {
		t.Fatalf("self: %+v, %v", self, err)
	}
	_, err = c.CreateOperatorGroup(ctx, campaign.Record{"name": "reviewers", "label": "Reviewers"}, nil)
	var f *campaign.Fault
	if !errors.As(err, &f) || !strings.Contains(err.Error(), "'admin' named right") {
		t.Fatalf("a write without the admin right: %v", err)
	}
}

// TestSelfWithoutLogon: who the client runs as is told without a session
// of its own: with login/password only once a session is open (its Logon's
// answer, no call more), with a bearer token by one GetUserInfo.
func TestSelfWithoutLogon(t *testing.T) {
	ctx := context.Background()
	srv := start(t, emulator.Config{})
	c := clientFor(t, srv, nil)
	if _, ok, err := c.SelfWithoutLogon(ctx); ok || err != nil {
		t.Fatalf("login/password before any call: ok %v, %v; want not known", ok, err)
	}
	if n := srv.Emulator.Stats().Total; n != 0 {
		t.Fatalf("asking made %d call(s), want none", n)
	}
	if _, err := c.InstalledPackages(ctx); err != nil {
		t.Fatal(err)
	}
	self, ok, err := c.SelfWithoutLogon(ctx)
	if !ok || err != nil || self.Login != emulatortest.Login || self.Authentication != "native" {
		t.Fatalf("login/password with a session: %+v, %v, %v", self, ok, err)
	}
	if s := srv.Emulator.Stats(); s.Total != 1 || s.ByAction[emulator.ActionLogon] != 1 {
		t.Fatalf("with a session open, asking made calls: %v", s.ByAction)
	}

	bearer := start(t, emulator.Config{})
	b := clientFor(t, bearer, func(cfg *campaign.Config) {
		cfg.Login, cfg.Password, cfg.AccessToken = "", "", emulatortest.AccessToken
	})
	self, ok, err = b.SelfWithoutLogon(ctx)
	if !ok || err != nil || self.Authentication != "ims" {
		t.Fatalf("bearer: %+v, %v, %v", self, ok, err)
	}
	if s := bearer.Emulator.Stats(); s.Total != 1 || s.ByAction[emulator.ActionGetUserInfo] != 1 {
		t.Fatalf("bearer: want one GetUserInfo, got %v", s.ByAction)
	}
}
