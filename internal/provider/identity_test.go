package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/acc-terraform/terraform-provider-campaign/internal/clitest"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
)

func nameIs(name string) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{"name": knownvalue.StringExact(name)}
}

// Every resource carries the identity {name}: created, read and imported by it.
func TestAccIdentity(t *testing.T) {
	clitest.Require(t, clitest.ResourceIdentity)
	srv := startEmulator(t, emulator.Config{})
	account := accountConfig(srv, "Adobe_Marketing_Cloud", "MAC", `client_secret = "s3cret"`)
	pkg := providerConfig(srv) + `
resource "campaign_package" "this" {
  name = "nms:campaign"
}
`
	group := providerConfig(srv) + groupBlock("reviewers", `label = "Reviewers"`, `named_rights = ["report"]`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: account,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(accountAddr, nameIs("Adobe_Marketing_Cloud")),
					statecheck.ExpectIdentityValueMatchesState(accountAddr, tfjsonpath.New("name")),
				},
			},
			{
				// An import block with `identity = { name = … }` adopts the
				// account with no change (the secret left unset keeps Campaign's).
				Config: accountConfig(srv, "Adobe_Marketing_Cloud", "MAC", ""), ResourceName: accountAddr, ImportState: true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
				ImportPlanChecks: resource.ImportPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionNoop)},
				},
			},
			{
				Config:            pkg,
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectIdentity("campaign_package.this", nameIs("nms:campaign"))},
			},
			{
				Config: pkg, ResourceName: "campaign_package.this", ImportState: true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
				ImportPlanChecks: resource.ImportPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("campaign_package.this", plancheck.ResourceActionNoop)},
				},
			},
			{
				Config:            group,
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectIdentity(groupAddr, nameIs("reviewers"))},
			},
			{
				Config: group, ResourceName: groupAddr, ImportState: true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
				ImportPlanChecks: resource.ImportPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(groupAddr, plancheck.ResourceActionNoop)},
				},
			},
		},
	})
}

// A `list` block finds every Adobe Experience Cloud account, duplicates
// included, and the installed packages (`terraform query`).
func TestAccListResources(t *testing.T) {
	clitest.Require(t, clitest.Query)
	srv := startEmulator(t, emulator.Config{Installed: []string{"xtk:core", "nms:core", emulator.DefaultIMSPackage}})
	putConsoleAccount(t, srv, "MAC")
	if err := srv.Emulator.PutAccount(map[string]string{
		"name": "Adobe_Experience_Cloud", "label": "Duplicate", "type": "24", "active": "1", "clientId": "Campaign2",
		"callbackServer": "https://acme.campaign.example.com", "imsOrgId": "0123456789ABCDEF01234567@AdobeOrg", "imsRightsMask": "(.*)",
	}); err != nil {
		t.Fatal(err)
	}
	if err := srv.Emulator.PutAccount(map[string]string{"name": "defaultEmailBulk", "type": "3", "label": "Routing"}); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: providerConfig(srv)}, // the query step needs a configuration with the provider
			{
				Query: true,
				Config: `
list "campaign_ims_external_account" "all" {
  provider         = campaign
  include_resource = true
}
list "campaign_package" "installed" {
  provider = campaign
}
list "campaign_operator_group" "all" {
  provider         = campaign
  include_resource = true
}
`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("campaign_ims_external_account.all", 2),
					querycheck.ExpectIdentity("campaign_ims_external_account.all", nameIs("Adobe_Marketing_Cloud")),
					querycheck.ExpectIdentity("campaign_ims_external_account.all", nameIs("Adobe_Experience_Cloud")),
					querycheck.ExpectLength("campaign_package.installed", 3),
					querycheck.ExpectIdentity("campaign_package.installed", nameIs(emulator.DefaultIMSPackage)),
					querycheck.ExpectLength("campaign_operator_group.all", len(emulator.DefaultOperatorGroups())),
					querycheck.ExpectIdentity("campaign_operator_group.all", nameIs("workflowSupervisor")),
				},
			},
		},
	})
}
