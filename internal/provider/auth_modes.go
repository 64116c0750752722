package provider

import (
	"context"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

// authMode is one way to authenticate, as the provider block and the
// environment express it. A new mode is one more entry of authModes (and
// one of internal/campaign's authMethods).
type authMode struct {
	client campaign.AuthMode
	// label and env say how a configuration chooses the mode, in messages.
	label, env string
	// attr is the attribute that selects the mode and takes its errors.
	attr string
	// inConfig: the block sets the mode (known, non-null values only).
	inConfig func(cfg providerModel) bool
	// inEnv: the environment selects the mode when the block sets none.
	inEnv func() bool
	// fill copies the mode's values, each from the block or else from its
	// environment variable, and returns an error (attribute, message) when
	// they are incomplete.
	fill func(ctx context.Context, cfg providerModel, ims imsModel, out *campaign.Config) (attr, problem string)
	// refusedHint is added to the error when Campaign refuses the mode.
	refusedHint string
}

func authModes() []authMode {
	return []authMode{
		{
			client: campaign.AuthPassword,
			label:  "login + password", env: EnvLogin + "/" + EnvPassword,
			attr:     "login",
			inConfig: func(cfg providerModel) bool { return isSet(cfg.Login) || isSet(cfg.Password) },
			inEnv:    func() bool { return os.Getenv(EnvLogin) != "" || os.Getenv(EnvPassword) != "" },
			fill: func(_ context.Context, cfg providerModel, _ imsModel, out *campaign.Config) (string, string) {
				out.Login, out.Password = valueOrEnv(cfg.Login, EnvLogin), valueOrEnv(cfg.Password, EnvPassword)
				for attr, v := range map[string]string{"login": out.Login, "password": out.Password} {
					if v == "" {
						return attr, "login and password go together: set " + attr + " in the provider block or through CAMPAIGN_" + strings.ToUpper(attr) + "."
					}
				}
				return "", ""
			},
			refusedHint: "Check login and password (or CAMPAIGN_LOGIN / CAMPAIGN_PASSWORD). The provider tried once and will not retry: " +
				"Campaign locks a login after 3 failed attempts in 10 minutes. On Campaign v8, use an IMS access_token or an ims block instead.",
		},
		{
			client: campaign.AuthAccessToken,
			label:  "access_token", env: EnvAccessToken,
			attr:     "access_token",
			inConfig: func(cfg providerModel) bool { return isSet(cfg.AccessToken) },
			inEnv:    func() bool { return os.Getenv(EnvAccessToken) != "" },
			fill: func(_ context.Context, cfg providerModel, _ imsModel, out *campaign.Config) (string, string) {
				out.AccessToken = valueOrEnv(cfg.AccessToken, EnvAccessToken)
				return "", ""
			},
			refusedHint: "The IMS access token was refused; it may have expired. Provide a fresh access_token (CAMPAIGN_ACCESS_TOKEN), " +
				"or use an ims block so that the provider renews tokens itself.",
		},
		{
			client: campaign.AuthIMSOAuth,
			label:  "an ims block", env: EnvIMSClientID + "/" + EnvIMSClientSecret,
			attr:     "ims",
			inConfig: func(cfg providerModel) bool { return isSet(cfg.IMS) },
			inEnv:    func() bool { return os.Getenv(EnvIMSClientID) != "" || os.Getenv(EnvIMSClientSecret) != "" },
			fill: func(ctx context.Context, _ providerModel, ims imsModel, out *campaign.Config) (string, string) {
				out.IMS = &campaign.IMSCredentials{
					ClientID:     valueOrEnv(ims.ClientID, EnvIMSClientID),
					ClientSecret: valueOrEnv(ims.ClientSecret, EnvIMSClientSecret),
					TokenURL:     ims.TokenURL.ValueString(),
				}
				if !ims.Scopes.IsNull() {
					_ = ims.Scopes.ElementsAs(ctx, &out.IMS.Scopes, false)
				}
				if out.IMS.ClientID == "" || out.IMS.ClientSecret == "" {
					return "ims", "The ims block needs client_id and client_secret (or " + EnvIMSClientID + " and " + EnvIMSClientSecret + ")."
				}
				return "", ""
			},
			refusedHint: "Check ims.client_id, ims.client_secret, ims.scopes and ims.token_url against the Adobe Developer Console credential.",
		},
	}
}

// checkOneAuthentication reports a configuration that sets more than one
// authentication. Only known, non-null values count: at validation Terraform
// passes variables and references as unknown, and a module that picks its
// authentication with `cond ? value : null` must validate. Configure sees the
// known values and rejects a real conflict there.
func checkOneAuthentication(cfg providerModel, diags *diag.Diagnostics) {
	var set []authMode
	for _, m := range authModes() {
		if m.inConfig(cfg) {
			set = append(set, m)
		}
	}
	if len(set) > 1 {
		names := make([]string, len(set))
		for i, m := range set {
			names[i] = string(m.client)
		}
		diags.AddAttributeError(path.Root(set[1].attr), "Conflicting Campaign authentication",
			"Set exactly one authentication: "+modeLabels(func(m authMode) string { return m.label })+". This configuration sets "+strings.Join(names, " and ")+".")
	}
}

// chooseAuthMode is the mode the block sets, or else the first one the
// environment selects; ok is false when there is none.
func chooseAuthMode(cfg providerModel) (authMode, bool) {
	for _, m := range authModes() {
		if m.inConfig(cfg) {
			return m, true
		}
	}
	for _, m := range authModes() {
		if m.inEnv() {
			return m, true
		}
	}
	return authMode{}, false
}

// modeLabels lists the modes, e.g. "login + password, access_token, or an ims block".
func modeLabels(label func(authMode) string) string {
	var out []string
	for _, m := range authModes() {
		out = append(out, label(m))
	}
	if len(out) < 2 {
		return strings.Join(out, "")
	}
	return strings.Join(out[:len(out)-1], ", ") + ", or " + out[len(out)-1]
}

// isSet: known and not null.
func isSet(v attr.Value) bool {
	return !v.IsNull() && !v.IsUnknown()
}

func valueOrEnv(v types.String, env string) string {
	if !v.IsNull() {
		return v.ValueString()
	}
	return os.Getenv(env)
}
