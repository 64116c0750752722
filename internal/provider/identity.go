package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Both resources are identified by one attribute, `name` (Terraform >= 1.12):
// the account's internal name, the package's namespace:name. An identity is
// per provider configuration, so the instance is not part of it.

// nameIdentitySchema is the identity schema of both resources.
func nameIdentitySchema(description string) identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"name": identityschema.StringAttribute{RequiredForImport: true, Description: description},
		},
	}
}

// setNameIdentity records the identity; Terraform before 1.12 sends none.
func setNameIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, name string, diags *diag.Diagnostics) {
	if identity != nil {
		diags.Append(identity.SetAttribute(ctx, path.Root("name"), name)...)
	}
}

// importName is what an import names: the CLI or `id` import ID, or the
// `name` of an `identity` import block.
func importName(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics) string {
	if req.ID != "" || req.Identity == nil {
		return req.ID
	}
	var name types.String
	diags.Append(req.Identity.GetAttribute(ctx, path.Root("name"), &name)...)
	return name.ValueString()
}
