package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Environment variables read when the configuration leaves a value unset.
const (
	EnvEndpoint        = "CAMPAIGN_ENDPOINT"
	EnvLogin           = "CAMPAIGN_LOGIN"
	EnvPassword        = "CAMPAIGN_PASSWORD"
	EnvAccessToken     = "CAMPAIGN_ACCESS_TOKEN"
	EnvIMSClientID     = "CAMPAIGN_IMS_CLIENT_ID"
	EnvIMSClientSecret = "CAMPAIGN_IMS_CLIENT_SECRET"
	EnvCACertificate   = "CAMPAIGN_CA_CERTIFICATE"
)

// providerModel is the provider block; imsModel its ims block.
type providerModel struct {
	Endpoint       types.String `tfsdk:"endpoint"`
	Login          types.String `tfsdk:"login"`
	Password       types.String `tfsdk:"password"`
	AccessToken    types.String `tfsdk:"access_token"`
	IMS            types.Object `tfsdk:"ims"`
	CACertificate  types.String `tfsdk:"ca_certificate"`
	MaxRetries     types.Int64  `tfsdk:"max_retries"`
	RetryWaitMax   types.String `tfsdk:"retry_wait_max"`
	RequestTimeout types.String `tfsdk:"request_timeout"`
	AdminConsole   types.Object `tfsdk:"admin_console"`
}

type imsModel struct {
	ClientID     types.String `tfsdk:"client_id"`
	ClientSecret types.String `tfsdk:"client_secret"`
	Scopes       types.List   `tfsdk:"scopes"`
	TokenURL     types.String `tfsdk:"token_url"`
}
