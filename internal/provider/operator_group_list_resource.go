package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

var _ list.ListResourceWithConfigure = (*operatorGroupResource)(nil)

// NewOperatorGroupListResource lists the operator groups.
func NewOperatorGroupListResource() list.ListResource { return &operatorGroupResource{} }

func (r *operatorGroupResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Every operator group of the instance with its named rights, built-in groups included, in one query.",
	}
}

// List streams the operator groups, sorted by internal name.
func (r *operatorGroupResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	groups, err := r.client.OperatorGroups(ctx, nil)
	streamNamed(ctx, req, stream, r.client, "listing operator groups", "name", groups, err, recordName,
		func(g campaign.Record, diags *diag.Diagnostics) any {
			var m operatorGroupModel
			m.fromRecord(g, diags)
			return &m
		})
}
