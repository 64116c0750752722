package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
	"github.com/acc-terraform/terraform-provider-campaign/internal/imslogin"
)

var (
	_ datasource.DataSource              = (*imsLoginDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*imsLoginDataSource)(nil)
)

// NewIMSLoginDataSource is the campaign_ims_login data source.
func NewIMSLoginDataSource() datasource.DataSource { return &imsLoginDataSource{} }

type imsLoginDataSource struct{ client *campaign.Client }

type imsLoginModel struct {
	Login           types.String `tfsdk:"login"`
	ProductProfiles types.List   `tfsdk:"product_profiles"`
	Admitted        types.Bool   `tfsdk:"admitted"`
	Groups          types.Set    `tfsdk:"groups"`
	NamedRights     types.Set    `tfsdk:"named_rights"`
	ControlPanel    types.Bool   `tfsdk:"control_panel"`
	Reason          types.String `tfsdk:"reason"`
	MatchingMask    types.String `tfsdk:"matching_mask"`
	Profiles        types.List   `tfsdk:"profiles"`
}

// loginProfileType is one element of profiles.
var loginProfileType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"name": types.StringType, "matches": types.BoolType, "capture": types.StringType, "operator_group": types.StringType, "note": types.StringType,
}}

func (d *imsLoginDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ims_login"
}

func (d *imsLoginDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "What Campaign would do at a user's Adobe ID login on this instance, from the user's Admin Console product profiles " +
			"(`campaign_admin_console_users`, or written by hand): the operator groups and named rights, Control Panel access, or why the login is refused " +
			"(\"Login does not have any right matching the expression\"), profile by profile. A prediction from the instance's association mask and " +
			"operator groups (read once per provider process), by the mapping the emulator's simulated login uses; it changes nothing. " +
			"Made for `check` blocks: \"this user can log in to prod with these groups\".",
		Attributes: map[string]schema.Attribute{
			"login": schema.StringAttribute{Required: true, MarkdownDescription: "The user's Adobe ID (email), for the messages."},
			"product_profiles": schema.ListAttribute{
				Required: true, ElementType: types.StringType,
				MarkdownDescription: "The user's product profiles, e.g. a `campaign_admin_console_users` user's `product_profiles`.",
			},
			"admitted": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether Campaign admits the login: a profile maps to an operator group."},
			"groups": schema.SetAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "The operator groups the login gives (the operator becomes a member of each)."},
			"named_rights": schema.SetAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "The named rights of those groups (rights are additive)."},
			"control_panel": schema.BoolAttribute{Computed: true,
				MarkdownDescription: "Whether the login opens the Campaign Control Panel: a profile of the instance or a named right whose name contains \"admin\"."},
			"reason": schema.StringAttribute{Computed: true,
				MarkdownDescription: "Why a login is refused, naming the profiles, the mask and what to create or rename; null when admitted."},
			"matching_mask": schema.StringAttribute{Computed: true,
				MarkdownDescription: "The association mask of the instance's Adobe Experience Cloud account (null without one)."},
			"profiles": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "Each product profile, in the order given: whether the mask matches it, and what it maps to.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":           schema.StringAttribute{Computed: true, MarkdownDescription: "The product profile."},
					"matches":        schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the mask matches its whole name."},
					"capture":        schema.StringAttribute{Computed: true, MarkdownDescription: "The mask's capture (null without a match)."},
					"operator_group": schema.StringAttribute{Computed: true, MarkdownDescription: "The operator group it gives (null when none)."},
					"note":           schema.StringAttribute{Computed: true, MarkdownDescription: "Why a matching profile gives no group (null when it does)."},
				}},
			},
		},
	}
}

func (d *imsLoginDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientData(req.ProviderData, &resp.Diagnostics)
}

func (d *imsLoginDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m imsLoginModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() {
		return
	}
	var profiles []string
	resp.Diagnostics.Append(m.ProductProfiles.ElementsAs(ctx, &profiles, false)...)
	in, err := loginInstance(ctx, d.client)
	if err != nil {
		addClientError(&resp.Diagnostics, d.client, "reading the association mask and the operator groups", err)
		return
	}
	out := imslogin.Login(in, profiles)
	m.Admitted, m.ControlPanel = types.BoolValue(out.Admitted), types.BoolValue(out.ControlPanel)
	m.Groups, m.NamedRights = stringSet(out.Groups), stringSet(out.NamedRights)
	m.Reason, m.MatchingMask = nullIfEmpty(out.Reason), nullIfEmpty(in.Mask)
	elems := make([]attr.Value, 0, len(out.Profiles))
	for _, p := range out.Profiles {
		obj, diags := types.ObjectValue(loginProfileType.AttrTypes, map[string]attr.Value{
			"name": types.StringValue(p.Name), "matches": types.BoolValue(p.Matches), "capture": nullIfEmpty(p.Capture),
			"operator_group": nullIfEmpty(p.Group), "note": nullIfEmpty(p.Note),
		})
		resp.Diagnostics.Append(diags...)
		elems = append(elems, obj)
	}
	list, diags := types.ListValue(loginProfileType, elems)
	resp.Diagnostics.Append(diags...)
	m.Profiles = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// loginInstance is what a login depends on, read from the instance: the
// account's mask, the operator groups with their named rights, the named
// rights the instance defines (each read once per client).
func loginInstance(ctx context.Context, client *campaign.Client) (imslogin.Instance, error) {
	var in imslogin.Instance
	mask, err := client.IMSLoginMask(ctx)
	if err != nil {
		return in, err
	}
	in.Mask = mask
	groups, err := client.OperatorGroups(ctx, nil)
	if err != nil {
		return in, err
	}
	for _, g := range groups {
		in.Groups = append(in.Groups, imslogin.Group{Name: g.Name(), NamedRights: g.List("right")})
	}
	in.NamedRights, err = client.NamedRights(ctx)
	return in, err
}

func nullIfEmpty(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}
