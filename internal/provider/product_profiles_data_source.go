package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/acc-terraform/terraform-provider-campaign/internal/adminconsole"
	"github.com/acc-terraform/terraform-provider-campaign/internal/validate"
)

var (
	_ datasource.DataSource              = (*productProfilesDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*productProfilesDataSource)(nil)
)

// NewProductProfilesDataSource is the campaign_product_profiles data source.
func NewProductProfilesDataSource() datasource.DataSource { return &productProfilesDataSource{} }

type productProfilesDataSource struct{ data *providerData }

type productProfilesModel struct {
	MatchingMask types.String `tfsdk:"matching_mask"`
	Profiles     types.List   `tfsdk:"profiles"`
	Checked      types.Bool   `tfsdk:"checked"`
}

// productProfileType is one element of profiles.
var productProfileType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"name": types.StringType, "product_name": types.StringType, "member_count": types.Int64Type, "operator_group": types.StringType,
}}

func (d *productProfilesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_product_profiles"
}

func (d *productProfilesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every product profile of the Adobe organization (Admin Console), read through the User Management API " +
			"with the provider's `admin_console` credential: all pages, once per provider process. Feed `profiles` to the `ims-setup` " +
			"module to learn at plan time which profiles the managed operator groups lack. When the Admin Console cannot be read, " +
			"`checked` is false, `profiles` null and a warning says why: the Campaign side is still planned.",
		Attributes: map[string]schema.Attribute{
			"matching_mask": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "An association mask, e.g. `Campaign - acme - (.*)`: each profile then gets `operator_group`, the capture.",
				Validators:          []validator.String{stringRule(validate.MatchingMask, validate.MatchingMaskAccepts)},
			},
			"profiles": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The product profiles, in the Admin Console's order; null when `checked` is false.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":         schema.StringAttribute{Computed: true, MarkdownDescription: "Product profile name."},
					"product_name": schema.StringAttribute{Computed: true, MarkdownDescription: "The product it belongs to."},
					"member_count": schema.Int64Attribute{Computed: true, MarkdownDescription: "Users of the profile, through user groups included."},
					"operator_group": schema.StringAttribute{Computed: true,
						MarkdownDescription: "The operator group (or named right) `matching_mask` maps the profile to; null without a match or a mask."},
				}},
			},
			"checked": schema.BoolAttribute{
				Computed:            true,
				MarkdownDescription: "False when the Admin Console could not be read (throttled, refused, unreachable): see the warning.",
			},
		},
	}
}

func (d *productProfilesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataOf(req.ProviderData, &resp.Diagnostics)
}

func (d *productProfilesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m productProfilesModel
	if resp.Diagnostics.Append(req.Config.Get(ctx, &m)...); resp.Diagnostics.HasError() || d.data == nil {
		return
	}
	ac := d.data.adminConsole
	if ac == nil {
		resp.Diagnostics.AddError("campaign_product_profiles needs admin_console",
			"Its provider block has no admin_console (nor "+EnvAdminConsoleOrgID+"): give it the organization's User Management API "+
				"credential, or set provider = campaign.<alias with admin_console> on this data source.")
		return
	}
	profiles, err := ac.ProductProfiles(ctx)
	if err != nil {
		warnAdminConsoleUnread(&resp.Diagnostics, ac, err)
		m.Profiles, m.Checked = types.ListNull(productProfileType), types.BoolValue(false)
		resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
		return
	}
	groupOf := func(string) (string, bool) { return "", false } // no mask: no operator_group
	if mask := m.MatchingMask.ValueString(); mask != "" {
		match, err := validate.MaskMatcher(mask) // compiled once for every profile; validated by the schema
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("matching_mask"), "Invalid matching_mask", "matching_mask "+err.Error())
			return
		}
		groupOf = match
	}
	elems := make([]attr.Value, len(profiles))
	for i, p := range profiles {
		group := types.StringNull()
		if g, ok := groupOf(p.Name); ok {
			group = types.StringValue(g)
		}
		obj, diags := types.ObjectValue(productProfileType.AttrTypes, map[string]attr.Value{
			"name": types.StringValue(p.Name), "product_name": types.StringValue(p.ProductName),
			"member_count": types.Int64Value(int64(p.MemberCount)), "operator_group": group,
		})
		resp.Diagnostics.Append(diags...)
		elems[i] = obj
	}
	list, diags := types.ListValue(productProfileType, elems)
	resp.Diagnostics.Append(diags...)
	m.Profiles, m.Checked = list, types.BoolValue(true)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// warnAdminConsoleUnread says why the Admin Console was not checked and
// what to change; never an error: the Campaign side is planned as usual.
func warnAdminConsoleUnread(diags *diag.Diagnostics, ac *adminconsole.Client, err error) {
	var (
		access    *adminconsole.AccessError
		throttled *adminconsole.ThrottledError
		redirect  *adminconsole.RedirectError
		down      *adminconsole.UnavailableError
	)
	org := ac.OrgID()
	reason, advice := "it could not be read", ""
	switch {
	case tokenFailed(err):
		reason, advice, _ = tokenDiagnosis(err, adminConsoleCredential())
	case errors.As(err, &access) && access.InvalidOrganization():
		reason = "the User Management API does not know organization " + org + " for this credential"
		advice = "Set admin_console.org_id to the IMS organization id of the credential's Developer Console project (shown with the credential, …@AdobeOrg)."
	case errors.As(err, &access) && access.StatusCode == 403:
		reason = "the credential has no access to the User Management API of " + org
		advice = "In the Developer Console, add the User Management API to the project of admin_console.client_id (only a System Administrator of the " +
			"organization can), and keep user_management_sdk in admin_console.scopes."
	case errors.As(err, &access):
		reason = "the User Management API refused the access token"
		advice = "Check admin_console.token_url (the IMS of the organization) and that the credential belongs to organization " + org + "."
	case errors.As(err, &throttled):
		reason = "the User Management API throttled it (at most 5 groups-list requests per minute per client)"
		advice = "Another plan or a sync tool using the client of admin_console.client_id may have used this minute's requests. Try again in a " +
			"minute; list the organization once per configuration, through one Admin-Console-only provider alias whose data source feeds every " +
			"environment. A Retry-After up to retry_wait_max is waited out, max_retries times; a longer one is not."
	case errors.As(err, &redirect):
		reason = "the User Management API answered a redirect"
		advice = "Check admin_console.umapi_endpoint: use Adobe's https:// endpoint, e.g. https://usermanagement.adobe.io, with no path. " +
			"Redirects are never followed, so the token never reached " + redirect.Location + "."
	case errors.As(err, &down):
		reason = "it did not answer"
		advice = "Check admin_console.umapi_endpoint, admin_console.token_url and the network path to them; max_retries and request_timeout apply."
	}
	detail := err.Error()
	if advice != "" {
		detail += "\n\n" + advice
	}
	diags.AddWarning("Admin Console of "+org+" not checked: "+reason,
		detail+"\n\nThe data source answers checked = false and nothing read: the Campaign side is planned and applied as usual, "+
			"and the ims-setup module skips its Admin Console checks.")
}
