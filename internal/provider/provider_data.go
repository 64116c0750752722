package provider

import (
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/acc-terraform/terraform-provider-campaign/internal/adminconsole"
	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

// providerData is what resources and data sources receive: one per
// provider configuration (alias), for the life of the provider process.
type providerData struct {
	// client is nil for a block that configures only the Admin Console.
	client *campaign.Client
	// adminConsole is nil without admin_console.
	adminConsole *adminconsole.Client
	// secretUnreadable says once per process that secret drift cannot be seen.
	secretUnreadable sync.Once
	// ownRights: the provider's own operator is checked for the admin
	// right once per process, when it can be read without a Logon of its
	// own (own_operator.go).
	ownRights ownRightsCheck
	// claims: one record, one resource (record_claims.go).
	claims recordClaims
}

// providerDataOf extracts the provider data given to a resource or data source.
func providerDataOf(in any, diags *diag.Diagnostics) *providerData {
	if in == nil {
		return nil // not configured yet (validation, or plan with unknown provider values)
	}
	data, ok := in.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *providerData, got %T. This is always a bug in the provider; please report it.", in))
		return nil
	}
	return data
}

// campaignDataOf is the provider data of a Campaign resource or data
// source: an error when the provider block configures only the Admin Console.
func campaignDataOf(in any, diags *diag.Diagnostics) *providerData {
	data := providerDataOf(in, diags)
	if data != nil && data.client == nil {
		diags.AddError("This provider configuration has no Campaign instance",
			"The provider block (alias) used here configures only admin_console, for the Admin Console of "+
				data.adminConsole.OrgID()+". Campaign resources and data sources need a block with endpoint and an "+
				"authentication: set provider = campaign.<alias of the instance> on this resource or data source.")
		return nil
	}
	return data
}

// clientData is the Campaign client of the provider data.
func clientData(in any, diags *diag.Diagnostics) *campaign.Client {
	if data := campaignDataOf(in, diags); data != nil {
		return data.client
	}
	return nil
}
