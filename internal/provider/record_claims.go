package provider

import (
	"sync"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

// recordClaims are the records that the resources of one provider
// configuration manage, as this provider process sees them: one record is
// managed by one resource. Two resources of one name (a copy-paste slip, or
// a resource renamed without a moved block) would otherwise both "create"
// it, the second taking the first one's record for its own lost answer, and
// removing either from the configuration would delete the record the other
// still manages.
//
// Terraform tells a provider no resource address, and may plan one
// resource more than once in one process (the final plan of an apply,
// terraform test), so the claims are by what each step can tell apart:
//
//   - a create planned for a record that a refresh found in another
//     resource's state is refused at plan, and so is a refresh of a record
//     another resource plans to create (whichever Terraform runs second);
//   - a second create of one record in one process is refused before its
//     Write (two new resources of one name plan alike, so the apply is
//     where they meet);
//   - a delete releases the record (a replacement creates it again).
//
// What one process cannot see stays possible: two provider configurations
// (or two Terraform configurations) that manage one record.
type recordClaims struct {
	mu                              sync.Mutex
	tracked, plannedCreate, created map[claimKey]bool
}

type claimKey struct{ kind, name string }

// claimStep is the step of a resource that claims a record.
type claimStep int

const (
	claimRefresh     claimStep = iota + 1 // a Read found the record in the resource's state
	claimPlanCreate                       // the plan creates the record
	claimApplyCreate                      // the apply creates it
)

// claim records the step and reports whether another resource's claim
// refuses it (see recordClaims for the rules).
func (c *recordClaims) claim(rt *campaign.RecordType, name string, step claimStep) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tracked == nil {
		c.tracked, c.plannedCreate, c.created = map[claimKey]bool{}, map[claimKey]bool{}, map[claimKey]bool{}
	}
	key := claimKey{rt.Kind, name}
	switch step {
	case claimRefresh:
		if c.created[key] {
			return true // created by this process: a later refresh of that resource
		}
		c.tracked[key] = true
		return !c.plannedCreate[key]
	case claimPlanCreate:
		c.plannedCreate[key] = true
		return !c.tracked[key]
	default:
		if c.created[key] {
			return false
		}
		c.created[key] = true
		return true
	}
}

// release forgets the record after a delete: a replacement creates it again.
func (c *recordClaims) release(rt *campaign.RecordType, name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	key := claimKey{rt.Kind, name}
	delete(c.tracked, key)
	delete(c.plannedCreate, key)
	delete(c.created, key)
}
