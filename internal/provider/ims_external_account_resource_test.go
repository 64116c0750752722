package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
)

const accountAddr = "campaign_ims_external_account.this"

// accountConfig is a complete account; name and label vary between steps.
func accountConfig(srv *emulator.Server, name, label, secretLines string) string {
	return providerConfig(srv) + accountBlock(name, label, secretLines)
}

// accountBlock is the campaign_ims_external_account.this resource block.
func accountBlock(name, label, secretLines string) string {
	return fmt.Sprintf(`
resource "campaign_ims_external_account" "this" {
  name                    = %q
  label                   = %q
  ims_scope               = ["openid", "AdobeID", "session", "additional_info.projectedProductContext"]
  client_id               = "Campaign1"
  %s
  callback_server         = "https://acme-mkt-dev.campaign.example.com"
  ims_org_id              = "0123456789ABCDEF01234567@AdobeOrg"
  matching_mask           = "Campaign - acme - (.*)"
  experience_cloud_server = "https://marketing.adobe.com"
  tenant                  = "acme"
}
`, name, label, secretLines)
}

func checkSecret(srv *emulator.Server, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, err := srv.Emulator.RevealSecret("Adobe_Marketing_Cloud", "clientSecret")
		if err != nil {
			return err
		}
		if got != want {
			return fmt.Errorf("secret stored in Campaign is not the configured one")
		}
		return nil
	}
}

func TestAccIMSExternalAccount_lifecycle(t *testing.T) {
	srv := startEmulator(t, emulator.Config{})
	secret := `client_secret = "first-secret"`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: accountConfig(srv, "Adobe_Marketing_Cloud", "Adobe Experience Cloud", secret),
				ConfigStateChecks: []statecheck.StateCheck{
					stringValue(accountAddr, "id", "Adobe_Marketing_Cloud"),
					stringValue(accountAddr, "ims_server", "https://ims-na1.adobelogin.com"),
					stringValue(accountAddr, "product_context", "dma_campaign_classic"),
					statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("account_id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("ims_scope").AtSliceIndex(3), knownvalue.StringExact("additional_info.projectedProductContext")),
				},
				Check: resource.ComposeTestCheckFunc(
					checkSecret(srv, "first-secret"),
					func(*terraform.State) error {
						acc, _ := srv.Emulator.Account("Adobe_Marketing_Cloud")
						if acc["type"] != fmt.Sprint(emulator.DefaultIMSAccountType) || acc["imsRightsMask"] != "Campaign - acme - (.*)" || acc["active"] != "1" {
							return fmt.Errorf("stored account: %v", acc)
						}
						return nil
					},
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// In-place update, including a new secret.
				Config: providerConfig(srv) + `
resource "campaign_ims_external_account" "this" {
  label           = "MAC"
  enabled         = false
  client_id       = "Campaign1"
  client_secret   = "second-secret"
  callback_server = "https://acme-mkt-dev.campaign.example.com"
  ims_org_id      = "0123456789ABCDEF01234567@AdobeOrg"
  matching_mask   = "CampaignV6 - acme - (.*)"
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					stringValue(accountAddr, "label", "MAC"),
					statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("tenant"), knownvalue.Null()),
					statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("ims_scope"), knownvalue.Null()),
				},
				Check: checkSecret(srv, "second-secret"),
			},
			{
				// A new internal name replaces the account.
				Config: accountConfig(srv, "Adobe_Experience_Cloud", "MAC", secret),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(*terraform.State) error {
					if _, ok := srv.Emulator.Account("Adobe_Marketing_Cloud"); ok {
						return fmt.Errorf("the old account still exists")
					}
					if _, ok := srv.Emulator.Account("Adobe_Experience_Cloud"); !ok {
						return fmt.Errorf("the new account does not exist")
					}
					return nil
				},
			},
			{
				ResourceName: accountAddr, ImportState: true, ImportStateId: "Adobe_Experience_Cloud",
				ImportStateVerify: true, ImportStateVerifyIgnore: []string{"client_secret"},
			},
			{
				// Campaign never returns a plaintext secret: a configuration that
				// leaves the stored secret alone imports with no change at all.
				Config:       accountConfig(srv, "Adobe_Experience_Cloud", "MAC", ""),
				ResourceName: accountAddr, ImportState: true, ImportStateId: "Adobe_Experience_Cloud",
				ImportStateKind: resource.ImportBlockWithID,
				ImportPlanChecks: resource.ImportPlanChecks{
					// The import block's counterpart of ImportStateVerify: the
					// imported object carries what the previous apply wrote.
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectKnownValue(accountAddr, tfjsonpath.New("name"), knownvalue.StringExact("Adobe_Experience_Cloud")),
						plancheck.ExpectKnownValue(accountAddr, tfjsonpath.New("label"), knownvalue.StringExact("MAC")),
						plancheck.ExpectKnownValue(accountAddr, tfjsonpath.New("matching_mask"), knownvalue.StringExact("Campaign - acme - (.*)")),
					},
				},
			},
		},
	})
	if _, ok := srv.Emulator.Account("Adobe_Experience_Cloud"); ok {
		t.Fatal("destroy left the account in Campaign")
	}
}

func TestAccIMSExternalAccount_writeOnlySecret(t *testing.T) {
	srv := startEmulator(t, emulator.Config{})
	wo := func(value string, version int) string {
		return fmt.Sprintf("client_secret_wo = %q\n  client_secret_wo_version = %d", value, version)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps: []resource.TestStep{
			{
				Config: accountConfig(srv, "Adobe_Marketing_Cloud", "MAC", wo("wo-secret-one", 1)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("client_secret_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(accountAddr, tfjsonpath.New("client_secret"), knownvalue.Null()),
				},
				Check: resource.ComposeTestCheckFunc(
					checkSecret(srv, "wo-secret-one"),
					stateHasNoSecret("wo-secret-one"),
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// A new value without a new version is not written.
				Config:             accountConfig(srv, "Adobe_Marketing_Cloud", "MAC", wo("wo-secret-two", 1)),
				PlanOnly:           true,
				ExpectNonEmptyPlan: false,
			},
			{
				Config: accountConfig(srv, "Adobe_Marketing_Cloud", "MAC", wo("wo-secret-two", 2)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionUpdate)},
				},
				Check: resource.ComposeTestCheckFunc(checkSecret(srv, "wo-secret-two"), stateHasNoSecret("wo-secret-two")),
			},
			{
				// Changed in the console: the next plan rewrites the configured secret.
				PreConfig: func() {
					if err := srv.Emulator.PutAccount(map[string]string{"name": "Adobe_Marketing_Cloud", "clientSecret": "changed-by-hand"}); err != nil {
						t.Fatal(err)
					}
				},
				Config: accountConfig(srv, "Adobe_Marketing_Cloud", "MAC", wo("wo-secret-two", 2)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionUpdate)},
				},
				Check: checkSecret(srv, "wo-secret-two"),
			},
		},
	})
}

// stateHasNoSecret fails when the secret appears anywhere in the state.
func stateHasNoSecret(secret string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for addr, rs := range s.RootModule().Resources {
			for k, v := range rs.Primary.Attributes {
				if v == secret {
					return fmt.Errorf("%s.%s holds the secret", addr, k)
				}
			}
		}
		return nil
	}
}

func TestAccIMSExternalAccount_outOfBandChanges(t *testing.T) {
	srv := startEmulator(t, emulator.Config{})
	cfg := accountConfig(srv, "Adobe_Marketing_Cloud", "MAC", `client_secret = "s3cret"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				// Drift in a plain attribute shows as an in-place update.
				PreConfig: func() {
					_ = srv.Emulator.PutAccount(map[string]string{"name": "Adobe_Marketing_Cloud", "imsRightsMask": "Campaign (.*)", "label": "edited"})
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionUpdate)},
				},
				Check: func(*terraform.State) error {
					acc, _ := srv.Emulator.Account("Adobe_Marketing_Cloud")
					if acc["imsRightsMask"] != "Campaign - acme - (.*)" || acc["label"] != "MAC" {
						return fmt.Errorf("drift not corrected: %v", acc)
					}
					return nil
				},
			},
			{
				// The secret re-entered by hand (another ciphertext) is rewritten.
				PreConfig: func() {
					_ = srv.Emulator.PutAccount(map[string]string{"name": "Adobe_Marketing_Cloud", "clientSecret": "typed-in-console"})
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionUpdate)},
				},
				Check: checkSecret(srv, "s3cret"),
			},
			{
				// Deleted outside Terraform: removed from state with a warning, then recreated.
				PreConfig: func() { _ = srv.Emulator.DeleteAccount("Adobe_Marketing_Cloud") },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionCreate)},
				},
				Check: checkSecret(srv, "s3cret"),
			},
		},
	})
}

// putConsoleAccount stores a complete account as the Campaign console would,
// with the secret "console-secret"; only the label varies between tests.
func putConsoleAccount(t *testing.T, srv *emulator.Server, label string) {
	t.Helper()
	if err := srv.Emulator.PutAccount(map[string]string{
		"name": "Adobe_Marketing_Cloud", "label": label, "type": fmt.Sprint(emulator.DefaultIMSAccountType), "active": "1",
		"imsServer": "https://ims-na1.adobelogin.com", "clientId": "Campaign1", "clientSecret": "console-secret",
		"callbackServer": "https://acme.campaign.example.com", "imsOrgId": "0123456789ABCDEF01234567@AdobeOrg",
		"imsRightsMask": "Campaign - acme - (.*)", "productContext": "dma_campaign_classic", "userScope": "openid,AdobeID",
	}); err != nil {
		t.Fatal(err)
	}
}

// An account created in the console is imported with an import block and
// then managed; the configuration generated by -generate-config-out style
// values validates.
func TestAccIMSExternalAccount_importExisting(t *testing.T) {
	srv := startEmulator(t, emulator.Config{})
	putConsoleAccount(t, srv, "MAC")
	cfg := providerConfig(srv) + `
import {
  to = campaign_ims_external_account.this
  id = "Adobe_Marketing_Cloud"
}
resource "campaign_ims_external_account" "this" {
  label           = "MAC"
  ims_scope       = ["openid", "AdobeID"]
  client_id       = "Campaign1"
  callback_server = "https://acme.campaign.example.com"
  ims_org_id      = "0123456789ABCDEF01234567@AdobeOrg"
  matching_mask   = "Campaign - acme - (.*)"
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					// Everything matches: importing changes nothing, and the stored secret is kept.
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionNoop)},
				},
				Check: checkSecret(srv, "console-secret"),
			},
		},
	})
}

// terraform plan -generate-config-out on an import block writes a resource
// block that Terraform accepts as it is (the plan runs on it) and that
// describes the console-made account exactly: importing it changes nothing.
func TestAccIMSExternalAccount_generateConfig(t *testing.T) {
	srv := startEmulator(t, emulator.Config{})
	putConsoleAccount(t, srv, "MAC <console> & co")
	// As the first step, the import targets the address as written.
	addr := accountAddr
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:          providerConfig(srv),
				ResourceName:    accountAddr,
				ImportState:     true,
				ImportStateId:   "Adobe_Marketing_Cloud",
				ImportStateKind: resource.ImportBlockWithID,
				GenerateConfig:  true,
				ImportPlanChecks: resource.ImportPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("label"), knownvalue.StringExact("MAC <console> & co")),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("matching_mask"), knownvalue.StringExact("Campaign - acme - (.*)")),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("ims_scope"), knownvalue.ListExact([]knownvalue.Check{
							knownvalue.StringExact("openid"), knownvalue.StringExact("AdobeID"),
						})),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("client_secret"), knownvalue.Null()),
					},
				},
			},
		},
	})
	// The plan imported without applying: the console's secret is untouched.
	if err := checkSecret(srv, "console-secret")(nil); err != nil {
		t.Fatal(err)
	}
}

// What Campaign stored is read back after the Write: a value it changed is
// an error naming the attribute, the console field, and both values.
func TestAccIMSExternalAccount_readBackMismatch(t *testing.T) {
	srv := startEmulator(t, emulator.Config{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			PreConfig: func() {
				srv.Emulator.InjectFaults(emulator.FaultRule{Action: emulator.ActionWrite, Kind: emulator.FaultWriteAlters,
					Attribute: "imsRightsMask", Value: "Campaign - other - (.*)"})
			},
			Config: accountConfig(srv, "Adobe_Marketing_Cloud", "MAC", `client_secret = "s1"`),
			ExpectError: regexp.MustCompile(`(?s)Campaign did not store matching_mask on ` + regexp.QuoteMeta(srv.URL) + `.*` +
				errorLike(`Campaign did not store matching_mask (console: "Association mask", nms:extAccount/@imsRightsMask) as written: wrote "Campaign - acme - (.*)", read back "Campaign - other - (.*)".`).String()),
		}},
	})
}
