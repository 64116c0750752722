package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

// imsAccountFields are the attributes of the Adobe Experience Cloud account
// that Campaign stores, in the resource and the data source alike. A new
// account attribute is added here (and in campaign.IMSAccount), once.
type imsAccountFields struct {
	ID                    types.String `tfsdk:"id"`
	Name                  types.String `tfsdk:"name"`
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

// toAccount builds the Campaign account from a plan.
func (m *imsAccountFields) toAccount(ctx context.Context, diags *diag.Diagnostics) campaign.IMSAccount {
	a := campaign.IMSAccount{
		Name: m.Name.ValueString(), Label: m.Label.ValueString(), Active: m.Enabled.ValueBool(),
		IMSServer: m.IMSServer.ValueString(), ClientID: m.ClientID.ValueString(), CallbackServer: m.CallbackServer.ValueString(),
		IMSOrgID: m.IMSOrgID.ValueString(), MatchingMask: m.MatchingMask.ValueString(), ProductContext: m.ProductContext.ValueString(),
		Server: m.ExperienceCloudServer.ValueString(), Tenant: m.Tenant.ValueString(),
	}
	if !m.IMSScope.IsNull() && !m.IMSScope.IsUnknown() {
		diags.Append(m.IMSScope.ElementsAs(ctx, &a.Scope, false)...)
	}
	return a
}

// fromAccount copies what Campaign stores; an empty optional attribute is null.
func (m *imsAccountFields) fromAccount(a *campaign.IMSAccount) {
	m.ID = types.StringValue(a.Name)
	m.Name = types.StringValue(a.Name)
	m.Label = optionalString(a.Label)
	m.Enabled = types.BoolValue(a.Active)
	m.IMSServer = optionalString(a.IMSServer)
	m.ClientID = types.StringValue(a.ClientID)
	m.CallbackServer = types.StringValue(a.CallbackServer)
	m.IMSOrgID = types.StringValue(a.IMSOrgID)
	m.MatchingMask = types.StringValue(a.MatchingMask)
	m.ProductContext = optionalString(a.ProductContext)
	m.ExperienceCloudServer = optionalString(a.Server)
	m.Tenant = optionalString(a.Tenant)
	m.IMSScope = types.ListNull(types.StringType)
	if len(a.Scope) > 0 {
		m.IMSScope, _ = types.ListValueFrom(context.Background(), types.StringType, a.Scope)
	}
	m.AccountID = types.Int64Null()
	if id, err := strconv.ParseInt(a.ID, 10, 64); err == nil {
		m.AccountID = types.Int64Value(id)
	}
}

// optionalString maps Campaign's empty attribute to null.
func optionalString(v string) types.String {
	if v == "" {
		return types.StringNull()
	}
	return types.StringValue(v)
}
