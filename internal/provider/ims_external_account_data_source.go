package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
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
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an existing Adobe Experience Cloud external account by internal name, and the names of the other accounts of the type " +
			"(there should be none), in one query after the schema read. The client secret is never exposed; `client_secret_set` tells whether one is stored.",
		Attributes: map[string]schema.Attribute{
			"id": computed("The internal name."),
			"name": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Internal name of the account. Default: `" + defaultAccountName + "`.",
				Validators:          internalNameRule,
			},
			"label":                   computed("Label."),
			"enabled":                 schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the account is enabled."},
			"ims_server":              computed("IMS server URL."),
			"ims_scope":               schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "IMS scopes."},
			"client_id":               computed("IMS client identifier."),
			"client_secret_set":       schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether an IMS client secret is stored (its value is never read)."},
			"callback_server":         computed("Callback server URL."),
			"ims_org_id":              computed("IMS organization ID."),
			"matching_mask":           computed("Association mask."),
			"product_context":         computed("IMS product context."),
			"experience_cloud_server": computed("Adobe Experience Cloud server URL."),
			"tenant":                  computed("Adobe Experience Cloud tenant."),
			"account_id":              schema.Int64Attribute{Computed: true, MarkdownDescription: "Numeric identifier of the account (`@id`)."},
			"other_accounts": schema.ListAttribute{
				Computed: true, ElementType: types.StringType,
				MarkdownDescription: "Internal names of the other Adobe Experience Cloud accounts of the instance, sorted. It should be empty: " +
					"Campaign's IMS login needs exactly one account of this type.",
			},
		},
	}
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
	acc, others, err := d.client.ReadIMSAccount(ctx, name, campaign.Hint{Type: accountType})
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
	out := imsExternalAccountDataModel{ClientSecretSet: types.BoolValue(acc.Get("clientSecret") != ""), OtherAccounts: otherList}
	out.fromAccount(acc)
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
