package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
)

func TestAccDataSources(t *testing.T) {
	srv := startEmulator(t, emulator.Config{InstanceName: "acme_mkt_stage",
		OperatorGroups: []emulator.OperatorGroup{{Name: "marketers", Label: "Marketers"}, {Name: "admins", Label: "Administrators"}}})
	if err := srv.Emulator.PutAccount(map[string]string{
		"name": "Adobe_Marketing_Cloud", "label": "MAC", "active": "1", "clientId": "Campaign1", "clientSecret": "kept-secret",
		"callbackServer": "https://acme.example.com", "imsOrgId": "0123456789ABCDEF01234567@AdobeOrg", "imsRightsMask": "Campaign (.*)",
		"userScope": "openid,AdobeID", "type": "24",
	}); err != nil {
		t.Fatal(err)
	}
	for _, other := range []map[string]string{{"name": "Adobe_Experience_Cloud", "type": "24"}, {"name": "defaultEmailBulk", "type": "3"}} {
		if err := srv.Emulator.PutAccount(other); err != nil {
			t.Fatal(err)
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: providerConfig(srv) + `
data "campaign_instance" "this" {}
data "campaign_packages" "this" {}
data "campaign_ims_external_account" "this" {}
data "campaign_operator_groups" "this" {}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					stringValue("data.campaign_instance.this", "instance_name", "acme_mkt_stage"),
					stringValue("data.campaign_instance.this", "build", emulator.BuildNumber),
					stringValue("data.campaign_instance.this", "status", "OK"),
					statecheck.ExpectKnownValue("data.campaign_packages.this", tfjsonpath.New("installed"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("nms:campaign"), knownvalue.StringExact("nms:core"), knownvalue.StringExact("xtk:core")})),
					stringValue("data.campaign_ims_external_account.this", "matching_mask", "Campaign (.*)"),
					stringValue("data.campaign_ims_external_account.this", "label", "MAC"),
					statecheck.ExpectKnownValue("data.campaign_ims_external_account.this", tfjsonpath.New("client_secret_set"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.campaign_ims_external_account.this", tfjsonpath.New("ims_scope").AtSliceIndex(1), knownvalue.StringExact("AdobeID")),
					statecheck.ExpectKnownValue("data.campaign_ims_external_account.this", tfjsonpath.New("other_accounts"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("Adobe_Experience_Cloud")})),
					statecheck.ExpectKnownValue("data.campaign_operator_groups.this", tfjsonpath.New("names"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("admins"), knownvalue.StringExact("marketers")})),
					statecheck.ExpectKnownValue("data.campaign_operator_groups.this", tfjsonpath.New("labels").AtMapKey("admins"), knownvalue.StringExact("Administrators")),
				},
			},
			{
				Config:      providerConfig(srv) + `data "campaign_ims_external_account" "x" { name = "Nope" }`,
				ExpectError: errorLike(fmt.Sprintf(`No external account with internal name "Nope" exists on %s`, srv.URL)),
			},
		},
	})
}
