package emulatortest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/adobe"
)

// The credentials every test instance accepts: one set for the client,
// acceptance, end-to-end tests and the benchmark. Each is distinctive, so
// that a test finding one in a log or a state has found a leak.
const (
	Login           = "tf-admin"
	Password        = "kit-password-never-logged"
	AccessToken     = "eyJkit-bearer-never-logged"
	IMSClientID     = "kit-ims-client"
	IMSClientSecret = "kit-ims-secret-never-logged"
)

// An API integration of the kit's organizations: the OAuth server-to-server
// credential of a Developer Console project whose technical account holds
// the product profile that maps to the group "integrations" on an instance
// whose mask is "Campaign - acme - (.*)" (IMSSetup).
const (
	TechnicalClientID     = "kit-integration-client"
	TechnicalClientSecret = "kit-integration-secret-never-logged"
	IntegrationsProfile   = "Campaign - acme - integrations"
)

// IMSSetup starts an organization and an instance wired to it, as Campaign
// is to IMS: the instance's Adobe Experience Cloud account has the mask
// "Campaign - acme - (.*)" and the group "integrations" exists (named right
// report), and the organization has the kit's technical account holding
// IntegrationsProfile, and the technical accounts of org.
func IMSSetup(t testing.TB, org adobe.Config, inst emulator.Config) (*adobe.Emulator, *emulator.Server, *emulator.Server) {
	t.Helper()
	org.TechnicalAccounts = append(org.TechnicalAccounts, adobe.TechnicalAccount{
		ClientID: TechnicalClientID, ClientSecret: TechnicalClientSecret, Profiles: []string{IntegrationsProfile}})
	em, orgSrv := StartOrganization(t, org)
	inst.AdobeURL, inst.AdobeCAPEM = orgSrv.URL, orgSrv.CAPEM
	if inst.OperatorGroups == nil {
		inst.OperatorGroups = append(emulator.DefaultOperatorGroups(), emulator.OperatorGroup{Name: "integrations", Label: "API integrations", NamedRights: []string{"report"}})
	}
	srv := StartInstance(t, inst)
	if err := srv.Emulator.PutAccount(map[string]string{
		"name": "Adobe_Marketing_Cloud", "type": fmt.Sprint(srv.Emulator.Config().AccountType), "clientId": "Campaign1",
		"callbackServer": "https://acme.example.com", "imsOrgId": em.Config().OrgID, "imsRightsMask": "Campaign - acme - (.*)",
	}); err != nil {
		t.Fatal(err)
	}
	return em, orgSrv, srv
}

// WithCredentials is cfg with the kit's credentials where cfg sets none.
func WithCredentials(cfg emulator.Config) emulator.Config {
	if cfg.Login == "" {
		cfg.Login, cfg.Password = Login, Password
	}
	cfg.AccessTokens = append(cfg.AccessTokens, AccessToken)
	if cfg.IMSClientID == "" {
		cfg.IMSClientID, cfg.IMSClientSecret = IMSClientID, IMSClientSecret
	}
	return cfg
}

// StartInstance is Start with the kit's credentials.
func StartInstance(t testing.TB, cfg emulator.Config) *emulator.Server {
	t.Helper()
	return Start(t, WithCredentials(cfg))
}

// Auth is how a provider block written by ProviderBlock authenticates.
type Auth string

// The authentication modes of ProviderBlock.
const (
	AuthPassword        Auth = "login/password"               // login and password in the block
	AuthPasswordFromEnv Auth = "login/password (environment)" // login in the block, password from CAMPAIGN_PASSWORD
	AuthAccessToken     Auth = "access token"
	AuthIMSOAuth        Auth = "IMS OAuth"
)

// AuthLines are the provider arguments of a mode against srv.
func AuthLines(srv *emulator.Server, auth Auth) string {
	switch auth {
	case AuthPassword:
		return fmt.Sprintf("login    = %q\n  password = %q", Login, Password)
	case AuthAccessToken:
		return fmt.Sprintf("access_token = %q", AccessToken)
	case AuthIMSOAuth:
		return fmt.Sprintf("ims = {\n    client_id     = %q\n    client_secret = %q\n    scopes        = [\"openid\", \"AdobeID\"]\n    token_url     = \"%s/ims/token/v3\"\n  }",
			IMSClientID, IMSClientSecret, srv.URL)
	}
	return fmt.Sprintf("login = %q", Login)
}

// Header is a root module's required_providers block.
const Header = "terraform {\n  required_providers {\n    campaign = { source = \"acc-terraform/campaign\" }\n  }\n}\n"

// ProviderBlock is a provider "campaign" block for srv (its endpoint and
// CA) authenticating with auth; extra lines (alias, retry settings…) go
// inside the block.
func ProviderBlock(srv *emulator.Server, auth Auth, extra ...string) string {
	return ProviderBlockWith(srv, AuthLines(srv, auth), extra...)
}

// ProviderBlockWith is ProviderBlock with authentication lines of the
// caller's (a wrong password, a conflicting configuration…).
func ProviderBlockWith(srv *emulator.Server, authLines string, extra ...string) string {
	return fmt.Sprintf(`
provider "campaign" {
  endpoint       = %q
  ca_certificate = %q
  %s
  %s
}
`, srv.URL, string(srv.CAPEM), authLines, strings.Join(extra, "\n  "))
}

// The Admin Console credential every emulated organization accepts.
const (
	AdminConsoleClientID     = "kit-umapi-client"
	AdminConsoleClientSecret = "kit-umapi-secret-never-logged"
)

// StartOrganization serves an emulated Adobe organization (IMS and the User
// Management API) with the kit's Admin Console credential, over TLS.
func StartOrganization(t testing.TB, cfg adobe.Config) (*adobe.Emulator, *emulator.Server) {
	t.Helper()
	if cfg.ClientID == "" {
		cfg.ClientID, cfg.ClientSecret = AdminConsoleClientID, AdminConsoleClientSecret
	}
	em := adobe.New(cfg)
	srv, err := emulator.Serve("127.0.0.1:0", em, emulator.TLSMode{Enabled: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return em, srv
}

// AdminConsoleLines is the admin_console attribute for an emulated organization.
func AdminConsoleLines(em *adobe.Emulator, srv *emulator.Server) string {
	return fmt.Sprintf("admin_console = {\n    org_id         = %q\n    client_id      = %q\n    client_secret  = %q\n    token_url      = \"%s/ims/token/v3\"\n    umapi_endpoint = %q\n  }",
		em.Config().OrgID, em.Config().ClientID, em.Config().ClientSecret, srv.URL, srv.URL)
}

// AdminConsoleProviderBlock is a provider block for the organization alone.
func AdminConsoleProviderBlock(em *adobe.Emulator, srv *emulator.Server, extra ...string) string {
	return fmt.Sprintf("\nprovider \"campaign\" {\n  ca_certificate = %q\n  %s\n  %s\n}\n", string(srv.CAPEM), AdminConsoleLines(em, srv), strings.Join(extra, "\n  "))
}
