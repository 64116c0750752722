package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/adobe"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"
)

func stringsOf(values ...string) knownvalue.Check {
	checks := []knownvalue.Check{}
	for _, v := range values {
		checks = append(checks, knownvalue.StringExact(v))
	}
	return knownvalue.ListExact(checks)
}

// TestAccAdminConsoleUsersDataSource: a user's profiles, those held through
// a user group included; only the profiles the mask matches; an unknown user
// not found; the UMAPI requests counted; a throttled get-user is a warning
// and checked = false, never an error.
func TestAccAdminConsoleUsersDataSource(t *testing.T) {
	org, orgSrv := acmeOrganization(t)
	config := emulatortest.AdminConsoleProviderBlock(org, orgSrv) + `
data "campaign_admin_console_users" "acme" {
  emails        = ["ANN@acme.example", "cy@acme.example", "nobody@acme.example"]
  matching_mask = "Campaign - acme - (.*)"
}
`
	user := func(email string, found bool, profiles, groups knownvalue.Check) knownvalue.Check {
		status, typ := "active", "federatedID"
		if !found {
			status, typ = "", ""
		}
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"email": knownvalue.StringExact(email), "found": knownvalue.Bool(found), "status": knownvalue.StringExact(status),
			"type": knownvalue.StringExact(typ), "product_profiles": profiles, "user_groups": groups,
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				PreConfig: org.ResetStats,
				Config:    config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.campaign_admin_console_users.acme", tfjsonpath.New("checked"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.campaign_admin_console_users.acme", tfjsonpath.New("users"), knownvalue.ListExact([]knownvalue.Check{
						user("ANN@acme.example", true, stringsOf("Campaign - acme - marketers"), stringsOf()),
						user("cy@acme.example", true, stringsOf("Campaign - acme - reviewers"), stringsOf("Reviewers")),
						user("nobody@acme.example", false, stringsOf(), stringsOf()),
					})),
				},
				Check: func(*terraform.State) error {
					// A plan and a refresh-free apply each read: per read, one token,
					// 2 pages of groups, the 2 matching profiles' members, 3 users.
					s := org.Stats()
					if s.ByRoute[adobe.RouteGetUser] == 0 || s.ByRoute[adobe.RouteGetUser]%3 != 0 || s.ByRoute[adobe.RouteUsers]%2 != 0 {
						return fmt.Errorf("UMAPI requests: %v", s.ByRoute)
					}
					return nil
				},
			},
			{
				PreConfig: func() {
					org.ResetStats()
					org.AddFault(adobe.Fault{Route: adobe.RouteGetUser, Kind: adobe.FaultHTTPStatus, Status: 429, RetryAfter: "38"})
				},
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.campaign_admin_console_users.acme", tfjsonpath.New("checked"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("data.campaign_admin_console_users.acme", tfjsonpath.New("users"), knownvalue.Null()),
				},
			},
		},
	})
}
