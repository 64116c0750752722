package provider

import (
	"os"
	"os/exec"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

func TestAccFunctions(t *testing.T) {
	// A unit test of plugin-testing still runs the CLI: without one (make
	// unit on a machine without Terraform), say so rather than let it try to
	// download one.
	if os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
		if _, err := exec.LookPath("terraform"); err != nil {
			t.Skip("the provider functions are tested through the Terraform CLI, which is not installed; make test needs it")
		}
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		Steps: []resource.TestStep{
			{
				Config: `
output "admins"   { value = provider::campaign::ims_group_name("Campaign - acme - (.*)", "Campaign - acme - admins") }
output "other"    { value = provider::campaign::ims_group_name("Campaign - acme - (.*)", "Campaign - globex - admins") == null }
output "partial"  { value = provider::campaign::ims_group_name("Campaign - acme - (.*)", "Old Campaign - acme - admins") == null }
output "mask"     { value = provider::campaign::ims_matching_mask("acme.eu") }
output "via_mask" { value = provider::campaign::ims_group_name(provider::campaign::ims_matching_mask("acme.eu"), "Campaign - acme.eu - ops") }
output "no_dot"   { value = provider::campaign::ims_group_name(provider::campaign::ims_matching_mask("acme.eu"), "Campaign - acmeXeu - ops") == null }
output "profile"  { value = provider::campaign::ims_product_profile("Campaign - acme - (.*)", "admins") }
output "both_ways" { value = provider::campaign::ims_group_name(provider::campaign::ims_matching_mask("acme.eu"), provider::campaign::ims_product_profile(provider::campaign::ims_matching_mask("acme.eu"), "ops")) }
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("admins", knownvalue.StringExact("admins")),
					statecheck.ExpectKnownOutputValue("other", knownvalue.Bool(true)),
					statecheck.ExpectKnownOutputValue("partial", knownvalue.Bool(true)),
					statecheck.ExpectKnownOutputValue("mask", knownvalue.StringExact(`Campaign - acme\.eu - (.*)`)),
					statecheck.ExpectKnownOutputValue("via_mask", knownvalue.StringExact("ops")),
					statecheck.ExpectKnownOutputValue("no_dot", knownvalue.Bool(true)),
					statecheck.ExpectKnownOutputValue("profile", knownvalue.StringExact("Campaign - acme - admins")),
					statecheck.ExpectKnownOutputValue("both_ways", knownvalue.StringExact("ops")),
				},
			},
			{
				Config:      `output "x" { value = provider::campaign::ims_product_profile("Campaign - acme - ([a-z]+)", "ops") }`,
				ExpectError: errorLike("mask cannot be inverted: its capturing group is ([a-z]+), not (.*) or (.+)"),
			},
			{
				Config:      `output "x" { value = provider::campaign::ims_group_name("Campaign - acme - .*", "Campaign - acme - admins") }`,
				ExpectError: errorLike("mask must have exactly one capturing group"),
			},
			{
				Config:      `output "x" { value = provider::campaign::ims_matching_mask("") }`,
				ExpectError: errorLike("tenant must be a non-empty tenant name"),
			},
		},
	})
}
