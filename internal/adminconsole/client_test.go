package adminconsole_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/acc-terraform/terraform-provider-campaign/internal/adminconsole"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/adobe"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"
	"github.com/acc-terraform/terraform-provider-campaign/internal/imstoken"
	"github.com/acc-terraform/terraform-provider-campaign/internal/testdoc"
)

// org starts an emulated organization with n Campaign product profiles
// (the first with two members) and one user group.
func org(t *testing.T, cfg adobe.Config, n int) (*adobe.Emulator, *emulator.Server) {
	t.Helper()
	for i := range n {
		p := adobe.ProductProfile{Name: fmt.Sprintf("Campaign - acme - g%d", i)}
		if i == 0 {
			p.Members = []string{"a@acme.example", "b@acme.example"}
		}
		cfg.ProductProfiles = append(cfg.ProductProfiles, p)
	}
	cfg.UserGroups = append(cfg.UserGroups, adobe.UserGroup{Name: "Marketing", Profiles: []string{"Campaign - acme - g1"}, Members: []string{"c@acme.example"}})
	return emulatortest.StartOrganization(t, cfg)
}

func clientFor(t *testing.T, srv *emulator.Server, em *adobe.Emulator, edit func(*adminconsole.Config)) *adminconsole.Client {
	t.Helper()
	cfg := adminconsole.Config{
		OrgID: em.Config().OrgID, ClientID: em.Config().ClientID, ClientSecret: em.Config().ClientSecret,
		TokenURL: srv.URL + "/ims/token/v3", Endpoint: srv.URL, CACertificatePEM: srv.CAPEM,
		MaxRetries: 2, RetryWaitMin: 10 * time.Millisecond, RetryWaitMax: 2 * time.Second,
	}
	if edit != nil {
		edit(&cfg)
	}
	c, err := adminconsole.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestListsEveryPageOnce(t *testing.T) {
	rows := []string{"| Product profiles | Groups listed (profiles, user groups, admin groups) | Page size | Groups-list requests | Token requests |", "|---|---|---|---|---|"}
	for _, tt := range []struct{ profiles, pageSize int }{{0, 3}, {1, 3}, {7, 3}, {7, 10}, {25, 4}} {
		t.Run(fmt.Sprintf("%d profiles, page size %d", tt.profiles, tt.pageSize), func(t *testing.T) {
			// no rate limit here: 25 profiles in pages of 4 take 7 requests
			em, srv := org(t, adobe.Config{PageSize: tt.pageSize, RateLimit: -1}, tt.profiles)
			c := clientFor(t, srv, em, nil)
			for range 3 { // three data sources of one provider process
				got, err := c.ProductProfiles(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != tt.profiles {
					t.Fatalf("%d profiles, want %d: %v", len(got), tt.profiles, got)
				}
			}
			// the listing holds the profiles, 1 user group and 2 admin groups
			groups := tt.profiles + 3
			wantPages := (groups + tt.pageSize - 1) / tt.pageSize
			s := em.Stats()
			if s.ByRoute[adobe.RouteGroups] != wantPages || s.ByRoute[adobe.RouteTokenV3] != 1 || c.Pages() != wantPages {
				t.Errorf("stats %v, pages %d: want %d groups-list requests and 1 token", s.ByRoute, c.Pages(), wantPages)
			}
			rows = append(rows, fmt.Sprintf("| %d | %d | %d | %d | %d |", tt.profiles, groups, tt.pageSize, s.ByRoute[adobe.RouteGroups], s.ByRoute[adobe.RouteTokenV3]))
		})
	}
	if !t.Failed() {
		testdoc.Check(t, testdoc.RepoFile("BENCHMARKS.md"), "admin-console-listing", strings.Join(rows, "\n")+"\n")
	}
	em, srv := org(t, adobe.Config{}, 2)
	got, _ := clientFor(t, srv, em, nil).ProductProfiles(context.Background())
	if got[0].MemberCount != 2 || got[1].MemberCount != 1 || got[0].ProductName != adobe.CampaignProduct {
		t.Errorf("member counts (direct, through a user group) and product: %+v", got)
	}
}

func TestFailuresAreTypedAndLeakNothing(t *testing.T) {
	const secret = "umapi-secret-never-shown"
	tests := []struct {
		name   string
		cfg    adobe.Config
		fault  *adobe.Fault
		edit   func(*adminconsole.Config)
		check  func(error) bool
		groups int // groups-list requests sent
		// extra: Go's transport itself resends a GET once when a reused
		// keep-alive connection (the token request's) closes without an answer.
		extra int
	}{
		{"wrong client secret", adobe.Config{}, nil, func(c *adminconsole.Config) { c.ClientSecret = "wrong-" + secret },
			func(err error) bool {
				var e *imstoken.RefusedError
				return errors.As(err, &e) && !e.ScopeRefused()
			}, 0, 0},
		{"scope not granted to the credential", adobe.Config{Scopes: []string{"openid", "AdobeID"}}, nil, nil,
			func(err error) bool {
				var e *imstoken.RefusedError
				return errors.As(err, &e) && e.ScopeRefused()
			}, 0, 0},
		{"token without the UMAPI scope", adobe.Config{}, nil, func(c *adminconsole.Config) { c.Scopes = []string{"openid", "AdobeID"} },
			func(err error) bool {
				var e *adminconsole.AccessError
				return errors.As(err, &e) && e.StatusCode == 403
			}, 1, 0},
		{"another organization", adobe.Config{}, nil, func(c *adminconsole.Config) { c.OrgID = "FFFF@AdobeOrg" },
			func(err error) bool {
				var e *adminconsole.AccessError
				return errors.As(err, &e) && e.InvalidOrganization()
			}, 1, 0},
		{"429 storm, short Retry-After: waited, then given up", adobe.Config{},
			&adobe.Fault{Route: adobe.RouteGroups, Kind: adobe.FaultHTTPStatus, Status: 429, RetryAfter: "1"}, nil,
			func(err error) bool { var e *adminconsole.ThrottledError; return errors.As(err, &e) && e.Attempts == 3 }, 3, 0},
		{"429 asking a minute: not waited", adobe.Config{},
			&adobe.Fault{Route: adobe.RouteGroups, Kind: adobe.FaultHTTPStatus, Status: 429, RetryAfter: "38"}, nil,
			func(err error) bool {
				var e *adminconsole.ThrottledError
				return errors.As(err, &e) && e.Attempts == 1 && e.RetryAfter == 38*time.Second
			}, 1, 0},
		{"401 on the list", adobe.Config{}, &adobe.Fault{Route: adobe.RouteGroups, Kind: adobe.FaultHTTPStatus, Status: 401}, nil,
			func(err error) bool {
				var e *adminconsole.AccessError
				return errors.As(err, &e) && e.StatusCode == 401
			}, 1, 0},
		{"lost answers", adobe.Config{}, &adobe.Fault{Route: adobe.RouteGroups, Kind: adobe.FaultDrop}, nil,
			func(err error) bool {
				var e *adminconsole.UnavailableError
				return errors.As(err, &e) && e.Attempts == 3
			}, 3, 1},
		{"one lost answer is retried", adobe.Config{}, &adobe.Fault{Route: adobe.RouteGroups, Kind: adobe.FaultDrop, Times: 1}, nil,
			func(err error) bool { return err == nil }, 4, 0}, // the page again, then pages 1 and 2
		{"redirect of the list", adobe.Config{},
			&adobe.Fault{Route: adobe.RouteGroups, Kind: adobe.FaultRedirect, Location: "https://login.example/?token=x"}, nil,
			func(err error) bool {
				var e *adminconsole.RedirectError
				return errors.As(err, &e) && e.Location == "https://login.example/"
			}, 1, 0},
		{"redirect of the token request", adobe.Config{},
			&adobe.Fault{Route: adobe.RouteTokenV3, Kind: adobe.FaultRedirect, Location: "https://login.example/"}, nil,
			func(err error) bool { var e *imstoken.RedirectError; return errors.As(err, &e) }, 0, 0},
	}
	rows := []string{"| Fault on Adobe's side | Groups-list requests | The client's answer |", "|---|---|---|"}
	for _, tt := range tests {
		var outcome string
		ok := t.Run(tt.name, func(t *testing.T) {
			cfg := tt.cfg
			cfg.ClientSecret, cfg.ClientID = secret, "umapi-client"
			em, srv := org(t, cfg, 4) // 7 groups: 3 pages
			if tt.fault != nil {
				em.AddFault(*tt.fault)
			}
			c := clientFor(t, srv, em, tt.edit)
			_, err := c.ProductProfiles(context.Background())
			outcome = "listed"
			if err != nil {
				outcome = fmt.Sprintf("`%T`", err)
			}
			if !tt.check(err) {
				t.Fatalf("err = %T %v", err, err)
			}
			if got := em.Stats().ByRoute[adobe.RouteGroups]; got < tt.groups || got > tt.groups+tt.extra {
				t.Errorf("%d groups-list requests, want %d (+%d)", got, tt.groups, tt.extra)
			}
			if err != nil {
				for _, s := range append(em.IssuedTokens(), secret) {
					if strings.Contains(err.Error(), s) {
						t.Errorf("the error shows a secret or token: %v", err)
					}
				}
				if !strings.Contains(err.Error(), srv.URL) && !strings.Contains(err.Error(), "login.example") {
					t.Errorf("the error names no endpoint: %v", err)
				}
			}
		})
		requests := strconv.Itoa(tt.groups)
		if tt.extra > 0 {
			requests += fmt.Sprintf("–%d", tt.groups+tt.extra)
		}
		if ok {
			rows = append(rows, fmt.Sprintf("| %s | %s | %s |", tt.name, requests, outcome))
		}
	}
	if !t.Failed() {
		testdoc.Check(t, testdoc.RepoFile("RELIABILITY.md"), "admin-console", strings.Join(rows, "\n")+"\n")
	}
}

func TestRateLimitOfTheEmulatorIsPerClient(t *testing.T) {
	em, srv := org(t, adobe.Config{PageSize: 1, RateLimit: 5}, 4) // 7 pages: over the limit
	c := clientFor(t, srv, em, func(c *adminconsole.Config) { c.RetryWaitMax = time.Second })
	_, err := c.ProductProfiles(context.Background())
	var e *adminconsole.ThrottledError
	if !errors.As(err, &e) || e.RetryAfter < 50*time.Second {
		t.Fatalf("the 6th request of a minute is throttled for about a minute: %v", err)
	}
	if got := em.Stats().ByRoute[adobe.RouteGroups]; got != 6 {
		t.Errorf("%d requests, want 5 answered and 1 throttled", got)
	}
}
