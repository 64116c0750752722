// Package provider is the Terraform provider for Adobe Campaign Classic's
// Adobe ID (IMS) connection: the Experience Cloud integration package, the
// Adobe Experience Cloud external account, the operator groups its mask maps
// product profiles to, the technical operators of API integrations, and the
// Admin Console's side of the mapping.
package provider

import (
	"context"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/acc-terraform/terraform-provider-campaign/internal/adminconsole"
	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
	"github.com/acc-terraform/terraform-provider-campaign/internal/validate"
)

// The record resources, which share their steps (record_resource.go).
var (
	_ resource.ResourceWithConfigure      = (*imsExternalAccountResource)(nil)
	_ resource.ResourceWithImportState    = (*imsExternalAccountResource)(nil)
	_ resource.ResourceWithIdentity       = (*imsExternalAccountResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*imsExternalAccountResource)(nil)
	_ resource.ResourceWithValidateConfig = (*imsExternalAccountResource)(nil)
	_ resource.ResourceWithConfigure      = (*operatorGroupResource)(nil)
	_ resource.ResourceWithImportState    = (*operatorGroupResource)(nil)
	_ resource.ResourceWithIdentity       = (*operatorGroupResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*operatorGroupResource)(nil)
	_ resource.ResourceWithValidateConfig = (*operatorGroupResource)(nil)
	_ resource.ResourceWithConfigure      = (*technicalOperatorResource)(nil)
	_ resource.ResourceWithImportState    = (*technicalOperatorResource)(nil)
	_ resource.ResourceWithIdentity       = (*technicalOperatorResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*technicalOperatorResource)(nil)
)

var (
	_ provider.Provider                   = (*campaignProvider)(nil)
	_ provider.ProviderWithFunctions      = (*campaignProvider)(nil)
	_ provider.ProviderWithValidateConfig = (*campaignProvider)(nil)
	_ provider.ProviderWithListResources  = (*campaignProvider)(nil)
)

// NewProtocol6Server is the provider's protocol 6 server for the built
// binary: the framework's server, whose StopProvider (Terraform's answer to
// Ctrl-C) also logs off the sessions of sessions. Sessions left when
// Terraform shuts the plugin down are closed by main, after Serve returns.
func NewProtocol6Server(version string, sessions *Sessions) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		p := &campaignProvider{version: version, sessions: sessions}
		server := providerserver.NewProtocol6(p)()
		framework, ok := server.(frameworkServer)
		if !ok {
			// Not this framework version: serve it as it is; main still
			// logs the sessions off when Serve returns.
			return server
		}
		return &stoppingServer{frameworkServer: framework, sessions: sessions}
	}
}

type campaignProvider struct {
	version string
	// sessions records the clients Configure builds, to log them off at
	// the end of the process; nil in tests that run the provider in-process.
	sessions *Sessions
}

// New returns the provider factory; version is set by the release build.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &campaignProvider{version: version} }
}

func (p *campaignProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "campaign"
	resp.Version = p.version
}

func (p *campaignProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	durationValidator := []validator.String{durationString()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Configures the Adobe ID (IMS) connection of an Adobe Campaign Classic instance (v7 and v8) " +
			"through its SOAP API. Authenticate with exactly one of `login` + `password`, `access_token`, or an `ims` block. " +
			"`admin_console` reads the Adobe organization's product profiles (`campaign_product_profiles`); a block may hold it alone. " +
			"Every value can also come from its `CAMPAIGN_*` environment variable; the configuration wins.",
		Attributes: map[string]schema.Attribute{
			"endpoint": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Base URL of the Campaign instance, e.g. `https://acme-mkt-prod1.campaign.adobe.com`. " +
					"Must be `https://`; `http://` is accepted only for a loopback host (a local emulator). Environment: `" + EnvEndpoint + "`.",
				Validators: []validator.String{stringRule(validate.Endpoint, validate.EndpointAccepts)},
			},
			"login": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Operator login for `xtk:session#Logon` (Campaign v7, or v8 technical operators allowed to log on natively). Needs `password`. Environment: `" + EnvLogin + "`.",
			},
			"password": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "Password of `login`. A refused password is never retried: Campaign locks a login after 3 failures in 10 minutes. Environment: `" + EnvPassword + "`.",
			},
			"access_token": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "An IMS access token, sent as `Authorization: Bearer` (Campaign v8, IMS-migrated v7). Environment: `" + EnvAccessToken + "`.",
			},
			"ims": schema.SingleNestedAttribute{
				Optional: true,
				MarkdownDescription: "OAuth server-to-server credentials (Adobe Developer Console technical account): the provider exchanges them for an IMS access token, renewed before it expires. " +
					"The provider then runs as the technical account's operator, whose rights come from its product profiles (`campaign_instance.operator`).",
				Attributes: oauthCredentialAttributes(oauthCredentialDocs{
					clientIDEnv: EnvIMSClientID, clientSecretEnv: EnvIMSClientSecret,
					scopes: "Scopes requested with the token, as listed on the Developer Console credential, e.g. `[\"AdobeID\", \"openid\", \"ims_org\"]`.",
				}),
			},
			"admin_console": adminConsoleSchema(),
			"ca_certificate": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "PEM certificate(s) of a private CA that signed the instance's certificate, added to the system roots, " +
					"or the path of a PEM file. TLS verification cannot be turned off. Environment: `" + EnvCACertificate + "`.",
			},
			"max_retries": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: "Retries of a call that got no answer, a 429 or a 502/503/504. SOAP faults are never retried. Default: 4; 0 disables retries.",
				Validators:          []validator.Int64{int64validator.Between(0, 20)},
			},
			"retry_wait_max": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Longest wait between retries, `Retry-After` included (a Go duration such as `30s`). Default: `30s`.",
				Validators:          durationValidator,
			},
			"request_timeout": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Timeout of one attempt of one call (a Go duration such as `60s`). Package installation has its own `timeouts`. Default: `60s`.",
				Validators:          durationValidator,
			},
		},
	}
}

// ValidateConfig rejects combinations that can never work, before any call.
func (p *campaignProvider) ValidateConfig(ctx context.Context, req provider.ValidateConfigRequest, resp *provider.ValidateConfigResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	checkOneAuthentication(cfg, &resp.Diagnostics)
}

func (p *campaignProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var (
		ims imsModel
		ac  adminConsoleModel
	)
	if isSet(cfg.IMS) {
		resp.Diagnostics.Append(cfg.IMS.As(ctx, &ims, objectAsOptions)...)
	}
	if isSet(cfg.AdminConsole) {
		resp.Diagnostics.Append(cfg.AdminConsole.As(ctx, &ac, objectAsOptions)...)
	}
	if rejectUnknown(cfg, ims, ac, &resp.Diagnostics); resp.Diagnostics.HasError() {
		return
	}
	if checkOneAuthentication(cfg, &resp.Diagnostics); resp.Diagnostics.HasError() {
		return
	}
	conn, ok := p.connectionOf(cfg, &resp.Diagnostics)
	if !ok {
		return
	}
	data := &providerData{}
	// A block without endpoint (here or in the environment) and without a
	// Campaign authentication of its own is the organization's alone.
	adminConsoleOnly := adminConsoleConfigured(cfg) && valueOrEnv(cfg.Endpoint, EnvEndpoint) == "" && !campaignAuthInConfig(cfg)
	if !adminConsoleOnly {
		clientCfg := clientConfig(ctx, cfg, ims, conn, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
		clientCfg.IdleLogoff = p.sessions.IdleLogoff()
		client, err := campaign.New(clientCfg)
		if err != nil {
			resp.Diagnostics.AddError("Invalid Campaign provider configuration", err.Error())
			return
		}
		p.sessions.add(client)
		data.client = client
	}
	if adminConsoleConfigured(cfg) {
		data.adminConsole = adminConsoleClient(ctx, ac, conn, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ListResourceData = data
}

// connection is what a block sets for every client it builds (the Campaign
// instance's and the Admin Console's): the CA, the retries, the timeout.
type connection struct {
	caPEM          []byte
	maxRetries     int
	retryWaitMax   time.Duration
	requestTimeout time.Duration
	userAgent      string
}

// connectionOf reads the block's connection settings, the CA file once.
func (p *campaignProvider) connectionOf(cfg providerModel, diags *diag.Diagnostics) (connection, bool) {
	conn := connection{
		maxRetries:     maxRetries(cfg.MaxRetries),
		retryWaitMax:   parseDuration(cfg.RetryWaitMax),
		requestTimeout: parseDuration(cfg.RequestTimeout),
		userAgent:      p.userAgent(),
	}
	if ca := valueOrEnv(cfg.CACertificate, EnvCACertificate); ca != "" {
		pem, err := readPEM(ca)
		if err != nil {
			diags.AddAttributeError(path.Root("ca_certificate"), "Invalid ca_certificate", err.Error())
			return conn, false
		}
		conn.caPEM = pem
	}
	return conn, true
}

// adminConsoleClient builds the Admin Console client with the block's
// connection settings.
func adminConsoleClient(ctx context.Context, ac adminConsoleModel, conn connection, diags *diag.Diagnostics) *adminconsole.Client {
	base := adminconsole.Config{
		UserAgent: conn.userAgent, Logger: tflogLogger{}, CACertificatePEM: conn.caPEM,
		MaxRetries: conn.maxRetries, RetryWaitMax: conn.retryWaitMax, RequestTimeout: conn.requestTimeout,
	}
	acCfg := adminConsoleConfig(ctx, ac, base, diags)
	if diags.HasError() {
		return nil
	}
	client, err := adminconsole.New(acCfg)
	if err != nil {
		diags.AddAttributeError(path.Root("admin_console"), "Invalid admin_console", err.Error())
		return nil
	}
	return client
}

// campaignAuthInConfig: the block sets a Campaign authentication.
func campaignAuthInConfig(cfg providerModel) bool {
	for _, m := range authModes() {
		if m.inConfig(cfg) {
			return true
		}
	}
	return false
}

func (p *campaignProvider) userAgent() string {
	return "terraform-provider-campaign/" + p.version + " (+https://registry.terraform.io/providers/acc-terraform/campaign)"
}

// maxRetries is the client's value of max_retries (0 in the clients means
// "default", so an explicit 0 becomes -1, none).
func maxRetries(v types.Int64) int {
	if v.IsNull() {
		return 0
	}
	if n := int(v.ValueInt64()); n > 0 {
		return n
	}
	return -1
}

// rejectUnknown: the provider cannot connect with a value known only after apply.
func rejectUnknown(cfg providerModel, ims imsModel, ac adminConsoleModel, diags *diag.Diagnostics) {
	values := map[string]attr.Value{
		"endpoint": cfg.Endpoint, "login": cfg.Login, "password": cfg.Password, "access_token": cfg.AccessToken,
		"ims": cfg.IMS, "ca_certificate": cfg.CACertificate, "max_retries": cfg.MaxRetries,
		"retry_wait_max": cfg.RetryWaitMax, "request_timeout": cfg.RequestTimeout,
		"ims.client_id": ims.ClientID, "ims.client_secret": ims.ClientSecret, "ims.scopes": ims.Scopes, "ims.token_url": ims.TokenURL,
		"admin_console": cfg.AdminConsole, "admin_console.org_id": ac.OrgID, "admin_console.client_id": ac.ClientID,
		"admin_console.client_secret": ac.ClientSecret, "admin_console.scopes": ac.Scopes, "admin_console.token_url": ac.TokenURL,
		"admin_console.umapi_endpoint": ac.UMAPIEndpoint,
	}
	for name, v := range values {
		if v != nil && v.IsUnknown() {
			p := path.Root(name)
			if parent, child, ok := strings.Cut(name, "."); ok {
				p = path.Root(parent).AtName(child)
			}
			diags.AddAttributeError(p, "Unknown Campaign provider value",
				"The provider cannot connect while "+name+" is unknown (it depends on a value known only after apply). "+
					"Set it from a value known at plan time, or from its CAMPAIGN_* environment variable.")
		}
	}
}

// clientConfig turns the known configuration, completed by the environment,
// into the client's configuration.
func clientConfig(ctx context.Context, cfg providerModel, ims imsModel, conn connection, diags *diag.Diagnostics) campaign.Config {
	out := campaign.Config{
		Endpoint:  valueOrEnv(cfg.Endpoint, EnvEndpoint),
		UserAgent: conn.userAgent,
		Logger:    tflogLogger{},
		// the block's connection settings
		CACertificatePEM: conn.caPEM, MaxRetries: conn.maxRetries, RetryWaitMax: conn.retryWaitMax, RequestTimeout: conn.requestTimeout,
	}
	if out.Endpoint == "" {
		diags.AddAttributeError(path.Root("endpoint"), "Missing Campaign endpoint",
			"Set endpoint in the provider block or the "+EnvEndpoint+" environment variable to the instance URL, e.g. https://acme-mkt-prod1.campaign.adobe.com. "+
				"(A block for the Admin Console only holds admin_console and no Campaign authentication.)")
		return out
	}
	if err := validate.Endpoint(out.Endpoint); err != nil {
		diags.AddAttributeError(path.Root("endpoint"), "Invalid Campaign endpoint", "endpoint "+err.Error()+", got: "+quote(out.Endpoint))
		return out
	}
	// The block chooses the authentication when it sets one; the environment
	// fills in the values the block leaves unset, or chooses when it is silent.
	mode, ok := chooseAuthMode(cfg)
	if !ok {
		diags.AddError("Missing Campaign authentication",
			"Set "+modeLabels(func(m authMode) string { return m.label })+" in the provider configuration, "+
				"or the environment variables "+strings.ReplaceAll(modeLabels(func(m authMode) string { return m.env }), ", or ", " or ")+".")
		return out
	}
	if attr, problem := mode.fill(ctx, cfg, ims, &out); problem != "" {
		diags.AddAttributeError(path.Root(attr), "Incomplete Campaign authentication ("+string(mode.client)+")", problem)
		return out
	}
	out.AuthAdvice = mode.refusedHint
	return out
}

func parseDuration(v types.String) time.Duration {
	if v.IsNull() {
		return 0
	}
	d, _ := time.ParseDuration(v.ValueString()) // validated by the schema
	return d
}

// readPEM accepts PEM text or the path of a PEM file.
func readPEM(v string) ([]byte, error) {
	if strings.Contains(v, "-----BEGIN") {
		return []byte(v), nil
	}
	data, err := os.ReadFile(v) //nolint:gosec // reading the file the user named is the point
	if err != nil {
		return nil, &pemError{"ca_certificate is neither PEM text (-----BEGIN CERTIFICATE-----…) nor a readable file: " + err.Error()}
	}
	if !strings.Contains(string(data), "-----BEGIN") {
		return nil, &pemError{"the file " + quote(v) + " named by ca_certificate holds no PEM certificate"}
	}
	return data, nil
}

type pemError struct{ msg string }

func (e *pemError) Error() string { return e.msg }

func (p *campaignProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{NewIMSExternalAccountResource, NewPackageResource, NewOperatorGroupResource, NewTechnicalOperatorResource}
}

func (p *campaignProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{NewInstanceDataSource, NewPackagesDataSource, NewIMSExternalAccountDataSource, NewOperatorGroupsDataSource,
		NewOperatorsDataSource, NewIMSLoginDataSource, NewProductProfilesDataSource, NewAdminConsoleUsersDataSource}
}

func (p *campaignProvider) ListResources(context.Context) []func() list.ListResource {
	return []func() list.ListResource{NewIMSExternalAccountListResource, NewPackageListResource, NewOperatorGroupListResource, NewTechnicalOperatorListResource}
}

func (p *campaignProvider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{NewIMSGroupNameFunction, NewIMSMatchingMaskFunction, NewIMSProductProfileFunction}
}

// oauthCredentialDocs says what differs between the provider's OAuth
// server-to-server credentials (ims, admin_console): their environment
// variables and what a client id and the scopes mean there.
type oauthCredentialDocs struct {
	clientIDEnv, clientSecretEnv, tokenURLEnv string
	clientIDNote, scopes                      string
}

// oauthCredentialAttributes are the attributes of an OAuth server-to-server
// credential (client_id, client_secret, scopes, token_url), written once
// for the ims and admin_console blocks.
func oauthCredentialAttributes(d oauthCredentialDocs) map[string]schema.Attribute {
	tokenURL := "IMS token endpoint. Default: `" + campaign.DefaultIMSTokenURL + "`."
	if d.tokenURLEnv != "" {
		tokenURL += " Environment: `" + d.tokenURLEnv + "`."
	}
	return map[string]schema.Attribute{
		"client_id": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "OAuth client id" + d.clientIDNote + ". Environment: `" + d.clientIDEnv + "`.",
		},
		"client_secret": schema.StringAttribute{
			Optional: true, Sensitive: true,
			MarkdownDescription: "OAuth client secret. Environment: `" + d.clientSecretEnv + "`.",
		},
		"scopes": schema.ListAttribute{
			Optional: true, ElementType: types.StringType, MarkdownDescription: d.scopes,
		},
		"token_url": schema.StringAttribute{
			Optional: true, MarkdownDescription: tokenURL,
			Validators: []validator.String{stringRule(validate.TokenURL, validate.TokenURLAccepts)},
		},
	}
}
