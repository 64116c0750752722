package adminconsole_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/adminconsole"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/adobe"
	"github.com/acc-terraform/terraform-provider-campaign/internal/testdoc"
)

// TestUsers: a user's profiles come from the profiles' member lists, those
// held through a user group included; only the profiles the mask matches
// are read member by member, once per client; an unknown user is not found,
// not an error. The requests it takes are BENCHMARKS.md's.
func TestUsers(t *testing.T) {
	em, srv := org(t, adobe.Config{RateLimit: -1, ProductProfiles: []adobe.ProductProfile{{Name: "Analytics - acme - x", Members: []string{"a@acme.example"}}}}, 7)
	c := clientFor(t, srv, em, nil)
	campaignOnly := func(p string) bool { return strings.HasPrefix(p, "Campaign - acme - ") }
	users, err := c.Users(context.Background(), []string{"A@acme.example", "c@acme.example", "nobody@acme.example"}, campaignOnly)
	if err != nil {
		t.Fatal(err)
	}
	if !users[0].Found || users[0].Status != "active" || !slices.Equal(users[0].ProductProfiles, []string{"Campaign - acme - g0"}) {
		t.Errorf("a (direct member): %+v", users[0])
	}
	if !slices.Equal(users[1].ProductProfiles, []string{"Campaign - acme - g1"}) || !slices.Equal(users[1].UserGroups, []string{"Marketing"}) {
		t.Errorf("c (through the user group Marketing): %+v", users[1])
	}
	if users[2].Found || len(users[2].ProductProfiles) != 0 {
		t.Errorf("nobody: %+v", users[2])
	}
	first := em.Stats()
	// A second explanation of the same client reads only the users.
	if _, err := c.Users(context.Background(), []string{"b@acme.example"}, campaignOnly); err != nil {
		t.Fatal(err)
	}
	second := em.Stats()
	want := map[string]int{adobe.RouteTokenV3: 1, adobe.RouteGroups: 4, adobe.RouteUsers: 7, adobe.RouteGetUser: 3}
	for route, n := range want {
		if first.ByRoute[route] != n {
			t.Errorf("%s: %d request(s), want %d (%v)", route, first.ByRoute[route], n, first.ByRoute)
		}
	}
	if d := second.ByRoute[adobe.RouteGetUser] - first.ByRoute[adobe.RouteGetUser]; d != 1 || second.Total-first.Total != 1 {
		t.Errorf("a second explanation took %d requests (%d get-user), want the get-user only", second.Total-first.Total, d)
	}
	rows := []string{
		"| UMAPI requests | Per provider process | Per explained user |", "|---|---|---|",
		fmt.Sprintf("| token (`%s`) | %d | 0 |", adobe.RouteTokenV3, first.ByRoute[adobe.RouteTokenV3]),
		fmt.Sprintf("| groups list, shared with `campaign_product_profiles` (11 groups, pages of 3) | %d | 0 |", first.ByRoute[adobe.RouteGroups]),
		fmt.Sprintf("| member list of each profile the mask matches (7 of 8, one page each) | %d | 0 |", first.ByRoute[adobe.RouteUsers]),
		fmt.Sprintf("| get user (`%s`) | 0 | %d |", adobe.RouteGetUser, second.ByRoute[adobe.RouteGetUser]-first.ByRoute[adobe.RouteGetUser]),
	}
	testdoc.Check(t, testdoc.RepoFile("BENCHMARKS.md"), "admin-console-users", strings.Join(rows, "\n")+"\n")
}

// TestUsersFaults: a throttled get-user, an unknown user, 401 and 403 are
// the client's typed errors (the provider turns them into checked = false
// and a warning), never a secret in the text. RELIABILITY.md's rows.
func TestUsersFaults(t *testing.T) {
	rows := []string{"| Fault on a user's read | The client's answer |", "|---|---|"}
	for _, tc := range []struct {
		name  string
		fault adobe.Fault
		check func(error) bool
	}{
		{"get-user throttled, asking a minute", adobe.Fault{Route: adobe.RouteGetUser, Kind: adobe.FaultHTTPStatus, Status: 429, RetryAfter: "38"},
			func(err error) bool { var e *adminconsole.ThrottledError; return errors.As(err, &e) }},
		{"401 on get-user", adobe.Fault{Route: adobe.RouteGetUser, Kind: adobe.FaultHTTPStatus, Status: 401},
			func(err error) bool {
				var e *adminconsole.AccessError
				return errors.As(err, &e) && e.StatusCode == 401
			}},
		{"403 on a profile's member list", adobe.Fault{Route: adobe.RouteUsers, Kind: adobe.FaultHTTPStatus, Status: 403},
			func(err error) bool {
				var e *adminconsole.AccessError
				return errors.As(err, &e) && e.StatusCode == 403
			}},
		{"unknown user (404)", adobe.Fault{}, func(err error) bool { return err == nil }},
	} {
		outcome := ""
		t.Run(tc.name, func(t *testing.T) {
			em, srv := org(t, adobe.Config{}, 2)
			if tc.fault.Route != "" {
				em.AddFault(tc.fault)
			}
			users, err := clientFor(t, srv, em, nil).Users(context.Background(), []string{"nobody@acme.example"}, nil)
			if !tc.check(err) {
				t.Fatalf("err = %T %v", err, err)
			}
			outcome = fmt.Sprintf("`%T`", err)
			if err == nil {
				outcome = fmt.Sprintf("found = %v", users[0].Found)
			} else {
				for _, s := range append(em.IssuedTokens(), em.Config().ClientSecret) {
					if strings.Contains(err.Error(), s) {
						t.Errorf("the error shows a secret or token: %v", err)
					}
				}
			}
		})
		rows = append(rows, fmt.Sprintf("| %s | %s |", tc.name, outcome))
	}
	if !t.Failed() {
		testdoc.Check(t, testdoc.RepoFile("RELIABILITY.md"), "admin-console-users", strings.Join(rows, "\n")+"\n")
	}
}
