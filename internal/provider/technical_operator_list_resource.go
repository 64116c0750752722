package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

var _ list.ListResourceWithConfigure = (*technicalOperatorResource)(nil)

// NewTechnicalOperatorListResource lists the technical operators.
func NewTechnicalOperatorListResource() list.ListResource { return &technicalOperatorResource{} }

func (r *technicalOperatorResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Every technical operator of the instance (the operators of Adobe technical accounts, `…@techacct.adobe.com`) with its groups. " +
			"The generated configuration has the login; add the credential's client_id, and the named rights to own.",
	}
}

// List streams the technical operators, sorted by login.
func (r *technicalOperatorResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	ops, err := r.client.Operators(ctx)
	var technical []campaign.OperatorInfo
	for _, op := range ops {
		if campaign.IsTechnical(op.Record.Name()) {
			technical = append(technical, op)
		}
	}
	streamNamed(ctx, req, stream, r.client, "listing operators", "login", technical, err,
		func(op campaign.OperatorInfo) string { return op.Record.Name() },
		func(op campaign.OperatorInfo, diags *diag.Diagnostics) any {
			m := technicalOperatorModel{NamedRights: types.SetNull(types.StringType), ClientID: types.StringValue(""),
				ClientSecretWO: types.StringNull(), ClientSecretWOVersion: types.Int64Null(), TokenURL: types.StringNull(),
				Scopes: types.ListNull(types.StringType)}
			m.fromRead(campaign.RecordRead{Record: op.Record, Groups: op.Groups}, diags)
			return &m
		})
}
