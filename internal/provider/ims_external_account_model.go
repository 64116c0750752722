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
// the Terraform id and the numeric @id.
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

// requiredAccountAttributes are never null in state (an empty value stays "").
var requiredAccountAttributes = map[string]bool{"name": true, "client_id": true, "callback_server": true, "ims_org_id": true, "matching_mask": true}

// toAccount builds the Campaign record from a plan.
func (m *imsAccountFields) toAccount(ctx context.Context, diags *diag.Diagnostics) campaign.Record {
	return modelToRecord(ctx, campaign.IMSAccountRecord(), m, diags)
}

// fromAccount copies what Campaign stores; an empty optional attribute is null.
func (m *imsAccountFields) fromAccount(a campaign.Record) {
	recordToModel(campaign.IMSAccountRecord(), a, m, requiredAccountAttributes)
	m.ID = types.StringValue(a.Get("name"))
	m.AccountID = types.Int64Null()
	if id, err := strconv.ParseInt(a.Get("id"), 10, 64); err == nil {
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
