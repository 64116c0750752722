package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

// modelSource is one of a request's plan, configuration or state, and the
// model to read it into.
type modelSource struct {
	from interface {
		Get(ctx context.Context, target any) diag.Diagnostics
	}
	into any
}

// readModels reads each source into its model; false when one failed.
func readModels(ctx context.Context, diags *diag.Diagnostics, sources ...modelSource) bool {
	for _, s := range sources {
		diags.Append(s.from.Get(ctx, s.into)...)
	}
	return !diags.HasError()
}

// recordOutput is what a Create or an Update of a record resource answers.
type recordOutput struct {
	state    *tfsdk.State
	identity *tfsdk.ResourceIdentity
	diags    *diag.Diagnostics
}

// recordWrite is one write of a record resource, in the steps that end
// every Create and Update (keepWrite). send is nil when there is nothing to
// write (an update that changes Terraform-side attributes only).
type recordWrite struct {
	kind    recordResource
	data    *providerData
	create  bool   // a create: claimed first (record_claims.go)
	name    string // the record's internal name
	send    func() (campaign.RecordWrite, error)
	explain func(err error)                     // the resource's diagnostics for a failed write
	stored  func(res campaign.RecordWrite) bool // fills the model from what Campaign stored; false: do not keep it
}

// keepWrite ends every record resource's Create and Update: the write, its
// error explained, the model filled from what Campaign stored, then the
// model kept as the new state, with its identity. Nothing is kept unless
// the record is on the instance as planned, so a failed create never
// leaves a tainted record that the next apply would delete.
func keepWrite(ctx context.Context, out recordOutput, model any, w recordWrite) {
	if w.create {
		if w.data.claimOrRefuse(w.kind, w.name, claimApplyCreate, out.diags); out.diags.HasError() {
			return
		}
	}
	if w.send != nil {
		res, err := w.send()
		if err != nil {
			w.explain(err)
			return
		}
		if !w.stored(res) {
			if w.create && res.Stored != nil {
				addLeftOnInstance(out.diags, w.data.client, w.kind, w.name)
			}
			return
		}
	}
	out.diags.Append(out.state.Set(ctx, model)...)
	setIdentity(ctx, out.identity, w.kind.keyAttr, w.name, out.diags)
}

// addLeftOnInstance explains a create whose read-back differs from what was
// written: the record is on the instance, holding what Campaign stored, and
// not in the state, so the next apply's create would find it holding other
// values and refuse. Nothing is deleted: the user adopts it, or removes it.
func addLeftOnInstance(diags *diag.Diagnostics, client *campaign.Client, kind recordResource, name string) {
	diags.AddError("The "+kind.rt.Kind+" "+quote(name)+" was created on "+client.Endpoint()+" but is not in the state",
		fmt.Sprintf("Campaign created the %s %s, but stored other values than written (the error \"Campaign did not store …\" names them), so Terraform did not record it: "+
			"the state holds only what was verified. The %s stays on the instance as Campaign stored it; nothing was deleted. "+
			"To adopt it, correct the configuration, then import it (import { to = %s.<name>, id = %q }, or terraform import): the plan then shows "+
			"what an apply would write. To start over, delete it in the console (%s) and apply again.",
			kind.rt.Kind, quote(name), kind.rt.Kind, kind.resourceType, name, kind.rt.Console))
}
