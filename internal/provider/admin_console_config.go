package provider

import (
	"context"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/acc-terraform/terraform-provider-campaign/internal/adminconsole"
	"github.com/acc-terraform/terraform-provider-campaign/internal/validate"
)

// Environment variables of the admin_console block.
const (
	EnvAdminConsoleOrgID         = "CAMPAIGN_ADMIN_CONSOLE_ORG_ID"
	EnvAdminConsoleClientID      = "CAMPAIGN_ADMIN_CONSOLE_CLIENT_ID"
	EnvAdminConsoleClientSecret  = "CAMPAIGN_ADMIN_CONSOLE_CLIENT_SECRET"
	EnvAdminConsoleTokenURL      = "CAMPAIGN_ADMIN_CONSOLE_TOKEN_URL"
	EnvAdminConsoleUMAPIEndpoint = "CAMPAIGN_ADMIN_CONSOLE_UMAPI_ENDPOINT"
)

// adminConsoleModel is the admin_console block: the organization's User
// Management API credential (not an instance's).
type adminConsoleModel struct {
	OrgID         types.String `tfsdk:"org_id"`
	ClientID      types.String `tfsdk:"client_id"`
	ClientSecret  types.String `tfsdk:"client_secret"`
	Scopes        types.List   `tfsdk:"scopes"`
	TokenURL      types.String `tfsdk:"token_url"`
	UMAPIEndpoint types.String `tfsdk:"umapi_endpoint"`
}

func adminConsoleSchema() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "The Adobe organization's Admin Console, read through Adobe's User Management API (UMAPI) by " +
			"`campaign_product_profiles` and `campaign_admin_console_users`: an OAuth server-to-server credential of a Developer Console project with the User " +
			"Management API. A block may hold only `admin_console`, without `endpoint`: one alias for the organization serves " +
			"every environment (UMAPI allows 5 listings a minute per client). `ca_certificate` is trusted for these endpoints too.",
		Attributes: adminConsoleAttributes(),
	}
}

// adminConsoleAttributes are the OAuth credential's attributes and the
// organization's (org_id, umapi_endpoint).
func adminConsoleAttributes() map[string]schema.Attribute {
	attrs := oauthCredentialAttributes(oauthCredentialDocs{
		clientIDEnv: EnvAdminConsoleClientID, clientSecretEnv: EnvAdminConsoleClientSecret, tokenURLEnv: EnvAdminConsoleTokenURL,
		clientIDNote: " of the credential (also sent as `X-Api-Key`)",
		scopes:       "Scopes requested with the token. Default: `[\"openid\", \"AdobeID\", \"user_management_sdk\"]`.",
	})
	attrs["org_id"] = schema.StringAttribute{
		Optional:            true,
		MarkdownDescription: "IMS organization id, `…@AdobeOrg`. Environment: `" + EnvAdminConsoleOrgID + "`.",
		Validators:          []validator.String{stringRule(validate.IMSOrgID, validate.IMSOrgIDAccepts)},
	}
	attrs["umapi_endpoint"] = schema.StringAttribute{
		Optional:            true,
		MarkdownDescription: "User Management API base URL. Default: `" + adminconsole.DefaultEndpoint + "`. Environment: `" + EnvAdminConsoleUMAPIEndpoint + "`.",
		Validators:          []validator.String{stringRule(validate.UMAPIEndpoint, validate.UMAPIEndpointAccepts)},
	}
	return attrs
}

// adminConsoleConfigured: the block or the environment sets the Admin Console.
func adminConsoleConfigured(cfg providerModel) bool {
	return isSet(cfg.AdminConsole) || os.Getenv(EnvAdminConsoleOrgID) != "" || os.Getenv(EnvAdminConsoleClientID) != ""
}

// adminConsoleConfig completes the block from the environment; the retry
// settings and CA are the block's.
func adminConsoleConfig(ctx context.Context, m adminConsoleModel, base adminconsole.Config, diags *diag.Diagnostics) adminconsole.Config {
	out := base
	out.OrgID = valueOrEnv(m.OrgID, EnvAdminConsoleOrgID)
	out.ClientID = valueOrEnv(m.ClientID, EnvAdminConsoleClientID)
	out.ClientSecret = valueOrEnv(m.ClientSecret, EnvAdminConsoleClientSecret)
	out.TokenURL = valueOrEnv(m.TokenURL, EnvAdminConsoleTokenURL)
	out.Endpoint = valueOrEnv(m.UMAPIEndpoint, EnvAdminConsoleUMAPIEndpoint)
	if !m.Scopes.IsNull() {
		diags.Append(m.Scopes.ElementsAs(ctx, &out.Scopes, false)...)
	}
	at := path.Root("admin_console")
	for attr, v := range map[string]string{"org_id": out.OrgID, "client_id": out.ClientID, "client_secret": out.ClientSecret} {
		if v == "" {
			diags.AddAttributeError(at.AtName(attr), "Incomplete admin_console",
				"admin_console needs org_id, client_id and client_secret (or "+EnvAdminConsoleOrgID+", "+EnvAdminConsoleClientID+
					" and "+EnvAdminConsoleClientSecret+"): the OAuth server-to-server credential of the Developer Console project "+
					"that has the User Management API. "+attr+" is not set.")
		}
	}
	if err := validate.IMSOrgID(out.OrgID); out.OrgID != "" && err != nil {
		diags.AddAttributeError(at.AtName("org_id"), "Invalid admin_console.org_id", "org_id "+err.Error()+", got: "+quote(out.OrgID))
	}
	for attr, check := range map[string]struct {
		value string
		rule  func(string) error
	}{"token_url": {out.TokenURL, validate.TokenURL}, "umapi_endpoint": {out.Endpoint, validate.UMAPIEndpoint}} {
		if v := check.value; v != "" {
			if err := check.rule(v); err != nil {
				diags.AddAttributeError(at.AtName(attr), "Invalid admin_console."+attr, attr+" "+err.Error()+", got: "+quote(v))
			}
		}
	}
	return out
}
