package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

var (
	_ datasource.DataSource              = (*operatorsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*operatorsDataSource)(nil)
)

// NewOperatorsDataSource is the campaign_operators data source.
func NewOperatorsDataSource() datasource.DataSource { return &operatorsDataSource{} }

type operatorsDataSource struct{ client *campaign.Client }

type operatorsModel struct {
	Technical      types.Bool   `tfsdk:"technical"`
	Authentication types.String `tfsdk:"authentication"`
	Operators      types.List   `tfsdk:"operators"`
}

// operatorType is one element of operators.
var operatorType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"login": types.StringType, "label": types.StringType, "authentication": types.StringType, "technical": types.BoolType,
	"disabled": types.BoolType, "groups": types.SetType{ElemType: types.StringType}, "named_rights": types.SetType{ElemType: types.StringType},
}}

func (d *operatorsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_operators"
}

func (d *operatorsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The operators of the instance (`xtk:operator`) with their groups and own named rights: the technical operators of API " +
			"integrations, and the native operators still to retire (IMS migration step 10). One query per page of operators and of memberships.",
		Attributes: map[string]schema.Attribute{
			"technical": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Only technical operators (true: logins `…@techacct.adobe.com`) or only the others (false). Unset: both.",
			},
			"authentication": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only the operators of this authentication: `ims` (Adobe ID) or `native` (login and password). Unset: both.",
				Validators:          []validator.String{stringvalidator.OneOf("ims", "native")},
			},
			"operators": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The operators, sorted by login.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"login":          schema.StringAttribute{Computed: true, MarkdownDescription: "Login (`@name`)."},
					"label":          schema.StringAttribute{Computed: true, MarkdownDescription: "Label."},
					"authentication": schema.StringAttribute{Computed: true, MarkdownDescription: "`ims` or `native` (\"\" when the build does not say)."},
					"technical":      schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether it is a technical account's operator."},
					"disabled":       schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the account is disabled."},
					"groups":         schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Its operator groups."},
					"named_rights":   schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Its own named rights (not its groups')."},
				}},
			},
		},
	}
}

func (d *operatorsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientData(req.ProviderData, &resp.Diagnostics)
}

func (d *operatorsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m operatorsModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	ops, err := d.client.Operators(ctx)
	if err != nil {
		addClientError(&resp.Diagnostics, d.client, "listing operators", err)
		return
	}
	elems := []attr.Value{}
	for _, op := range ops {
		login, auth := op.Record.Name(), op.Record.Get("access/@authenticationType")
		technical := campaign.IsTechnical(login)
		if (!m.Technical.IsNull() && m.Technical.ValueBool() != technical) || (!m.Authentication.IsNull() && m.Authentication.ValueString() != auth) {
			continue
		}
		obj, diags := types.ObjectValue(operatorType.AttrTypes, map[string]attr.Value{
			"login": types.StringValue(login), "label": types.StringValue(op.Record.Get("label")), "authentication": types.StringValue(auth),
			"technical": types.BoolValue(technical), "disabled": types.BoolValue(campaign.IsTrue(op.Record.Get("access/@disabled"))),
			"groups": stringSet(op.Groups), "named_rights": stringSet(op.Record.List("right")),
		})
		resp.Diagnostics.Append(diags...)
		elems = append(elems, obj)
	}
	list, diags := types.ListValue(operatorType, elems)
	resp.Diagnostics.Append(diags...)
	m.Operators = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
