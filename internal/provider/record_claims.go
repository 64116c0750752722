package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

// recordClaims are the records that the resources of one provider
// configuration plan to keep, destroy or create, as one provider
// configuration sees them in one Terraform command: one record is managed
// by one resource. Two resources of one name (a copy-paste slip, or a
// resource renamed without a moved block) would otherwise both "create" it,
// the second taking the first one's record for its own lost answer, and
// removing either from the configuration would delete the record the other
// still manages; a rename would delete it and create it again, its
// operators gone.
//
// Terraform tells a provider no resource address, so the claims rest on
// what each plan of a record resource shows:
//
//   - a plan with a prior state keeps the record (an update, a no-op, or the
//     first half of a replacement) or destroys it (the resource left the
//     configuration);
//   - a plan without a prior state creates it. The create half of a
//     replacement (-replace, or a change that forces one) carries the
//     private state of the first half, where the keep plan marks itself
//     (privateReplaces): that create is the same resource's. A tainted
//     resource's create carries nothing, and claims nothing kept or
//     destroyed: it is allowed too.
//
// A create of a record that another plan keeps or destroys is refused at
// plan, and so is a keep or a destroy of a record another plan creates
// (whichever Terraform plans second). Two creates of one record plan alike
// (one resource may also be planned twice: the final plan of an apply,
// terraform test), so they meet at apply, where the second is refused
// before its Write. A delete releases the record: the create half of a
// replacement runs after it.
//
// What one command cannot see stays possible: two provider configurations
// (or two Terraform configurations) that manage one record.
type recordClaims struct {
	mu                                  sync.Mutex
	kept, destroying, creating, created map[claimKey]bool
}

type claimKey struct{ kind, name string }

// claimStep is the step of a resource that claims a record.
type claimStep int

const (
	claimPlanKeep    claimStep = iota + 1 // a plan with a prior state keeps the record
	claimPlanDestroy                      // a plan destroys it
	claimPlanCreate                       // a plan creates it, not as a replacement's second half
	claimPlanReplace                      // the create half of a replacement
	claimApplyCreate                      // the apply creates it
)

// claim records the step and reports whether another resource's claim
// refuses it (see recordClaims for the rules).
func (c *recordClaims) claim(rt *campaign.RecordType, name string, step claimStep) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.kept == nil {
		c.kept, c.destroying, c.creating, c.created = map[claimKey]bool{}, map[claimKey]bool{}, map[claimKey]bool{}, map[claimKey]bool{}
	}
	key := claimKey{rt.Kind, name}
	switch step {
	case claimPlanKeep:
		c.kept[key] = true
		return !c.creating[key]
	case claimPlanDestroy:
		c.destroying[key] = true
		return !c.creating[key]
	case claimPlanCreate:
		c.creating[key] = true
		return !c.kept[key] && !c.destroying[key]
	case claimPlanReplace:
		return true
	default:
		if c.created[key] {
			return false
		}
		delete(c.creating, key) // applied: a later plan of it keeps it
		c.created[key] = true
		return true
	}
}

// release forgets the record after a delete: a replacement creates it again.
func (c *recordClaims) release(rt *campaign.RecordType, name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	key := claimKey{rt.Kind, name}
	delete(c.kept, key)
	delete(c.destroying, key)
	delete(c.creating, key)
	delete(c.created, key)
}

// privateReplaces is the private-state key a plan with a prior state sets
// to its record's name: Terraform hands that private state to the create
// half of a replacement, which is how it tells itself from a second
// resource's create.
const privateReplaces = "plan_keeps_record"

// claimPlan is the claims step of every record resource's ModifyPlan: what
// the plan does to its record (keep, destroy, create, replace), claimed, or
// refused with the error that names the record, the instance and the fix.
// A name unknown at plan claims nothing.
func claimPlan(ctx context.Context, data *providerData, kind recordResource, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if data == nil {
		return
	}
	var planned, prior types.String
	if !req.Plan.Raw.IsNull() {
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root(kind.keyAttr), &planned)...)
	}
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root(kind.keyAttr), &prior)...)
	}
	if resp.Diagnostics.HasError() || planned.IsUnknown() {
		return
	}
	switch {
	case req.State.Raw.IsNull():
		marker, diags := req.Private.GetKey(ctx, privateReplaces)
		resp.Diagnostics.Append(diags...)
		step := claimPlanCreate
		if len(marker) > 0 {
			step = claimPlanReplace
		}
		data.claimOrRefuse(kind, planned.ValueString(), step, &resp.Diagnostics)
	case req.Plan.Raw.IsNull() || planned.ValueString() != prior.ValueString():
		data.claimOrRefuse(kind, prior.ValueString(), claimPlanDestroy, &resp.Diagnostics)
	default:
		data.claimOrRefuse(kind, prior.ValueString(), claimPlanKeep, &resp.Diagnostics)
	}
	if !req.State.Raw.IsNull() && !req.Plan.Raw.IsNull() {
		marker, _ := json.Marshal(prior.ValueString())
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateReplaces, marker)...)
	}
	if !req.Plan.Raw.Equal(req.State.Raw) { // a write is planned
		data.warnOwnRights(ctx, &resp.Diagnostics)
	}
}

// claimOrRefuse takes the claim and, when another resource holds the
// record, adds the error that names the record, the instance and the fix.
func (d *providerData) claimOrRefuse(kind recordResource, name string, step claimStep, diags *diag.Diagnostics) {
	if d.claims.claim(kind.rt, name, step) {
		return
	}
	what := fmt.Sprintf("the %s %s on %s", kind.rt.Kind, quote(name), d.client.Endpoint())
	var detail string
	switch step {
	case claimPlanCreate:
		detail = fmt.Sprintf("This resource would create %s, which another %s of this provider configuration keeps or destroys in this plan "+
			"(it is in that resource's state).", what, kind.resourceType)
	case claimPlanKeep:
		detail = fmt.Sprintf("This resource manages %s, and another %s of this provider configuration would create it.", what, kind.resourceType)
	case claimPlanDestroy:
		detail = fmt.Sprintf("This resource would destroy %s while another %s of this provider configuration creates it in the same plan: "+
			"that deletes the %s and creates it again, empty (a resource renamed without a moved block does this).", what, kind.resourceType, kind.rt.Kind)
	default:
		detail = fmt.Sprintf("Another %s of this provider configuration created %s in this apply: this one has the same %s.", kind.resourceType, what, kind.keyAttr)
	}
	detail += fmt.Sprintf(" One %s is managed by one resource: otherwise both write it, and removing either from the configuration "+
		"deletes the %s the other still manages. Give one of them another %s, or remove it; to move the %s to a new resource address, "+
		"use a moved block (moved { from = …, to = … }) instead of a second resource. Nothing was written for this resource.",
		kind.rt.Kind, kind.rt.Kind, kind.keyAttr, kind.rt.Kind)
	diags.AddAttributeError(path.Root(kind.keyAttr), "Two resources manage "+kind.rt.Kind+" "+quote(name), detail)
}
