package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

// NewOperatorGroupResource is the campaign_operator_group resource.
func NewOperatorGroupResource() resource.Resource { return &operatorGroupResource{} }

type operatorGroupResource struct{ recordClient }

// builtInGroups are the operator groups every Campaign v8 instance has
// ("Default product profiles and operator groups"): destroying one needs
// force_destroy.
var builtInGroups = []string{"admin", "delivery", "operation", "content", "report", "workflow", "workflowSupervisor", "central", "local", "offer"}

// operatorGroupModel holds one attribute per field of
// campaign.OperatorGroupRecord (converted by record_model.go), plus the
// Terraform-side ones.
type operatorGroupModel struct {
	recordKey
	Label        types.String `tfsdk:"label"`
	Description  types.String `tfsdk:"description"`
	NamedRights  types.Set    `tfsdk:"named_rights"`
	ForceDestroy types.Bool   `tfsdk:"force_destroy"`
}

func (r *operatorGroupResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_operator_group"
}

func (r *operatorGroupResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = groupSchema()
}

// groupSchema is the resource's schema; the shared steps read their rules
// from it too (groupResource).
func groupSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A Campaign **operator group** (Administration > Access management > Operator groups), " +
			"which an Adobe ID product profile maps to through the association mask.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute(campaign.OperatorGroupRecord(), "name"),
			"name": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Internal name (console: *Internal name*), the part of the product-profile name the mask captures. " +
					"Letters, digits and `_`. Changing it replaces the group.",
				Validators:    internalNameRule(campaign.OperatorGroupRecord()),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"label": schema.StringAttribute{
				Optional: true, Computed: true, PlanModifiers: []planmodifier.String{stringKeepUnsetOnUpdate()},
				MarkdownDescription: "Label (console: *Label*). When unset, Campaign's value is kept.",
				Validators:          append([]validator.String{stringvalidator.UTF8LengthBetween(1, 128)}, printableRule...),
			},
			"description": schema.StringAttribute{
				Optional: true, Computed: true, PlanModifiers: []planmodifier.String{stringKeepUnsetOnUpdate()},
				MarkdownDescription: "Description (console: *Description*): free text, line breaks included. `\"\"` clears it. When unset, Campaign's value is kept.",
				Validators:          xmlTextRule,
			},
			"named_rights": schema.SetAttribute{
				Optional: true, Computed: true, ElementType: types.StringType,
				PlanModifiers:       []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
				MarkdownDescription: "Internal names of the group's named rights (console: *Content* tab), e.g. `[\"admin\"]`. When unset, Campaign's rights are kept.",
				Validators:          []validator.Set{setvalidator.ValueStringsAre(namedRightRule...)},
			},
			"force_destroy": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Destroy the group even when operators are members of it, or when it is a built-in group: " +
					"deleting it revokes their rights at once. Default: `false`.",
			},
		},
	}
}

// ValidateConfig warns, at plan time, when the group's name contains
// "admin": its product profile's name then contains it too, and Campaign
// gives any product profile whose name contains "admin" access to the
// Campaign Control Panel, whatever the group's rights.
func (r *operatorGroupResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg operatorGroupModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || cfg.Name.IsNull() || cfg.Name.IsUnknown() {
		return
	}
	if name := cfg.Name.ValueString(); name != "admin" && strings.Contains(strings.ToLower(name), "admin") {
		resp.Diagnostics.AddAttributeWarning(path.Root("name"), "The product profile of "+name+" grants Control Panel access",
			controlPanelWarning(name))
	}
}

// controlPanelWarning explains what "admin" in a product-profile name does.
func controlPanelWarning(group string) string {
	return "The Admin Console product profile that maps to " + quote(group) + " has \"admin\" in its name. Campaign gives any product profile " +
		"whose name contains the word \"admin\" access to the Campaign Control Panel, whatever the rights of the group. " +
		"Choose another internal name unless its members should administer the instance."
}

// ModifyPlan refuses, at plan, a create of a group that another resource of
// this provider configuration manages or creates, and what the write would
// refuse (a field the build lacks, a named right the instance does not
// define: one cached schema read, only when the group changes); it warns
// that a rename replaces the group.
func (r *operatorGroupResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if claimPlan(ctx, r.data, groupResource, req, resp); resp.Diagnostics.HasError() || req.Plan.Raw.IsNull() || r.data == nil {
		return
	}
	var plan, config operatorGroupModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() || plan.Name.IsUnknown() {
		return
	}
	name := plan.Name.ValueString()
	var state *operatorGroupModel
	if !req.State.Raw.IsNull() {
		state = &operatorGroupModel{}
		if resp.Diagnostics.Append(req.State.Get(ctx, state)...); resp.Diagnostics.HasError() {
			return
		}
	}
	if state != nil && !plan.Name.Equal(state.Name) {
		resp.Diagnostics.AddAttributeWarning(path.Root("name"), "Renaming operator group "+state.Name.ValueString()+" replaces it",
			fmt.Sprintf("Campaign has no rename: the group %s is destroyed and %s created. Its operators lose the group's rights until they "+
				"log in again with an Adobe ID whose product profile maps to %s (create that product profile in the Admin Console first). "+
				"Destroying a group with members also needs force_destroy = true.",
				quote(state.Name.ValueString()), quote(name), quote(name)))
	}
	change := planGroupChange(ctx, &plan, &config, state, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !change.writes {
		return // nothing to write: nothing to check
	}
	if err := r.client.CheckOperatorGroup(ctx, change.group, change.defaulted); err != nil {
		addRecordWriteError(ctx, &resp.Diagnostics, r.client, groupResource.rt, name, err)
	}
}

// groupChange is what a plan writes of a group: the group, what Campaign
// held before (nil on create), the attributes the user left unset, and
// whether there is anything to write (a create, or a Campaign value that
// changed; force_destroy alone is Terraform-side). The plan checks it
// against the instance and the apply writes it.
type groupChange struct {
	group, before campaign.Record
	defaulted     map[string]bool
	writes        bool
}

func planGroupChange(ctx context.Context, plan, config, state *operatorGroupModel, diags *diag.Diagnostics) groupChange {
	var c groupChange
	c.group, c.defaulted = plan.toWrite(ctx, config, diags)
	if state != nil {
		c.before = modelToRecord(ctx, groupResource.rt, state, diags)
	}
	c.writes = state == nil || !maps.Equal(c.group, c.before)
	return c
}

// toWrite is the group to write for a plan; unknown values (unset
// attributes on create: the instance decides) are not written.
func (m *operatorGroupModel) toWrite(ctx context.Context, config *operatorGroupModel, diags *diag.Diagnostics) (campaign.Record, map[string]bool) {
	return modelToRecord(ctx, groupResource.rt, m, diags), unsetFields(groupResource.rt, config)
}

func (m *operatorGroupModel) fromRecord(g campaign.Record, diags *diag.Diagnostics) {
	recordToModel(groupResource, g, m, diags)
	m.ID = types.StringValue(g.Name())
	if m.ForceDestroy.IsNull() || m.ForceDestroy.IsUnknown() {
		m.ForceDestroy = types.BoolValue(false) // imported: the default
	}
}

// Create writes the group and stores what Campaign holds (keepWrite).
func (r *operatorGroupResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, config operatorGroupModel
	if readModels(ctx, &resp.Diagnostics, modelSource{req.Plan, &plan}, modelSource{req.Config, &config}) {
		r.write(ctx, &plan, &config, nil, resp.Private, recordOutput{&resp.State, resp.Identity, &resp.Diagnostics})
	}
}

func (r *operatorGroupResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state operatorGroupModel
	got, ok := readRecord(ctx, r.data, groupResource, req, resp, &state, r.client.ReadOperatorGroup)
	if !ok {
		return
	}
	state.fromRecord(got.Record, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update writes the group when a Campaign value changed (force_destroy
// alone is Terraform-side); on an error the prior state stays.
func (r *operatorGroupResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, config, state operatorGroupModel
	if readModels(ctx, &resp.Diagnostics, modelSource{req.Plan, &plan}, modelSource{req.Config, &config}, modelSource{req.State, &state}) {
		r.write(ctx, &plan, &config, &state, resp.Private, recordOutput{&resp.State, resp.Identity, &resp.Diagnostics})
	}
}

// write creates (state nil) or updates the planned group, and keeps what
// Campaign stored; an update that changes no Campaign value writes nothing.
func (r *operatorGroupResource) write(ctx context.Context, plan, config, state *operatorGroupModel, private privateSetter, out recordOutput) {
	c := planGroupChange(ctx, plan, config, state, out.diags)
	if out.diags.HasError() {
		return
	}
	w := recordWrite{
		kind: groupResource, data: r.data, create: state == nil,
		name:    c.group.Name(),
		explain: func(err error) { addRecordWriteError(ctx, out.diags, r.client, groupResource.rt, c.group.Name(), err) },
		stored:  func(res campaign.RecordWrite) bool { return r.stored(ctx, plan, c.group, res, private, out.diags) },
	}
	switch {
	case state == nil:
		w.send = func() (campaign.RecordWrite, error) { return r.client.CreateOperatorGroup(ctx, c.group, c.defaulted) }
	case c.writes:
		w.send = func() (campaign.RecordWrite, error) {
			return r.client.WriteOperatorGroup(ctx, c.group, c.before, c.defaulted)
		}
	}
	keepWrite(ctx, out, plan, w)
}

// stored turns the outcome of a write into the model to store (see the
// account's stored, which this follows).
func (r *operatorGroupResource) stored(ctx context.Context, plan *operatorGroupModel, wrote campaign.Record, res campaign.RecordWrite,
	private privateSetter, diags *diag.Diagnostics) bool {
	rt := campaign.OperatorGroupRecord()
	if res.ReadBackErr != nil {
		plan.ID = plan.Name
		settleUnknown(groupResource, wrote, plan, diags)
		warnNotReadBack(diags, r.client, rt, wrote.Name(), res.ReadBackErr)
		return true
	}
	if addStoredDifferences(diags, r.client, rt, res); diags.HasError() {
		return false
	}
	force := plan.ForceDestroy
	plan.fromRecord(res.Stored, diags)
	plan.ForceDestroy = force
	writeHint(ctx, private, res.Hint, diags)
	return true
}

// Delete refuses to delete a group that still has operators, or a built-in
// group, unless force_destroy: deleting it revokes their rights at once.
func (r *operatorGroupResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state operatorGroupModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name, force := state.Name.ValueString(), state.ForceDestroy.ValueBool()
	group, err := r.client.OperatorGroup(ctx, name, readHint(ctx, req.Private, &resp.Diagnostics))
	if errors.Is(err, campaign.ErrNotFound) {
		return // already gone
	}
	if err != nil {
		addClientError(&resp.Diagnostics, r.client, "reading operator group "+quote(name)+" before deleting it", err)
		return
	}
	if !force && slices.Contains(builtInGroups, name) {
		resp.Diagnostics.AddAttributeError(path.Root("force_destroy"), "Built-in operator group "+name+" not destroyed on "+r.client.Endpoint(),
			quote(name)+" is one of Campaign's built-in operator groups, which product profiles and operators rely on. "+
				"To delete it anyway, set force_destroy = true and apply before destroying; to stop managing it, use terraform state rm (or a removed block).")
		return
	}
	if !force {
		members, err := r.client.GroupMembers(ctx, group.ID())
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("force_destroy"), "Operator group "+name+" not destroyed on "+r.client.Endpoint(),
				fmt.Sprintf("Its members could not be counted (%v), and deleting a group revokes its rights from its operators at once. "+
					"Set force_destroy = true to delete it without counting.", err))
			return
		}
		if len(members) > 0 {
			shown := members[:min(10, len(members))]
			more := ""
			if len(members) > len(shown) {
				more = fmt.Sprintf(" and %d more", len(members)-len(shown))
			}
			resp.Diagnostics.AddAttributeError(path.Root("force_destroy"), "Operator group "+name+" still has operators on "+r.client.Endpoint(),
				fmt.Sprintf("%d operator(s) are members of %s: %s%s. Deleting the group revokes its rights from them at once. "+
					"Move them to another group (or remove the product profile in the Admin Console), or set force_destroy = true and apply before destroying.",
					len(members), quote(name), strings.Join(shown, ", "), more))
			return
		}
	}
	if err := r.client.DeleteOperatorGroup(ctx, name); err != nil {
		addClientError(&resp.Diagnostics, r.client, "deleting operator group "+quote(name), err)
		return
	}
	r.data.claims.release(groupResource.rt, name)
}

// IdentitySchema: the group's internal name.
func (r *operatorGroupResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = nameIdentitySchema("Internal name of the operator group, e.g. reviewers.")
}

// ImportState takes the internal name (import ID or identity).
func (r *operatorGroupResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if importByName(ctx, groupResource, req, resp); !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("force_destroy"), false)...)
	}
}

// groupResource is the group in the record resources' shared steps.
var groupResource = recordResource{
	rt: campaign.OperatorGroupRecord(), resourceType: "campaign_operator_group", keyAttr: "name",
	whileGone:     " Until then, Adobe ID logins whose product profile maps to it get no rights from it.",
	nullWhenEmpty: emptyIsNull(groupSchema()),
}
