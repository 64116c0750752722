package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/config"
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
	bearer := providerBlock(srv, fmt.Sprintf("access_token = %q", emulatortest.AccessToken))
	oauth := providerBlock(srv, fmt.Sprintf(`ims = {
    client_id     = %q
    client_secret = %q
    scopes        = ["openid", "AdobeID"]
    token_url     = "%s/ims/token/v3"
  }`, emulatortest.IMSClientID, emulatortest.IMSClientSecret, srv.URL))
	resource.ParallelTest(t, resource.TestCase{
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
	t.Setenv(EnvLogin, emulatortest.Login)
	t.Setenv(EnvPassword, emulatortest.Password)
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
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: withCA(fmt.Sprintf("endpoint = %q\n login = \"a\"\n password = \"b\"\n access_token = \"t\"", srv.URL)), ExpectError: errorLike("Conflicting Campaign authentication")},
			{Config: withCA(`endpoint = "http://campaign.example.com"` + "\n login = \"a\"\n password = \"b\""), ExpectError: errorLike("http:// is accepted only for a loopback host")},
			{Config: withCA(fmt.Sprintf("endpoint = %q", srv.URL)), ExpectError: errorLike("Missing Campaign authentication")},
			{Config: withCA(fmt.Sprintf("endpoint = %q\n login = \"a\"", srv.URL)), ExpectError: errorLike("login and password go together")},
			{Config: withCA(fmt.Sprintf("endpoint = %q\n login = \"a\"\n password = \"b\"\n ca_certificate = \"/no/such/ca.pem\"", srv.URL)), ExpectError: errorLike("neither PEM text")},
			{Config: withCA(fmt.Sprintf("endpoint = %q\n login = %q\n password = %q", srv.URL, emulatortest.Login, emulatortest.Password)), ExpectError: errorLike("ca_certificate")},
			{Config: withCA(fmt.Sprintf("endpoint = %q\n access_token = \"t\"\n request_timeout = \"soon\"", srv.URL)), ExpectError: errorLike("must be a positive duration")},
			{Config: unknownEndpoint, ExpectError: errorLike("Unknown Campaign provider value")},
		},
	})
	if s := srv.Emulator.Stats(); s.Total != 0 {
		t.Fatalf("rejected configurations made SOAP calls: %+v", s)
	}
}

// TestAccProvider_authenticationFromVariables is the usual module that
// serves v7 (password) and v8 (token) instances: the authentication is
// chosen by conditions on variables, unknown while Terraform validates.
func TestAccProvider_authenticationFromVariables(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t, emulator.Config{})
	cfg := `
variable "access_token" {
  type      = string
  default   = ""
  sensitive = true
}
variable "login" {
  type    = string
  default = ""
}
` + providerBlock(srv, fmt.Sprintf(`login        = var.access_token == "" ? %q : null
  password     = var.access_token == "" ? %q : null
  access_token = var.access_token != "" ? var.access_token : null`, emulatortest.Login, emulatortest.Password)) + packagesOutputConfig
	conflict := `
variable "login" { type = string }
variable "access_token" { type = string }
` + providerBlock(srv, fmt.Sprintf(`login = var.login
  password     = %q
  access_token = var.access_token`, emulatortest.Password)) + packagesOutputConfig
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: cfg, Check: checkPackagesContain("nms:core")},
			{
				Config: cfg, ConfigVariables: config.Variables{"access_token": config.StringVariable(emulatortest.AccessToken)},
				Check: checkPackagesContain("nms:core"),
			},
		},
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			// Both known only after validation: Configure refuses them.
			Config:          conflict,
			ConfigVariables: config.Variables{"login": config.StringVariable(emulatortest.Login), "access_token": config.StringVariable(emulatortest.AccessToken)},
			ExpectError:     errorLike("Conflicting Campaign authentication"),
		}},
	})
}

// TestProviderValidateConfig_unknownValues calls ValidateConfig with the
// unknown values Terraform sends during validation: an unknown value is
// never counted as a conflict; two known ones are.
func TestProviderValidateConfig_unknownValues(t *testing.T) {
	ctx := context.Background()
	p := New("test")()
	var schemaResp provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &schemaResp)
	objType, ok := schemaResp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatal("the provider schema is not an object")
	}
	validator, ok := p.(provider.ProviderWithValidateConfig)
	if !ok {
		t.Fatal("the provider does not validate its configuration")
	}
	imsType := objType.AttributeTypes["ims"]
	unknown := func(name string) tftypes.Value {
		return tftypes.NewValue(objType.AttributeTypes[name], tftypes.UnknownValue)
	}
	known := func(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	imsKnown := tftypes.NewValue(imsType, map[string]tftypes.Value{
		"client_id": known("id"), "client_secret": known("secret"),
		"scopes": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, nil), "token_url": tftypes.NewValue(tftypes.String, nil),
	})
	tests := []struct {
		name      string
		values    map[string]tftypes.Value
		wantError bool
	}{
		{"login and access_token unknown", map[string]tftypes.Value{"login": unknown("login"), "password": unknown("password"), "access_token": unknown("access_token")}, false},
		{"login known, access_token unknown", map[string]tftypes.Value{"login": known("a"), "password": known("b"), "access_token": unknown("access_token")}, false},
		{"ims unknown, login known", map[string]tftypes.Value{"login": known("a"), "password": known("b"), "ims": tftypes.NewValue(imsType, tftypes.UnknownValue)}, false},
		{"password unknown, ims known", map[string]tftypes.Value{"password": unknown("password"), "ims": imsKnown}, false},
		{"login and access_token known", map[string]tftypes.Value{"login": known("a"), "password": known("b"), "access_token": known("t")}, true},
		{"access_token and ims known", map[string]tftypes.Value{"access_token": known("t"), "ims": imsKnown}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vals := map[string]tftypes.Value{}
			for name, typ := range objType.AttributeTypes {
				vals[name] = tftypes.NewValue(typ, nil)
			}
			for name, v := range tt.values {
				vals[name] = v
			}
			req := provider.ValidateConfigRequest{Config: tfsdk.Config{Schema: schemaResp.Schema, Raw: tftypes.NewValue(objType, vals)}}
			var resp provider.ValidateConfigResponse
			validator.ValidateConfig(ctx, req, &resp)
			if got := resp.Diagnostics.HasError(); got != tt.wantError {
				t.Fatalf("error = %v, want %v: %v", got, tt.wantError, resp.Diagnostics)
			}
			if tt.wantError && resp.Diagnostics[0].Summary() != "Conflicting Campaign authentication" {
				t.Errorf("summary = %q", resp.Diagnostics[0].Summary())
			}
		})
	}
}

// TestAccProvider_errorsNameTheInstance: with several instances in one
// configuration, the user must see which one failed. Every kind of client
// error names the endpoint it came from.
func TestAccProvider_errorsNameTheInstance(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t, emulator.Config{})
	dataSource := `data "campaign_ims_external_account" "this" {}` + "\n"
	withoutCA := fmt.Sprintf("provider \"campaign\" {\n  endpoint = %q\n  login = %q\n  password = %q\n}\n", srv.URL, emulatortest.Login, emulatortest.Password)
	cases := []struct {
		name   string
		config string
		faults []emulator.FaultRule
		phrase string
	}{
		{"wrong password", providerBlock(srv, fmt.Sprintf("login = %q\n  password = \"wrong\"", emulatortest.Login)), nil, "Check login and password"},
		{"refused token", providerBlock(srv, `access_token = "eyJnot-a-valid-token"`), nil, "The IMS access token was refused"},
		{"untrusted certificate", withoutCA, nil, "TLS verification cannot be disabled"},
		{"timeout", providerConfig(srv, `request_timeout = "1s"`, "max_retries = 0"),
			[]emulator.FaultRule{{Action: emulator.ActionExecuteQuery, Kind: emulator.FaultDelay, Delay: 3 * time.Second}}, "raise request_timeout"},
		{"SOAP fault", providerConfig(srv),
			[]emulator.FaultRule{{Action: emulator.ActionExecuteQuery, Kind: emulator.FaultSOAP, FaultString: "XSV-350004 Query failed."}}, "XSV-350004"},
		{"redirect", providerConfig(srv),
			[]emulator.FaultRule{{Action: emulator.ActionLogon, Kind: emulator.FaultRedirect, Status: 302, Location: "https://login.example.com/sso"}},
			"does not follow redirections"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					PreConfig:   func() { srv.Emulator.ClearFaults(); srv.Emulator.InjectFaults(tc.faults...) },
					Config:      tc.config + dataSource,
					ExpectError: regexp.MustCompile(`(?s)on\s+` + regexp.QuoteMeta(srv.URL) + `.*` + errorLike(tc.phrase).String()),
				}},
			})
		})
	}
}
