package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

// The safeguards of the account on a real instance: Campaign ignores what
// its schema lacks and accepts a second account of the type, so a wrong
// guess would only show at the next Adobe ID login. Each check names the
// Terraform attribute, the Campaign attribute, the console field and the
// console message it prevents.

// addWriteError explains a refused or failed write.
func (r *imsExternalAccountResource) addWriteError(ctx context.Context, diags *diag.Diagnostics, name string, err error) {
	var duplicate *campaign.DuplicateAccountError
	if !errors.As(err, &duplicate) {
		addRecordWriteError(ctx, diags, r.client, campaign.IMSAccountRecord(), name, err)
		return
	}
	diags.AddAttributeError(path.Root("name"), "Another Adobe Experience Cloud account exists on "+r.client.Endpoint(),
		fmt.Sprintf("%s. Campaign's IMS troubleshooting guide asks for exactly one external account of this type; with two, Adobe ID login "+
			"may use the wrong one. Adopt the existing account instead: set name = %q and import it "+
			"(import { to = <this resource>, id = %q }), or delete it in the console first.",
			err, duplicate.Existing[0], duplicate.Existing[0]))
}

// checkStored compares what Campaign stored after the Write with what was written.
func (r *imsExternalAccountResource) checkStored(diags *diag.Diagnostics, res campaign.RecordWrite, secret *string) {
	addStoredDifferences(diags, r.client, campaign.IMSAccountRecord(), res)
	got := res.Stored
	if stored, readable := accountResource.rt.Secret(got); res.Secret && secret != nil && *secret != "" && readable && stored == "" {
		diags.AddAttributeError(path.Root("client_secret"), "Campaign did not store the client secret on "+r.client.Endpoint(),
			"Campaign did not store the IMS client secret (console: \"IMS client secret\", nms:extAccount/@clientSecret): it reads back empty.")
	}
}

// warnRestart: Campaign applies the IMS settings after a server restart.
func (r *imsExternalAccountResource) warnRestart(diags *diag.Diagnostics, name string) {
	diags.AddWarning("Restart Campaign to apply the IMS settings",
		fmt.Sprintf("The Adobe Experience Cloud account %s on %s was written. Campaign applies IMS settings after a restart of its server "+
			"(IMS troubleshooting guide: \"Restart the server if any changes are made to the above settings\"). Until then, Adobe ID login uses the previous settings.",
			quote(name), r.client.Endpoint()))
}

// warnDuplicates: a refresh found other accounts of the type.
func (r *imsExternalAccountResource) warnDuplicates(diags *diag.Diagnostics, name string, others []string) {
	if len(others) == 0 {
		return
	}
	diags.AddWarning("Several Adobe Experience Cloud accounts on "+r.client.Endpoint(),
		fmt.Sprintf("Besides %s, the instance has %s of the Adobe Experience Cloud type. Campaign's IMS troubleshooting guide asks for exactly one: "+
			"\"There should only be one external account\" of this type; delete the others in the console (terraform query lists them all).",
			quote(name), strings.Join(others, ", ")))
}

// warnUnreadableSecret: the operator may not read clientSecret, so a secret
// changed in the console cannot be seen; said once per provider process.
func (r *imsExternalAccountResource) warnUnreadableSecret(diags *diag.Diagnostics) {
	r.data.secretUnreadable.Do(func() {
		diags.AddWarning("Client secret drift cannot be detected on "+r.client.Endpoint(),
			"Campaign returns no nms:extAccount/@clientSecret to this operator (the attribute is restricted with accessibleIf). "+
				"The provider cannot see a secret changed in the console; it never plans an update for it. "+
				"To detect such changes, use an operator allowed to read the attribute.")
	})
}

// ValidateConfig warns, at plan time and before any call, about fields that
// Campaign v8 needs filled for its Web UI.
func (r *imsExternalAccountResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg imsExternalAccountModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for _, v := range []struct {
		attr  string
		value types.String
	}{{"experience_cloud_server", cfg.ExperienceCloudServer}, {"tenant", cfg.Tenant}} {
		if v.value.IsNull() {
			console := fieldOf(campaign.IMSAccountRecord(), v.attr).Console
			resp.Diagnostics.AddAttributeWarning(path.Root(v.attr), "Campaign v8 needs "+v.attr,
				fmt.Sprintf("%s (console: %q) is empty. Campaign v8 hides the Campaign Web UI card unless Server, Tenant, Callback server "+
					"and Association mask are filled in the Adobe Experience Cloud account. Set %s, unless the instance is a v7 one that does not use the Web UI.",
					v.attr, console, v.attr))
		}
	}
}
