package provider

import (
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

// claimRole is how a resource of this provider configuration holds a record.
type claimRole int

const (
	// claimTracked: a refresh read the record from a resource's state.
	claimTracked claimRole = iota + 1
	// claimCreate: a resource plans to create the record.
	claimCreate
)

// recordClaims are the records that the resources of one provider
// configuration manage, as this provider process sees them: one record is
// managed by one resource. Two resources of one name (a copy-paste slip, or
// a resource renamed without a moved block) would otherwise both "create"
// it, the second taking the first one's record for its own lost answer, and
// removing either from the configuration would delete the record the other
// still manages.
//
// Terraform plans each resource again before applying it, so the claims are
// taken when a create is planned: the second of two is refused at plan, or
// at the final plan of the apply, before any Write. What a process cannot
// see stays possible: two provider configurations (or two Terraform
// configurations) that manage one record.
type recordClaims struct {
	mu     sync.Mutex
	claims map[claimKey]claimRole
}

type claimKey struct{ kind, name string }

// claim records that one resource holds the record in that role. It
// returns false, and the role another resource holds it in, when both
// cannot be: any two roles of which one is a create. Two refreshes of one
// record are not refused here (one resource may be refreshed twice).
func (c *recordClaims) claim(rt *campaign.RecordType, name string, role claimRole) (claimRole, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	key := claimKey{rt.Kind, name}
	held, ok := c.claims[key]
	if !ok {
		if c.claims == nil {
			c.claims = map[claimKey]claimRole{}
		}
		c.claims[key] = role
		return 0, true
	}
	if held == claimTracked && role == claimTracked {
		return held, true
	}
	return held, false
}

// claimOrRefuse takes the claim and, when another resource holds the
// record, adds the error that names the record, the instance and the fix.
func (d *providerData) claimOrRefuse(rt *campaign.RecordType, resourceType, name string, role claimRole, diags *diag.Diagnostics) {
	held, ok := d.claims.claim(rt, name, role)
	if ok {
		return
	}
	what := fmt.Sprintf("the %s %s on %s", rt.Kind, quote(name), d.client.Endpoint())
	var detail string
	switch {
	case role == claimCreate && held == claimTracked:
		detail = fmt.Sprintf("This resource would create %s, which another %s of this provider configuration already manages (it is in the state).",
			what, resourceType)
	case role == claimCreate:
		detail = fmt.Sprintf("This resource and another %s of this provider configuration would both create %s.", resourceType, what)
	default:
		detail = fmt.Sprintf("This resource manages %s, and another %s of this provider configuration would create it.", what, resourceType)
	}
	detail += fmt.Sprintf(" One %s is managed by one resource: otherwise both write it, and removing either from the configuration "+
		"deletes the %s the other still manages. Give one of them another name, or remove it; to move the %s to a new resource address, "+
		"use a moved block (moved { from = …, to = … }) instead of a second resource. Nothing was written.", rt.Kind, rt.Kind, rt.Kind)
	diags.AddAttributeError(path.Root("name"), "Two resources manage "+rt.Kind+" "+quote(name), detail)
}
