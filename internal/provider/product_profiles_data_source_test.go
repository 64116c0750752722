package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/adobe"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"
)

func acmeOrganization(t *testing.T) (*adobe.Emulator, *emulator.Server) {
	t.Helper()
	return emulatortest.StartOrganization(t, adobe.Config{
		ProductProfiles: []adobe.ProductProfile{
			{Name: "Campaign - acme - marketers", Members: []string{"ann@acme.example", "bob@acme.example"}},
			{Name: "Campaign - acme - reviewers"},
			{Name: "Analytics - acme - admin", Product: "Adobe Analytics", Members: []string{"ann@acme.example"}},
		},
		UserGroups: []adobe.UserGroup{{Name: "Reviewers", Profiles: []string{"Campaign - acme - reviewers"}, Members: []string{"cy@acme.example"}}},
	})
}

func profile(name, product string, members int64, group knownvalue.Check) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"name": knownvalue.StringExact(name), "product_name": knownvalue.StringExact(product),
		"member_count": knownvalue.Int64Exact(members), "operator_group": group,
	})
}

func TestAccProductProfilesDataSource(t *testing.T) {
	org, orgSrv := acmeOrganization(t)
	srv := startEmulator(t, emulator.Config{})
	adminConsoleOnly := emulatortest.AdminConsoleProviderBlock(org, orgSrv)
	listings := func(want int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			// 3 profiles, 1 user group, 2 admin groups in pages of 3: 2 pages a listing
			if got := org.Stats().ByRoute[adobe.RouteGroups]; got != 2*want {
				return fmt.Errorf("%d groups-list requests, want %d (%d listing(s) of 2 pages)", got, 2*want, want)
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				PreConfig: org.ResetStats,
				Config: adminConsoleOnly + `
data "campaign_product_profiles" "all" {}
data "campaign_product_profiles" "acme" { matching_mask = "Campaign - acme - (.*)" }
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.campaign_product_profiles.acme", tfjsonpath.New("checked"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.campaign_product_profiles.acme", tfjsonpath.New("profiles"), knownvalue.ListExact([]knownvalue.Check{
						profile("Campaign - acme - marketers", adobe.CampaignProduct, 2, knownvalue.StringExact("marketers")),
						profile("Campaign - acme - reviewers", adobe.CampaignProduct, 1, knownvalue.StringExact("reviewers")),
						profile("Analytics - acme - admin", "Adobe Analytics", 1, knownvalue.Null()),
					})),
					statecheck.ExpectKnownValue("data.campaign_product_profiles.all", tfjsonpath.New("profiles").AtSliceIndex(0).AtMapKey("operator_group"), knownvalue.Null()),
				},
				// Two data sources of one provider configuration: one listing
				// (the step's later commands read nothing again).
				Check: listings(1),
			},
			{
				// Throttled beyond retry_wait_max: a warning and checked = false, never an error.
				PreConfig: func() {
					org.ResetStats()
					org.AddFault(adobe.Fault{Route: adobe.RouteGroups, Kind: adobe.FaultHTTPStatus, Status: 429, RetryAfter: "38"})
				},
				Config: adminConsoleOnly + `data "campaign_product_profiles" "acme" {}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.campaign_product_profiles.acme", tfjsonpath.New("checked"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("data.campaign_product_profiles.acme", tfjsonpath.New("profiles"), knownvalue.Null()),
				},
			},
			{
				PreConfig:   org.ClearFaults,
				Config:      adminConsoleOnly + `resource "campaign_operator_group" "g" { name = "marketers" }`,
				ExpectError: errorLike("configures only admin_console, for the Admin Console of " + adobe.DefaultOrgID),
			},
			{
				Config:      providerConfig(srv) + `data "campaign_product_profiles" "acme" {}`,
				ExpectError: errorLike("campaign_product_profiles needs admin_console"),
			},
			{
				// One block for both: the instance and the organization (a fresh
				// minute of UMAPI's rate limit: this step lists twice).
				PreConfig: org.ResetStats,
				// ca_certificate holds both private CAs.
				Config: fmt.Sprintf("provider \"campaign\" {\n  endpoint = %q\n  ca_certificate = %q\n  %s\n  %s\n}\n",
					srv.URL, string(srv.CAPEM)+string(orgSrv.CAPEM), emulatortest.AuthLines(srv, emulatortest.AuthPassword),
					emulatortest.AdminConsoleLines(org, orgSrv)) + `
data "campaign_instance" "this" {}
data "campaign_product_profiles" "acme" { matching_mask = "Campaign - acme - (.*)" }
`,
				ConfigStateChecks: []statecheck.StateCheck{
					stringValue("data.campaign_instance.this", "status", "OK"),
					statecheck.ExpectKnownValue("data.campaign_product_profiles.acme", tfjsonpath.New("checked"), knownvalue.Bool(true)),
				},
			},
		},
	})
}
