package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// List resources (Terraform >= 1.14): `terraform query` finds what exists on
// an instance and generates import blocks and configuration for it. The
// resource types list themselves, so each is its own list resource.

var (
	_ list.ListResourceWithConfigure = (*imsExternalAccountResource)(nil)
	_ list.ListResourceWithConfigure = (*packageResource)(nil)
)

// NewIMSExternalAccountListResource lists the Adobe Experience Cloud accounts.
func NewIMSExternalAccountListResource() list.ListResource { return &imsExternalAccountResource{} }

// NewPackageListResource lists the installed packages.
func NewPackageListResource() list.ListResource { return &packageResource{} }

func (r *imsExternalAccountResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Every Adobe Experience Cloud external account of the instance, duplicates included " +
			"(more than one breaks Adobe ID login). One query, whatever their number. The client secret is never listed.",
	}
}

// List streams every account of the Adobe Experience Cloud type: its
// identity, and with include_resource its attributes (no secret).
func (r *imsExternalAccountResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	accounts, err := r.client.ListIMSAccounts(ctx)
	if err != nil {
		var diags diag.Diagnostics
		addClientError(&diags, r.client, "listing external accounts", err)
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		for i := range accounts {
			result := req.NewListResult(ctx)
			result.DisplayName = accounts[i].Get("name")
			setNameIdentity(ctx, result.Identity, accounts[i].Get("name"), &result.Diagnostics)
			if req.IncludeResource {
				m := imsExternalAccountModel{ClientSecret: types.StringNull(), ClientSecretWOVersion: types.Int64Null()}
				m.fromAccount(accounts[i])
				result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
			}
			if !push(result) {
				return
			}
		}
	}
}

func (r *packageResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Every package installed on the instance, from the session (no extra call with a login and password).",
	}
}

// List streams the installed packages.
func (r *packageResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	installed, err := r.client.InstalledPackages(ctx)
	if err != nil {
		var diags diag.Diagnostics
		addClientError(&diags, r.client, "listing installed packages", err)
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	noTimeouts := timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{"create": types.StringType})}
	stream.Results = func(push func(list.ListResult) bool) {
		for _, name := range installed {
			result := req.NewListResult(ctx)
			result.DisplayName = name
			setNameIdentity(ctx, result.Identity, name, &result.Diagnostics)
			if req.IncludeResource {
				result.Diagnostics.Append(result.Resource.Set(ctx, &packageModel{
					ID: types.StringValue(name), Name: types.StringValue(name), Timeouts: noTimeouts,
				})...)
			}
			if !push(result) {
				return
			}
		}
	}
}

var (
	_ list.ListResource              = (*operatorGroupResource)(nil)
	_ list.ListResourceWithConfigure = (*operatorGroupResource)(nil)
)

// NewOperatorGroupListResource lists the operator groups.
func NewOperatorGroupListResource() list.ListResource { return &operatorGroupResource{} }

func (r *operatorGroupResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Every operator group of the instance with its named rights, built-in groups included, in one query.",
	}
}

// List streams the operator groups, sorted by internal name.
func (r *operatorGroupResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	groups, err := r.client.OperatorGroups(ctx, nil)
	if err != nil {
		var diags diag.Diagnostics
		addClientError(&diags, r.client, "listing operator groups", err)
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		for _, g := range groups {
			result := req.NewListResult(ctx)
			result.DisplayName = g.Get("name")
			setNameIdentity(ctx, result.Identity, g.Get("name"), &result.Diagnostics)
			if req.IncludeResource {
				var m operatorGroupModel
				m.fromRecord(g)
				result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
			}
			if !push(result) {
				return
			}
		}
	}
}
