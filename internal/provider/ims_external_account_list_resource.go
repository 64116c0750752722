package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

var _ list.ListResourceWithConfigure = (*imsExternalAccountResource)(nil)

// NewIMSExternalAccountListResource lists the Adobe Experience Cloud accounts.
func NewIMSExternalAccountListResource() list.ListResource { return &imsExternalAccountResource{} }

func (r *imsExternalAccountResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Every Adobe Experience Cloud external account of the instance, duplicates included " +
			"(more than one breaks Adobe ID login). One query, whatever their number. The client secret is never listed.",
	}
}

// List streams every account of the Adobe Experience Cloud type: its
// identity, and with include_resource its attributes (no secret).
func (r *imsExternalAccountResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	accounts, err := r.client.ListIMSAccounts(ctx)
	streamNamed(ctx, req, stream, r.client, "listing external accounts", "name", accounts, err, recordName,
		func(a campaign.Record, diags *diag.Diagnostics) any {
			m := imsExternalAccountModel{ClientSecret: types.StringNull(), ClientSecretWOVersion: types.Int64Null()}
			m.fromAccount(a, diags)
			return &m
		})
}
