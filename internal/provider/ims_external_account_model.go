package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

// imsAccountFields are the attributes of the Adobe Experience Cloud account
// that Campaign stores, in the resource and the data source alike: one per
// field of campaign.IMSAccountRecord (converted by record_model.go), plus
// the Terraform id and the numeric @id. A new account attribute is one Field
// of campaign.IMSAccountRecord, one field here, its schema attribute in
// accountSchema (ims_external_account_resource.go) and its line in the
// emulator's extAccountSchema: the README's recipe, which TestRecipes
// holds to the code. The data source's schema follows from the resource's.
type imsAccountFields struct {
	recordKey
	Label                 types.String `tfsdk:"label"`
	Enabled               types.Bool   `tfsdk:"enabled"`
	IMSServer             types.String `tfsdk:"ims_server"`
	IMSScope              types.List   `tfsdk:"ims_scope"`
	ClientID              types.String `tfsdk:"client_id"`
	CallbackServer        types.String `tfsdk:"callback_server"`
	IMSOrgID              types.String `tfsdk:"ims_org_id"`
	MatchingMask          types.String `tfsdk:"matching_mask"`
	ProductContext        types.String `tfsdk:"product_context"`
	ExperienceCloudServer types.String `tfsdk:"experience_cloud_server"`
	Tenant                types.String `tfsdk:"tenant"`
	AccountID             types.Int64  `tfsdk:"account_id"`
}

// imsExternalAccountModel is the resource: the stored fields plus the
// Terraform-side secret inputs.
type imsExternalAccountModel struct {
	imsAccountFields
	ClientSecret          types.String `tfsdk:"client_secret"`
	ClientSecretWO        types.String `tfsdk:"client_secret_wo"`
	ClientSecretWOVersion types.Int64  `tfsdk:"client_secret_wo_version"`
}

// toAccount builds the Campaign record from a plan.
func (m *imsAccountFields) toAccount(ctx context.Context, diags *diag.Diagnostics) campaign.Record {
	return modelToRecord(ctx, campaign.IMSAccountRecord(), m, diags)
}

// fromAccount copies what Campaign stores (an empty value by emptyIsNull).
func (m *imsAccountFields) fromAccount(a campaign.Record, diags *diag.Diagnostics) {
	recordToModel(accountResource, a, m, diags)
	m.ID = types.StringValue(a.Name())
	m.AccountID = types.Int64Null()
	if id, err := strconv.ParseInt(a.ID(), 10, 64); err == nil {
		m.AccountID = types.Int64Value(id)
	}
}
