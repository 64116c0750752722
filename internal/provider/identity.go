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

// Every resource is identified by one attribute (Terraform >= 1.12): `name`
// (the account's and the group's internal name, the package's
// namespace:name) or `login` (a technical operator's). An identity is per
// provider configuration, so the instance is not part of it.

// keyIdentitySchema is the identity schema of a resource identified by attr.
func keyIdentitySchema(attr, description string) identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			attr: identityschema.StringAttribute{RequiredForImport: true, Description: description},
		},
	}
}

// nameIdentitySchema is the identity schema of a resource identified by name.
func nameIdentitySchema(description string) identityschema.Schema {
	return keyIdentitySchema("name", description)
}

// setIdentity records the identity; Terraform before 1.12 sends none.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, attr, value string, diags *diag.Diagnostics) {
	if identity != nil {
		diags.Append(identity.SetAttribute(ctx, path.Root(attr), value)...)
	}
}

// setNameIdentity records the identity of a resource identified by name.
func setNameIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, name string, diags *diag.Diagnostics) {
	setIdentity(ctx, identity, "name", name, diags)
}

// importKey is what an import names: the CLI or `id` import ID, or the
// attr of an `identity` import block.
func importKey(ctx context.Context, req resource.ImportStateRequest, attr string, diags *diag.Diagnostics) string {
	if req.ID != "" || req.Identity == nil {
		return req.ID
	}
	var v types.String
	diags.Append(req.Identity.GetAttribute(ctx, path.Root(attr), &v)...)
	return v.ValueString()
}

// importName is importKey of a resource identified by name.
func importName(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics) string {
	return importKey(ctx, req, "name", diags)
}
