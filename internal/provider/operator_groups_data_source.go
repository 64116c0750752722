package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

var (
	_ datasource.DataSource              = (*operatorGroupsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*operatorGroupsDataSource)(nil)
)

// NewOperatorGroupsDataSource is the campaign_operator_groups data source.
func NewOperatorGroupsDataSource() datasource.DataSource { return &operatorGroupsDataSource{} }

type operatorGroupsDataSource struct{ client *campaign.Client }

type operatorGroupsModel struct {
	ID     types.String `tfsdk:"id"`
	Names  types.List   `tfsdk:"names"`
	Labels types.Map    `tfsdk:"labels"`
}

func (d *operatorGroupsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_operator_groups"
}

func (d *operatorGroupsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The operator groups of the instance (`xtk:group`), in one query: the groups the association mask can map product profiles to.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The endpoint."},
			"names": schema.ListAttribute{
				Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Internal names of the operator groups, sorted.",
			},
			"labels": schema.MapAttribute{
				Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Label of each operator group, by internal name.",
			},
		},
	}
}

func (d *operatorGroupsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientData(req.ProviderData, &resp.Diagnostics)
}

func (d *operatorGroupsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	groups, err := d.client.OperatorGroups(ctx, nil)
	if err != nil {
		addClientError(&resp.Diagnostics, d.client, "listing operator groups", err)
		return
	}
	names := make([]string, len(groups))
	labels := make(map[string]attr.Value, len(groups))
	for i, g := range groups {
		names[i] = g.Name()
		labels[g.Name()] = types.StringValue(g.Get("label"))
	}
	list, diags := types.ListValueFrom(ctx, types.StringType, names)
	resp.Diagnostics.Append(diags...)
	labelMap, diags := types.MapValue(types.StringType, labels)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &operatorGroupsModel{ID: types.StringValue(d.client.Endpoint()), Names: list, Labels: labelMap})...)
}
