package provider

import (
	"context"
	"errors"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	resourceschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

var (
	_ datasource.DataSource              = (*imsExternalAccountDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*imsExternalAccountDataSource)(nil)
)

// NewIMSExternalAccountDataSource is the campaign_ims_external_account data source.
func NewIMSExternalAccountDataSource() datasource.DataSource { return &imsExternalAccountDataSource{} }

type imsExternalAccountDataSource struct{ client *campaign.Client }

// imsExternalAccountDataModel is the data source: the stored fields, and
// whether a secret is stored instead of the secret.
type imsExternalAccountDataModel struct {
	imsAccountFields
	ClientSecretSet types.Bool `tfsdk:"client_secret_set"`
	OtherAccounts   types.List `tfsdk:"other_accounts"`
}

func (d *imsExternalAccountDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ims_external_account"
}

func (d *imsExternalAccountDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"name": schema.StringAttribute{
			Optional: true, Computed: true,
			MarkdownDescription: "Internal name of the account. Default: `" + defaultAccountName + "`.",
			Validators:          internalNameRule(campaign.IMSAccountRecord()),
		},
		"client_secret_set": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether an IMS client secret is stored (its value is never read)."},
		"other_accounts": schema.ListAttribute{
			Computed: true, ElementType: types.StringType,
			MarkdownDescription: "Internal names of the other Adobe Experience Cloud accounts of the instance, sorted. It should be empty: " +
				"Campaign's IMS login needs exactly one account of this type.",
		},
	}
	// Every stored attribute of the resource, read only: one place to add one.
	rt := campaign.IMSAccountRecord()
	for name, a := range accountSchemaAttributes() {
		if _, set := attrs[name]; set || strings.HasPrefix(name, "client_secret") {
			continue
		}
		desc := a.GetMarkdownDescription()
		if f, ok := rt.Field(name); ok {
			desc = "As Campaign stores it (console: *" + f.Console + "*, `" + f.Path(rt.Schema) + "`)."
		}
		attrs[name] = computedLike(a, desc)
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an existing Adobe Experience Cloud external account by internal name, and the names of the other accounts of the type " +
			"(there should be none), in one query after the schema read. The client secret is never exposed; `client_secret_set` tells whether one is stored.",
		Attributes: attrs,
	}
}

// accountSchemaAttributes are the resource's schema attributes.
func accountSchemaAttributes() map[string]resourceschema.Attribute {
	var resp resource.SchemaResponse
	(&imsExternalAccountResource{}).Schema(context.Background(), resource.SchemaRequest{}, &resp)
	return resp.Schema.Attributes
}

// computedLike is the read-only data source attribute of a resource attribute.
func computedLike(a resourceschema.Attribute, desc string) schema.Attribute {
	switch a := a.(type) {
	case resourceschema.BoolAttribute:
		return schema.BoolAttribute{Computed: true, MarkdownDescription: desc}
	case resourceschema.Int64Attribute:
		return schema.Int64Attribute{Computed: true, MarkdownDescription: desc}
	case resourceschema.ListAttribute:
		return schema.ListAttribute{Computed: true, ElementType: a.ElementType, MarkdownDescription: desc}
	}
	return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
}

func (d *imsExternalAccountDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientData(req.ProviderData, &resp.Diagnostics)
}

func (d *imsExternalAccountDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg imsExternalAccountDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := defaultAccountName
	if !cfg.Name.IsNull() {
		name = cfg.Name.ValueString()
	}
	accountType, err := d.client.IMSAccountType(ctx)
	if err != nil {
		addClientError(&resp.Diagnostics, d.client, "reading the nms:extAccount schema", err)
		return
	}
	read, err := d.client.ReadIMSAccount(ctx, name, campaign.Hint{Type: accountType})
	acc, others := read.Record, read.Others
	if errors.Is(err, campaign.ErrNotFound) {
		resp.Diagnostics.AddError("External account not found",
			"No external account with internal name "+quote(name)+" exists on "+d.client.Endpoint()+".")
		return
	}
	if err != nil {
		addClientError(&resp.Diagnostics, d.client, "reading external account "+quote(name), err)
		return
	}
	otherList, diags := types.ListValueFrom(ctx, types.StringType, append([]string{}, others...))
	resp.Diagnostics.Append(diags...)
	secret, _ := accountResource.rt.Secret(acc)
	out := imsExternalAccountDataModel{ClientSecretSet: types.BoolValue(secret != ""), OtherAccounts: otherList}
	out.fromAccount(acc, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
