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

var _ list.ListResourceWithConfigure = (*packageResource)(nil)

// NewPackageListResource lists the installed packages.
func NewPackageListResource() list.ListResource { return &packageResource{} }

func (r *packageResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Every package installed on the instance, from the session (no extra call with a login and password).",
	}
}

// List streams the installed packages.
func (r *packageResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	installed, err := r.client.InstalledPackages(ctx)
	noTimeouts := timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{"create": types.StringType})}
	streamNamed(ctx, req, stream, r.client, "listing installed packages", "name", installed, err, func(name string) string { return name },
		func(name string, _ *diag.Diagnostics) any {
			return &packageModel{ID: types.StringValue(name), Name: types.StringValue(name), Timeouts: noTimeouts}
		})
}
