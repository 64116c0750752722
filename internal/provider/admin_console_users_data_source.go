package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/acc-terraform/terraform-provider-campaign/internal/validate"
)

var (
	_ datasource.DataSource              = (*adminConsoleUsersDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*adminConsoleUsersDataSource)(nil)
)

// NewAdminConsoleUsersDataSource is the campaign_admin_console_users data source.
func NewAdminConsoleUsersDataSource() datasource.DataSource { return &adminConsoleUsersDataSource{} }

type adminConsoleUsersDataSource struct{ data *providerData }

type adminConsoleUsersModel struct {
	Emails       types.List   `tfsdk:"emails"`
	MatchingMask types.String `tfsdk:"matching_mask"`
	Users        types.List   `tfsdk:"users"`
	Checked      types.Bool   `tfsdk:"checked"`
}

// adminConsoleUserType is one element of users.
var adminConsoleUserType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"email": types.StringType, "found": types.BoolType, "status": types.StringType, "type": types.StringType,
	"product_profiles": types.ListType{ElemType: types.StringType}, "user_groups": types.ListType{ElemType: types.StringType},
}}

func (d *adminConsoleUsersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_admin_console_users"
}

func (d *adminConsoleUsersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Users of the Adobe organization (Admin Console), read through the User Management API with the provider's `admin_console` " +
			"credential: whether each is in the organization, its status and type, its user groups, and every product profile it holds, directly or " +
			"through a user group, read from the profiles' member lists (UMAPI cannot read a user group's profiles). Feed a user's `product_profiles` " +
			"to `campaign_ims_login` to explain its login. When the Admin Console cannot be read, `checked` is false, `users` null and a warning says why.",
		Attributes: map[string]schema.Attribute{
			"emails": schema.ListAttribute{
				Required: true, ElementType: types.StringType,
				MarkdownDescription: "The users' emails (Adobe IDs), compared ignoring case. One get-user request each (UMAPI: 25 a minute per client).",
				Validators:          []validator.List{listvalidator.ValueStringsAre(stringRule(validate.OperatorLogin, validate.OperatorLoginAccepts))},
			},
			"matching_mask": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "An association mask, e.g. `Campaign - acme - (.*)`: only the product profiles it matches are read member by member " +
					"(so an organization with hundreds of profiles is not listed user by user), and `product_profiles` holds those only. Unset: every profile.",
				Validators: []validator.String{stringRule(validate.MatchingMask, validate.MatchingMaskAccepts)},
			},
			"users": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The users, in the order of `emails`; null when `checked` is false.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"email":  schema.StringAttribute{Computed: true, MarkdownDescription: "The email, as given."},
					"found":  schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the organization has the user."},
					"status": schema.StringAttribute{Computed: true, MarkdownDescription: "Its status, e.g. `active` (\"\" when not found)."},
					"type":   schema.StringAttribute{Computed: true, MarkdownDescription: "Its identity type: `adobeID`, `enterpriseID` or `federatedID` (\"\" when not found)."},
					"product_profiles": schema.ListAttribute{Computed: true, ElementType: types.StringType,
						MarkdownDescription: "Every product profile it holds (of those `matching_mask` matches), directly or through a user group, sorted."},
					"user_groups": schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The user groups it is a member of, sorted."},
				}},
			},
			"checked": schema.BoolAttribute{Computed: true,
				MarkdownDescription: "False when the Admin Console could not be read (throttled, refused, unreachable): see the warning."},
		},
	}
}

func (d *adminConsoleUsersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataOf(req.ProviderData, &resp.Diagnostics)
}

func (d *adminConsoleUsersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m adminConsoleUsersModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() || d.data == nil {
		return
	}
	ac := d.data.adminConsole
	if ac == nil {
		resp.Diagnostics.AddError("campaign_admin_console_users needs admin_console",
			"Its provider block has no admin_console (nor "+EnvAdminConsoleOrgID+"): give it the organization's User Management API "+
				"credential, or set provider = campaign.<alias with admin_console> on this data source.")
		return
	}
	var emails []string
	resp.Diagnostics.Append(m.Emails.ElementsAs(ctx, &emails, false)...)
	var match func(string) bool
	if mask := m.MatchingMask.ValueString(); mask != "" {
		matcher, err := validate.MaskMatcher(mask)
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("matching_mask"), "Invalid matching_mask", "matching_mask "+err.Error())
			return
		}
		match = func(p string) bool { _, ok := matcher(p); return ok }
	}
	users, err := ac.Users(ctx, emails, match)
	if err != nil {
		warnAdminConsoleUnread(&resp.Diagnostics, ac, err)
		m.Users, m.Checked = types.ListNull(adminConsoleUserType), types.BoolValue(false)
		resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
		return
	}
	elems := make([]attr.Value, 0, len(users))
	for _, u := range users {
		obj, diags := types.ObjectValue(adminConsoleUserType.AttrTypes, map[string]attr.Value{
			"email": types.StringValue(u.Email), "found": types.BoolValue(u.Found), "status": types.StringValue(u.Status),
			"type": types.StringValue(u.Type), "product_profiles": stringList(u.ProductProfiles), "user_groups": stringList(u.UserGroups),
		})
		resp.Diagnostics.Append(diags...)
		elems = append(elems, obj)
	}
	list, diags := types.ListValue(adminConsoleUserType, elems)
	resp.Diagnostics.Append(diags...)
	m.Users, m.Checked = list, types.BoolValue(true)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
