package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
)

const packagesOutputConfig = `
data "campaign_packages" "this" {}
output "packages" { value = data.campaign_packages.this.installed }
`

// checkPackagesContain checks the "packages" output of packagesOutputConfig.
func checkPackagesContain(want string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		out, ok := s.RootModule().Outputs["packages"]
		if !ok || !strings.Contains(fmt.Sprint(out.Value), want) {
			return fmt.Errorf("output packages = %v, want it to contain %q", out, want)
		}
		return nil
	}
}

func TestAccProvider_authenticationModes(t *testing.T) {
	srv := startEmulator(t, emulator.Config{})
	bearer := providerBlock(srv, "", fmt.Sprintf("access_token = %q", accToken))
	oauth := providerBlock(srv, "", fmt.Sprintf(`ims = {
    client_id     = %q
    client_secret = %q
    scopes        = ["openid", "AdobeID"]
    token_url     = "%s/ims/token/v3"
  }`, accIMSID, accIMSKey, srv.URL))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: providerConfig(srv) + packagesOutputConfig, Check: checkPackagesContain("nms:core")},
			{
				Config: bearer + packagesOutputConfig,
				Check: resource.ComposeTestCheckFunc(checkPackagesContain("nms:core"),
					expectStats(srv, func(s emulator.Stats) error {
						if s.ByAction[emulator.ActionGetUserInfo] == 0 {
							return fmt.Errorf("a bearer token lists packages with GetUserInfo: %v", s.ByAction)
						}
						return nil
					})),
			},
			{
				Config: oauth + packagesOutputConfig,
				Check: resource.ComposeTestCheckFunc(checkPackagesContain("nms:core"),
					expectStats(srv, func(s emulator.Stats) error {
						if s.IMSTokenRequests == 0 {
							return fmt.Errorf("no IMS token was requested")
						}
						return nil
					})),
			},
		},
	})
}

func TestAccProvider_environment(t *testing.T) {
	srv := startEmulator(t, emulator.Config{})
	t.Setenv(EnvEndpoint, srv.URL)
	t.Setenv(EnvLogin, accLogin)
	t.Setenv(EnvPassword, accPassword)
	t.Setenv(EnvCACertificate, string(srv.CAPEM))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: `provider "campaign" {}` + packagesOutputConfig, Check: checkPackagesContain("nms:campaign")},
			{
				// The configuration wins over the environment: its wrong password is used (and refused once).
				Config:      `provider "campaign" { password = "not-the-password" }` + packagesOutputConfig,
				ExpectError: errorLike("Campaign authentication failed"),
			},
		},
	})
}

func TestAccProvider_configurationErrors(t *testing.T) {
	srv := startEmulator(t, emulator.Config{})
	withCA := func(body string) string {
		return fmt.Sprintf("provider \"campaign\" {\n%s\n}\n", body) + packagesOutputConfig
	}
	unknownEndpoint := `
resource "terraform_data" "later" { input = "https://campaign.example.com" }
provider "campaign" {
  endpoint = terraform_data.later.output
  login    = "a"
  password = "b"
}
resource "campaign_package" "p" { name = "nms:core" }
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: withCA(fmt.Sprintf("endpoint = %q\n login = \"a\"\n password = \"b\"\n access_token = \"t\"", srv.URL)), ExpectError: errorLike("Conflicting Campaign authentication")},
			{Config: withCA(`endpoint = "http://campaign.example.com"` + "\n login = \"a\"\n password = \"b\""), ExpectError: errorLike("http:// is accepted only for a loopback host")},
			{Config: withCA(fmt.Sprintf("endpoint = %q", srv.URL)), ExpectError: errorLike("Missing Campaign authentication")},
			{Config: withCA(fmt.Sprintf("endpoint = %q\n login = \"a\"", srv.URL)), ExpectError: errorLike("login and password go together")},
			{Config: withCA(fmt.Sprintf("endpoint = %q\n login = \"a\"\n password = \"b\"\n ca_certificate = \"/no/such/ca.pem\"", srv.URL)), ExpectError: errorLike("neither PEM text")},
			{Config: withCA(fmt.Sprintf("endpoint = %q\n login = %q\n password = %q", srv.URL, accLogin, accPassword)), ExpectError: errorLike("ca_certificate")},
			{Config: withCA(fmt.Sprintf("endpoint = %q\n access_token = \"t\"\n request_timeout = \"soon\"", srv.URL)), ExpectError: errorLike("must be a positive duration")},
			{Config: unknownEndpoint, ExpectError: errorLike("Unknown Campaign provider value")},
		},
	})
	if s := srv.Emulator.Stats(); s.Total != 0 {
		t.Fatalf("rejected configurations made SOAP calls: %+v", s)
	}
}
