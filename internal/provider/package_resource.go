package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
	"github.com/acc-terraform/terraform-provider-campaign/internal/validate"
)

var (
	_ resource.Resource                = (*packageResource)(nil)
	_ resource.ResourceWithConfigure   = (*packageResource)(nil)
	_ resource.ResourceWithImportState = (*packageResource)(nil)
	_ resource.ResourceWithIdentity    = (*packageResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*packageResource)(nil)
)

// NewPackageResource is the campaign_package resource.
func NewPackageResource() resource.Resource { return &packageResource{} }

type packageResource struct {
	client *campaign.Client
	data   *providerData
}

type packageModel struct {
	ID       types.String   `tfsdk:"id"`
	Name     types.String   `tfsdk:"name"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (r *packageResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_package"
}

func (r *packageResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A built-in Campaign package, such as **Integration with the Adobe Experience Cloud**: adopted when installed, installed otherwise.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "The package identifier (same as `name`).",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Package identifier `namespace:name`, e.g. `nms:campaign`. The identifier of the Experience Cloud integration package is not published by Adobe: " +
					"read it from the `campaign_packages` data source on an instance where it is installed (the emulator calls it `nms:experienceCloudIntegration`).",
				Validators:    []validator.String{stringRule(validate.PackageName, validate.PackageNameAccepts)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"timeouts": installTimeout(ctx),
		},
	}
}

// installTimeout is the package's timeouts attribute: create only, which
// bounds the installation (the Logon and the package listing before it
// are bounded by the provider's request_timeout, as every call). Its value
// is checked by the provider's duration rule, whose error names
// timeouts.create and refuses a negative or zero duration (the
// timeouts package's own check names neither).
func installTimeout(ctx context.Context) schema.Attribute {
	a, _ := timeouts.Attributes(ctx, timeouts.Opts{
		Create: true,
		CreateDescription: "How long the installation may take (a Go duration such as `30m`), the check that Campaign lists the package " +
			"included. Default: `" + campaign.DefaultInstallTimeout.String() + "`. The Logon and the package listing before it are bounded by the provider's `request_timeout`.",
	}).(schema.SingleNestedAttribute)
	create, _ := a.Attributes["create"].(schema.StringAttribute)
	create.Validators = []validator.String{durationString()}
	a.Attributes["create"] = create
	a.MarkdownDescription = "Timeouts of this resource's operations."
	return a
}

func (r *packageResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if r.data = campaignDataOf(req.ProviderData, &resp.Diagnostics); r.data != nil {
		r.client = r.data.client
	}
}

// ModifyPlan warns, before an installation, when the provider's own
// operator has no admin right (own_operator.go).
func (r *packageResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data != nil && req.State.Raw.IsNull() && !req.Plan.Raw.IsNull() {
		r.data.warnOwnRights(ctx, &resp.Diagnostics)
	}
}

func (r *packageResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan packageModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, campaign.DefaultInstallTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Name.ValueString()
	installed, err := r.client.InstalledPackages(ctx)
	if err != nil {
		addClientError(&resp.Diagnostics, r.client, "listing installed packages", err)
		return
	}
	if !slices.Contains(installed, name) {
		// timeouts.create bounds the installation only.
		installCtx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		if err := r.client.InstallPackage(installCtx, name); err != nil {
			if errors.Is(err, context.DeadlineExceeded) || installCtx.Err() != nil {
				resp.Diagnostics.AddAttributeError(path.Root("timeouts").AtName("create"), "Package installation timed out on "+r.client.Endpoint(),
					fmt.Sprintf("Installing %s did not finish within timeouts.create (%s). Campaign may still be installing it: "+
						"check the instance's package list (data source campaign_packages), then raise timeouts.create and apply again. Cause: %v", quote(name), timeout, err))
				return
			}
			addClientError(&resp.Diagnostics, r.client, "installing package "+quote(name), err)
			explainRefusedWrite(ctx, &resp.Diagnostics, r.client, err)
			return
		}
	}
	plan.ID = plan.Name
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setNameIdentity(ctx, resp.Identity, name, &resp.Diagnostics)
}

func (r *packageResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state packageModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	setNameIdentity(ctx, resp.Identity, state.Name.ValueString(), &resp.Diagnostics) // from the state, whatever the read finds
	installed, err := r.client.InstalledPackages(ctx)
	if err != nil {
		addClientError(&resp.Diagnostics, r.client, "listing installed packages", err)
		return
	}
	if !slices.Contains(installed, state.Name.ValueString()) {
		resp.Diagnostics.AddWarning("Package not installed",
			"The package "+quote(state.Name.ValueString())+" is no longer listed as installed. It was removed from the Terraform state; the next apply installs it.")
		resp.State.RemoveResource(ctx)
		return
	}
	state.ID = state.Name
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update only changes timeouts: the name forces a replacement.
func (r *packageResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan packageModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setNameIdentity(ctx, resp.Identity, plan.Name.ValueString(), &resp.Diagnostics)
}

func (r *packageResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state packageModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.AddWarning("Campaign packages cannot be uninstalled",
		"The package "+quote(state.Name.ValueString())+" stays installed on the instance: Campaign has no uninstall. "+
			"It was only removed from the Terraform state.")
}

// IdentitySchema: the package's namespace:name.
func (r *packageResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = nameIdentitySchema("Package identifier namespace:name, e.g. nms:campaign.")
}

// ImportState takes namespace:name (import ID or identity) and checks that
// the package is installed.
func (r *packageResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := importName(ctx, req, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := validate.PackageName(id); err != nil {
		resp.Diagnostics.AddError("Invalid import ID", "The import ID is the package identifier, which "+err.Error()+", got: "+quote(id))
		return
	}
	installed, err := r.client.InstalledPackages(ctx)
	if err != nil {
		addClientError(&resp.Diagnostics, r.client, "listing installed packages", err)
		return
	}
	if !slices.Contains(installed, id) {
		resp.Diagnostics.AddError("Package not installed",
			"The package "+quote(id)+" is not installed on "+r.client.Endpoint()+", so there is nothing to import. "+
				"Declare it in a campaign_package resource and apply to install it. Installed packages: "+quote(strings.Join(installed, ", "))+".")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), id)...)
	setNameIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
}
