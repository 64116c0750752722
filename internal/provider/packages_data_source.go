package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

var (
	_ datasource.DataSource              = (*packagesDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*packagesDataSource)(nil)
)

// NewPackagesDataSource is the campaign_packages data source.
func NewPackagesDataSource() datasource.DataSource { return &packagesDataSource{} }

type packagesDataSource struct{ client *campaign.Client }

type packagesModel struct {
	ID        types.String `tfsdk:"id"`
	Installed types.List   `tfsdk:"installed"`
}

func (d *packagesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_packages"
}

func (d *packagesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The packages installed on the instance, as the operator's session lists them. " +
			"Use it to find the identifier of a package whose internal name Adobe does not publish.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The endpoint."},
			"installed": schema.ListAttribute{
				Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Installed packages as `namespace:name`, sorted.",
			},
		},
	}
}

func (d *packagesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientData(req.ProviderData, &resp.Diagnostics)
}

func (d *packagesDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	installed, err := d.client.InstalledPackages(ctx)
	if err != nil {
		addClientError(&resp.Diagnostics, d.client, "listing installed packages", err)
		return
	}
	list, diags := types.ListValueFrom(ctx, types.StringType, installed)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &packagesModel{ID: types.StringValue(d.client.Endpoint()), Installed: list})...)
}
