package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

// toAccount builds the Campaign record from a plan.
func (m *imsAccountFields) toAccount(ctx context.Context, diags *diag.Diagnostics) campaign.Record {
	return modelToRecord(ctx, campaign.IMSAccountRecord(), m, diags)
}

// fromAccount copies what Campaign stores; an empty optional attribute is null.
func (m *imsAccountFields) fromAccount(a campaign.Record, diags *diag.Diagnostics) {
	recordToModel(accountResource, a, m, diags)
	m.ID = types.StringValue(a.Name())
	m.AccountID = types.Int64Null()
	if id, err := strconv.ParseInt(a.ID(), 10, 64); err == nil {
		m.AccountID = types.Int64Value(id)
	}
}
