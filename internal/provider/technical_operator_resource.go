package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
	"github.com/acc-terraform/terraform-provider-campaign/internal/imslogin"
	"github.com/acc-terraform/terraform-provider-campaign/internal/validate"
)

// NewTechnicalOperatorResource is the campaign_technical_operator resource.
func NewTechnicalOperatorResource() resource.Resource { return &technicalOperatorResource{} }

type technicalOperatorResource struct{ recordClient }

// defaultTechnicalScopes are asked with the technical account's token when
// scopes is unset: Campaign reads the principal's product profiles from
// IMS's projected product context (CAMPAIGN_API.md).
var defaultTechnicalScopes = []string{"openid", "AdobeID", "additional_info.projectedProductContext"}

// loginKey is the id and the login a record keyed by login starts with.
type loginKey struct {
	ID    types.String `tfsdk:"id"`
	Login types.String `tfsdk:"login"`
}

func (k *loginKey) key() (id, name *types.String) { return &k.ID, &k.Login }

// technicalOperatorModel holds one attribute per field of
// campaign.OperatorRecord (login, named_rights; converted by
// record_model.go), what Campaign sets (operator_id, groups), and the
// technical account's credential, Terraform-side.
type technicalOperatorModel struct {
	loginKey
	NamedRights           types.Set    `tfsdk:"named_rights"`
	ClientID              types.String `tfsdk:"client_id"`
	ClientSecretWO        types.String `tfsdk:"client_secret_wo"`
	ClientSecretWOVersion types.Int64  `tfsdk:"client_secret_wo_version"`
	TokenURL              types.String `tfsdk:"token_url"`
	Scopes                types.List   `tfsdk:"scopes"`
	OperatorID            types.Int64  `tfsdk:"operator_id"`
	Groups                types.Set    `tfsdk:"groups"`
}

func (r *technicalOperatorResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_technical_operator"
}

func (r *technicalOperatorResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = technicalOperatorSchema()
}

// technicalOperatorSchema is the resource's schema; the shared steps read
// their rules from it too (technicalOperatorKind).
func technicalOperatorSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "The Campaign **operator of an API integration's technical account** (the OAuth server-to-server credential of an " +
			"Adobe Developer Console project, given Campaign product profiles). Campaign creates it at the technical account's first API call, " +
			"with the operator groups its product profiles map to; this resource makes that call when the operator does not exist yet, " +
			"reads it, and owns only the extra named rights of migration step 9. Destroy removes those rights and keeps the operator.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute(campaign.OperatorRecord(), "login"),
			"login": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "The operator's login: the technical account's email, `…@techacct.adobe.com` (Developer Console: the credential's " +
					"*Technical account email*). When unset, the provider learns it from the first call, which then needs `client_secret_wo`.",
				Validators:    []validator.String{stringRule(validate.OperatorLogin, validate.OperatorLoginAccepts)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplaceIfConfigured()},
			},
			"client_id": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Client id of the OAuth server-to-server credential (Developer Console). Changing it replaces the resource: " +
					"another credential is another technical account.",
				Validators:    append([]validator.String{stringvalidator.LengthAtLeast(1)}, printableRule...),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"client_secret_wo": schema.StringAttribute{
				Optional: true, Sensitive: true, WriteOnly: true,
				MarkdownDescription: "Client secret of the credential, write-only: used only while the operator does not exist yet, to make the " +
					"technical account's first call; never stored in plan or state (Terraform 1.11 or later). Needs `client_secret_wo_version`.",
				Validators: append([]validator.String{
					stringvalidator.AlsoRequires(path.MatchRoot("client_secret_wo_version")),
					stringvalidator.LengthAtLeast(1),
				}, secretTextRule...),
			},
			"client_secret_wo_version": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: "Version of `client_secret_wo`: change it with the secret.",
				Validators:          []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("client_secret_wo"))},
			},
			"token_url": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "IMS token endpoint of the first call. Default: `" + campaign.DefaultIMSTokenURL + "`.",
				Validators:          []validator.String{stringRule(validate.TokenURL, validate.TokenURLAccepts)},
			},
			"scopes": schema.ListAttribute{
				Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Scopes of the first call's token, as the credential lists them. Default: `[\"" + strings.Join(defaultTechnicalScopes, "\", \"") + "\"]`.",
				Validators:          []validator.List{listvalidator.ValueStringsAre(stringRule(validate.Scope, validate.ScopeAccepts))},
			},
			"named_rights": schema.SetAttribute{
				Optional: true, ElementType: types.StringType,
				MarkdownDescription: "The extra named rights this resource owns on the operator itself (migration step 9: the rights the old operator held " +
					"outside its groups), e.g. `[\"exportFile\"]`. A right removed in the console is restored; rights others gave the operator are left " +
					"alone. Unset: owns none. Those its groups give are in `groups`, from its product profiles.",
				Validators: []validator.Set{setvalidator.ValueStringsAre(namedRightRule...)},
			},
			"operator_id": schema.Int64Attribute{
				Computed: true, MarkdownDescription: "Numeric identifier Campaign gave the operator (`@id`).",
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"groups": schema.SetAttribute{
				Computed: true, ElementType: types.StringType,
				MarkdownDescription: "The operator groups Campaign gave the operator from its product profiles, through the association mask: read only.",
				PlanModifiers:       []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

// technicalOperatorKind is the technical operator in the record resources'
// shared steps.
var technicalOperatorKind = recordResource{
	rt: campaign.OperatorRecord(), resourceType: "campaign_technical_operator", keyAttr: "login",
	whileGone:     " Until then, the integration's calls are made as an operator Campaign creates again at its next call, without the extra named rights.",
	nullWhenEmpty: emptyIsNull(technicalOperatorSchema()),
}

// credential is the technical account's OAuth credential of a configuration.
func (m *technicalOperatorModel) credential(ctx context.Context, config *technicalOperatorModel, diags *diag.Diagnostics) campaign.IMSCredentials {
	cred := campaign.IMSCredentials{ClientID: m.ClientID.ValueString(), ClientSecret: config.ClientSecretWO.ValueString(),
		TokenURL: m.TokenURL.ValueString(), Scopes: defaultTechnicalScopes}
	if !m.Scopes.IsNull() {
		diags.Append(m.Scopes.ElementsAs(ctx, &cred.Scopes, false)...)
	}
	return cred
}

// ModifyPlan claims the operator (record_claims.go), refuses at plan a
// create that could not find its operator (no login, no secret), and checks
// the named rights against the instance when they change.
func (r *technicalOperatorResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if claimPlan(ctx, r.data, technicalOperatorKind, req, resp); resp.Diagnostics.HasError() || req.Plan.Raw.IsNull() || r.data == nil {
		return
	}
	var plan, config technicalOperatorModel
	if !readModels(ctx, &resp.Diagnostics, modelSource{req.Plan, &plan}, modelSource{req.Config, &config}) {
		return
	}
	if req.State.Raw.IsNull() && config.Login.IsNull() && config.ClientSecretWO.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("client_secret_wo"), "The technical operator cannot be found",
			"Set login (the credential's technical account email, …@techacct.adobe.com) when the operator exists already, or client_secret_wo "+
				"(with client_secret_wo_version): the provider then makes the technical account's first API call, at which Campaign creates its operator "+
				"and which says its login.")
		return
	}
	if plan.NamedRights.IsUnknown() || plan.NamedRights.IsNull() || plan.Login.IsUnknown() {
		return
	}
	if !req.State.Raw.IsNull() {
		var state technicalOperatorModel
		if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() || state.NamedRights.Equal(plan.NamedRights) {
			return // the rights do not change: nothing to check
		}
	}
	op := modelToRecord(ctx, technicalOperatorKind.rt, &plan, &resp.Diagnostics)
	if err := r.client.CheckOperator(ctx, op); err != nil {
		addRecordWriteError(ctx, &resp.Diagnostics, r.client, technicalOperatorKind.rt, plan.Login.ValueString(), err)
	}
}

// Create finds the operator (by login, or through the technical account's
// first call when it does not exist yet), then writes the named rights it
// owns, if any.
func (r *technicalOperatorResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, config technicalOperatorModel
	if !readModels(ctx, &resp.Diagnostics, modelSource{req.Plan, &plan}, modelSource{req.Config, &config}) {
		return
	}
	login, read, ok := r.ensure(ctx, &plan, &config, &resp.Diagnostics)
	if !ok {
		return
	}
	plan.Login = types.StringValue(login)
	r.write(ctx, &plan, nil, read, resp.Private, recordOutput{&resp.State, resp.Identity, &resp.Diagnostics}, true)
}

// ensure returns the operator's login and read: the operator of the
// configured login when it exists; otherwise the technical account's first
// call (with client_secret_wo) makes Campaign create it.
func (r *technicalOperatorResource) ensure(ctx context.Context, plan, config *technicalOperatorModel, diags *diag.Diagnostics) (string, campaign.RecordRead, bool) {
	login := config.Login.ValueString()
	if login != "" {
		read, err := r.client.ReadOperator(ctx, login, campaign.Hint{})
		switch {
		case err == nil:
			return login, read, true
		case !errors.Is(err, campaign.ErrNotFound):
			addClientError(diags, r.client, "reading operator "+quote(login), err)
			return "", read, false
		case config.ClientSecretWO.IsNull():
			diags.AddAttributeError(path.Root("client_secret_wo"), "The operator "+login+" does not exist yet on "+r.client.Endpoint(),
				"Campaign creates a technical account's operator at its first API call. Set client_secret_wo (with client_secret_wo_version) so that "+
					"the provider makes that call, or make one API call with the credential, then apply again.")
			return "", read, false
		}
	}
	cred := plan.credential(ctx, config, diags)
	if diags.HasError() {
		return "", campaign.RecordRead{}, false
	}
	called, err := r.client.FirstCall(ctx, cred)
	if err != nil {
		r.addFirstCallError(ctx, diags, cred, err)
		return "", campaign.RecordRead{}, false
	}
	if login != "" && !strings.EqualFold(called, login) {
		diags.AddAttributeError(path.Root("login"), "The credential is another technical account",
			fmt.Sprintf("The first call with client_id %s was made as %s, not the configured login %s. Set login to %s, or remove it.",
				quote(cred.ClientID), quote(called), quote(login), quote(called)))
		return "", campaign.RecordRead{}, false
	}
	read, err := r.client.ReadOperator(ctx, called, campaign.Hint{})
	if err != nil {
		addClientError(diags, r.client, "reading operator "+quote(called)+" after its first call", err)
		return "", read, false
	}
	return called, read, true
}

// addFirstCallError explains a first call that failed: the credential
// refused by IMS, or the call refused by Campaign because the technical
// account's product profiles map to no operator group.
func (r *technicalOperatorResource) addFirstCallError(ctx context.Context, diags *diag.Diagnostics, cred campaign.IMSCredentials, err error) {
	var (
		token   *campaign.TechnicalTokenError
		refused *campaign.NoMatchingRightError
	)
	switch {
	case errors.As(err, &token):
		reason, advice, _ := tokenDiagnosis(token.Err, technicalOperatorCredential())
		diags.AddAttributeError(path.Root("client_secret_wo"), "IMS gave the technical account no token: "+reason,
			fmt.Sprintf("%v (client_id %s)\n\n%s Nothing was written.", token.Err, quote(cred.ClientID), advice))
	case errors.As(err, &refused):
		diags.AddAttributeError(path.Root("client_id"), "Campaign refused the technical account's first call on "+r.client.Endpoint(),
			fmt.Sprintf("%v\n\n%s Nothing was written, and Campaign created no operator.", refused.Fault, r.profilesNeeded(ctx, refused.Profiles)))
	default:
		addClientError(diags, r.client, "making the technical account's first call", err)
	}
}

// profilesNeeded says which product profiles the credential's project
// needs: the mapping's reason for the profiles it holds (when IMS says
// them), and the exact profile name of each operator group of the instance.
func (r *technicalOperatorResource) profilesNeeded(ctx context.Context, held []string) string {
	in, _ := loginInstance(ctx, r.client)
	var names []string
	for _, g := range in.Groups {
		if p, err := validate.ProductProfile(in.Mask, g.Name); err == nil {
			names = append(names, fmt.Sprintf("%q (group %s)", p, g.Name))
		}
	}
	msg := "Its product profiles map to no operator group of the instance through the association mask."
	if held != nil {
		msg = imslogin.Login(in, held).Reason
	}
	if len(names) > 0 {
		msg += " In the Developer Console, give the credential's project the product profile of the group its operator needs: " + strings.Join(names, ", ") + "."
	}
	return msg
}

func (r *technicalOperatorResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state technicalOperatorModel
	got, ok := readRecord(ctx, r.data, technicalOperatorKind, req, resp, &state, r.client.ReadOperator)
	if !ok {
		return
	}
	owned := state.NamedRights
	state.fromRead(got, &resp.Diagnostics)
	state.NamedRights = ownedRights(owned, got.Record.List("right"))
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// ownedRights are the rights the resource owned (prior) that the operator
// still holds: a right removed in the console drops out, so the plan puts
// it back; rights others gave it are not the resource's.
func ownedRights(prior types.Set, actual []string) types.Set {
	if prior.IsNull() || prior.IsUnknown() {
		return types.SetNull(types.StringType)
	}
	var kept []string
	for _, e := range prior.Elements() {
		if s, ok := e.(types.String); ok && slices.Contains(actual, s.ValueString()) {
			kept = append(kept, s.ValueString())
		}
	}
	return stringSet(kept)
}

// fromRead copies what Campaign holds: the login, the id, the groups.
func (m *technicalOperatorModel) fromRead(got campaign.RecordRead, diags *diag.Diagnostics) {
	rights := m.NamedRights
	recordToModel(technicalOperatorKind, got.Record, m, diags)
	m.NamedRights = rights // the resource's own, set by the caller
	m.ID = types.StringValue(got.Record.Name())
	m.OperatorID = types.Int64Null()
	if id, err := strconv.ParseInt(got.Record.ID(), 10, 64); err == nil {
		m.OperatorID = types.Int64Value(id)
	}
	m.Groups = stringSet(got.Groups)
}

// Update writes the named rights when they changed (the credential's
// attributes are Terraform-side: no call).
func (r *technicalOperatorResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state technicalOperatorModel
	if !readModels(ctx, &resp.Diagnostics, modelSource{req.Plan, &plan}, modelSource{req.State, &state}) {
		return
	}
	r.write(ctx, &plan, &state, campaign.RecordRead{}, resp.Private, recordOutput{&resp.State, resp.Identity, &resp.Diagnostics}, false)
}

// write writes the named rights the plan owns (those the state owned and
// the plan drops are removed; none when they did not change) and keeps the
// plan: the operator's id and groups come from read on create, from the
// state on update (they do not change with a write of named rights).
func (r *technicalOperatorResource) write(ctx context.Context, plan, state *technicalOperatorModel, read campaign.RecordRead,
	private privateSetter, out recordOutput, create bool) {
	login := plan.Login.ValueString()
	if create {
		plan.fromRead(read, out.diags)
	}
	previous := campaign.Record{}
	if state != nil {
		previous = modelToRecord(ctx, technicalOperatorKind.rt, state, out.diags)
	}
	op := modelToRecord(ctx, technicalOperatorKind.rt, plan, out.diags)
	if out.diags.HasError() {
		return
	}
	w := recordWrite{
		kind: technicalOperatorKind, data: r.data, create: create, name: login,
		explain: func(err error) { addRecordWriteError(ctx, out.diags, r.client, technicalOperatorKind.rt, login, err) },
		stored: func(res campaign.RecordWrite) bool {
			if res.ReadBackErr != nil {
				warnNotReadBack(out.diags, r.client, technicalOperatorKind.rt, login, res.ReadBackErr)
				return true
			}
			if addStoredDifferences(out.diags, r.client, technicalOperatorKind.rt, res); out.diags.HasError() {
				return false
			}
			writeHint(ctx, private, res.Hint, out.diags)
			return true
		},
	}
	if previous.Get("right") != op.Get("right") {
		w.send = func() (campaign.RecordWrite, error) { return r.client.WriteOperator(ctx, op, previous) }
	}
	keepWrite(ctx, out, plan, w)
}

// Delete removes the named rights the resource owns and keeps the
// operator: IMS and Campaign own it (it comes back at the next call anyway).
func (r *technicalOperatorResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state technicalOperatorModel
	if resp.Diagnostics.Append(req.State.Get(ctx, &state)...); resp.Diagnostics.HasError() {
		return
	}
	login := state.Login.ValueString()
	defer r.data.claims.release(technicalOperatorKind.rt, login)
	previous := modelToRecord(ctx, technicalOperatorKind.rt, &state, &resp.Diagnostics)
	if previous.Get("right") == "" {
		return
	}
	_, err := r.client.WriteOperator(ctx, campaign.Record{"name": login, "right": ""}, previous)
	switch {
	case errors.Is(err, campaign.ErrNotFound):
	case err != nil:
		addRecordWriteError(ctx, &resp.Diagnostics, r.client, technicalOperatorKind.rt, login, err)
	}
}

// IdentitySchema: the operator's login.
func (r *technicalOperatorResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = keyIdentitySchema("login", "Login of the operator: the technical account's email, e.g. 3A7F4C2B9E1D8A6F5C3B2E1D@techacct.adobe.com.")
}

// ImportState takes the login (import ID or identity); the imported
// resource owns no named right until the configuration lists some.
func (r *technicalOperatorResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByKey(ctx, technicalOperatorKind, validate.OperatorLogin, req, resp)
}
