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
	_ datasource.DataSource              = (*instanceDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*instanceDataSource)(nil)
)

// NewInstanceDataSource is the campaign_instance data source.
func NewInstanceDataSource() datasource.DataSource { return &instanceDataSource{} }

type instanceDataSource struct{ client *campaign.Client }

type instanceModel struct {
	ID           types.String `tfsdk:"id"`
	Endpoint     types.String `tfsdk:"endpoint"`
	InstanceName types.String `tfsdk:"instance_name"`
	Build        types.String `tfsdk:"build"`
	Version      types.String `tfsdk:"version"`
	Status       types.String `tfsdk:"status"`
	Operator     types.Object `tfsdk:"operator"`
}

// instanceOperatorType is the operator attribute: who the provider runs as.
var instanceOperatorType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"login": types.StringType, "authentication": types.StringType,
	"groups": types.SetType{ElemType: types.StringType}, "named_rights": types.SetType{ElemType: types.StringType},
}}

func (d *instanceDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_instance"
}

func (d *instanceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "What the instance tells about itself on its anonymous test page (`/r/test`): instance name, build and version; and who " +
			"the provider runs as on it (`operator`), from the Logon answer (or one GetUserInfo with an IMS token) and the list of operator groups.",
		Attributes: map[string]schema.Attribute{
			"id":            schema.StringAttribute{Computed: true, MarkdownDescription: "The endpoint."},
			"endpoint":      schema.StringAttribute{Computed: true, MarkdownDescription: "Base URL of the instance, from the provider configuration."},
			"instance_name": schema.StringAttribute{Computed: true, MarkdownDescription: "Campaign instance name."},
			"build":         schema.StringAttribute{Computed: true, MarkdownDescription: "Build number, e.g. `9364`."},
			"version":       schema.StringAttribute{Computed: true, MarkdownDescription: "Version, e.g. `8.7.2`, when the instance reports it."},
			"status":        schema.StringAttribute{Computed: true, MarkdownDescription: "Status of the test page, `OK` when the instance is up."},
			"operator": schema.SingleNestedAttribute{
				Computed: true,
				MarkdownDescription: "The operator the provider runs as on this instance: with `login`/`password`, that operator; in `ims` mode (Campaign v8), " +
					"the operator of the credential's technical account, whose groups come from its product profiles. Writing external accounts, " +
					"groups and operators and installing packages needs the `admin` named right by default.",
				Attributes: map[string]schema.Attribute{
					"login":          schema.StringAttribute{Computed: true, MarkdownDescription: "Its login (a technical account's email in `ims` mode)."},
					"authentication": schema.StringAttribute{Computed: true, MarkdownDescription: "`native` (Logon) or `ims` (an IMS access token)."},
					"groups":         schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Its operator groups."},
					"named_rights":   schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Its named rights: its own and its groups'."},
				},
			},
		},
	}
}

func (d *instanceDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientData(req.ProviderData, &resp.Diagnostics)
}

func (d *instanceDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	info, err := d.client.Instance(ctx)
	if err != nil {
		addClientError(&resp.Diagnostics, d.client, "reading the instance test page", err)
		return
	}
	op, err := readOwnOperator(ctx, d.client)
	if err != nil {
		addClientError(&resp.Diagnostics, d.client, "reading who the provider runs as", err)
		return
	}
	operator, diags := types.ObjectValue(instanceOperatorType.AttrTypes, map[string]attr.Value{
		"login": types.StringValue(op.Login), "authentication": types.StringValue(op.Authentication),
		"groups": stringSet(op.Groups), "named_rights": stringSet(op.Rights),
	})
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &instanceModel{
		ID: types.StringValue(d.client.Endpoint()), Endpoint: types.StringValue(d.client.Endpoint()),
		InstanceName: types.StringValue(info.Instance), Build: types.StringValue(info.Build),
		Version: types.StringValue(info.Version), Status: types.StringValue(info.Status), Operator: operator,
	})...)
}
