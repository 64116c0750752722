package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

// toAccount builds the Campaign record from a plan.
func (m *imsAccountFields) toAccount(ctx context.Context, diags *diag.Diagnostics) campaign.Record {
	return modelToRecord(ctx, campaign.IMSAccountRecord(), m, diags)
}

// fromAccount copies what Campaign stores; an empty optional attribute is null.
func (m *imsAccountFields) fromAccount(a campaign.Record) {
	recordToModel(campaign.IMSAccountRecord(), a, m, accountRequired())
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

// accountRequired are the attributes the resource's schema requires: never
// null in state (an empty value stays "").
func accountRequired() map[string]bool {
	var resp resource.SchemaResponse
	(&imsExternalAccountResource{}).Schema(context.Background(), resource.SchemaRequest{}, &resp)
	out := map[string]bool{}
	for name, a := range resp.Schema.Attributes {
		if a.IsRequired() {
			out[name] = true
		}
	}
	return out
}
