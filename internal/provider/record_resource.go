package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
	"github.com/acc-terraform/terraform-provider-campaign/internal/validate"
)

// The record resources (the account, the operator group) share their steps:
// the Read here, the end of Create and Update in record_write.go, the
// claims of record_claims.go, the conversions of record_model.go, the hint
// of record_hint.go and the rules of record_rules.go. Each resource's file
// holds its schema, its model and what is its own; provider.go lists them,
// with their compile-time interface assertions.

// recordResource is what tells the record resources apart where their
// shared steps meet.
type recordResource struct {
	rt           *campaign.RecordType
	resourceType string // "campaign_operator_group"
	// keyAttr is the attribute of the record's internal name: "name".
	keyAttr string
	// whileGone says what the record's absence means until the next apply.
	whileGone string
	// nullWhenEmpty are the string attributes an empty Campaign value reads
	// as null (emptyIsNull): the optional ones Terraform does not compute.
	nullWhenEmpty map[string]bool
}

// recordClient is what every record resource holds: the provider data of
// its provider configuration (claims, once-per-process warnings) and its
// Campaign client. Its Configure is theirs.
type recordClient struct {
	client *campaign.Client
	data   *providerData
}

func (r *recordClient) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = campaignDataOf(req.ProviderData, &resp.Diagnostics)
	if r.data != nil {
		r.client = r.data.client
	}
}

// recordReader is a read of one record by the client (ReadIMSAccount,
// ReadOperatorGroup).
type recordReader func(ctx context.Context, name string, hint campaign.Hint) (campaign.RecordRead, error)

// readRecord is the Read of every record resource: the state into its
// model (state, a pointer), the name from the state (id for a state
// written before name), the identity, the hint kept
// in private state, then the client's read. It returns the read and true
// when the record is there (its new hint kept, the record claimed as
// tracked); false when it is gone (a warning, the resource removed from the
// state: the next apply creates it again) or on an error (in diags).
func readRecord(ctx context.Context, data *providerData, kind recordResource, req resource.ReadRequest, resp *resource.ReadResponse,
	state keyedModel, read recordReader) (campaign.RecordRead, bool) {
	if resp.Diagnostics.Append(req.State.Get(ctx, state)...); resp.Diagnostics.HasError() {
		return campaign.RecordRead{}, false
	}
	id, key := state.key()
	n := key.ValueString()
	if n == "" {
		n = id.ValueString()
	}
	// The identity follows from the state, whatever the read finds: a state
	// written before identities (Terraform < 1.12) gains it.
	setIdentity(ctx, resp.Identity, kind.keyAttr, n, &resp.Diagnostics)
	got, err := read(ctx, n, readHint(ctx, req.Private, &resp.Diagnostics))
	client := data.client
	switch {
	case errors.Is(err, campaign.ErrNotFound):
		resp.Diagnostics.AddWarning("The "+kind.rt.Kind+" was deleted outside Terraform",
			"The "+kind.rt.Kind+" "+quote(n)+" no longer exists on "+client.Endpoint()+". It was removed from the Terraform state; "+
				"the next apply creates it again."+kind.whileGone)
		resp.State.RemoveResource(ctx)
		return got, false
	case err != nil:
		addClientError(&resp.Diagnostics, client, "reading "+kind.rt.Kind+" "+quote(n), err)
		return got, false
	}
	writeHint(ctx, resp.Private, got.Hint, &resp.Diagnostics)
	return got, !resp.Diagnostics.HasError()
}

// recordKey is the id and the internal name a record resource's model
// starts with (loginKey for a record keyed by login).
type recordKey struct {
	ID   types.String `tfsdk:"id"`
	Name types.String `tfsdk:"name"`
}

// keyedModel is a record resource's model: a pointer to a struct that
// embeds recordKey or another key struct; key gives its id and the
// attribute that names the record (kind.keyAttr).
type keyedModel interface {
	key() (id, name *types.String)
}

func (k *recordKey) key() (id, name *types.String) { return &k.ID, &k.Name }

// idAttribute is the id of a record resource: the value of its key
// attribute (keyAttr: the internal name, or the login).
func idAttribute(rt *campaign.RecordType, keyAttr string) schema.StringAttribute {
	what := "internal name"
	if keyAttr != "name" {
		what = keyAttr
	}
	return schema.StringAttribute{
		Computed: true, MarkdownDescription: "The " + what + " of the " + rt.Kind + " (same as `" + keyAttr + "`).",
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

// importByKey is the ImportState of a record resource: the import ID or
// the identity is the value of its key attribute (kind.keyAttr), checked
// by rule before any call.
func importByKey(ctx context.Context, kind recordResource, rule func(string) error, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	key := importKey(ctx, req, kind.keyAttr, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := rule(key); err != nil {
		what := "internal name"
		if kind.keyAttr != "name" {
			what = kind.keyAttr
		}
		resp.Diagnostics.AddError("Invalid import ID", "The import ID is the "+kind.rt.Kind+"'s "+what+", which "+err.Error()+", e.g. "+kind.rt.Example+", got: "+quote(key))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), key)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(kind.keyAttr), key)...)
	setIdentity(ctx, resp.Identity, kind.keyAttr, key, &resp.Diagnostics)
}

// importByName is importByKey of a record named by an internal name.
func importByName(ctx context.Context, kind recordResource, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByKey(ctx, kind, validate.InternalName, req, resp)
}
