package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
)

// renamed gives a resource block of the kit another address (same record).
func renamed(block, from, to string) string {
	return strings.Replace(block, from, to, 1)
}

// noWriteOf fails when the emulator received a Write since its last reset,
// or when the record is not the one the first step created.
func noWriteOf(srv *emulator.Server, id func() string, want *string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if n := srv.Emulator.Stats().ByAction[emulator.ActionWrite]; n != 0 {
			return fmt.Errorf("%d Write(s) after the refusal, want none", n)
		}
		if got := id(); got != *want {
			return fmt.Errorf("the record's @id is %q, was %q: it was deleted or replaced", got, *want)
		}
		return nil
	}
}

// TestAccOneRecordOneResource: two new resources of one name in one
// configuration (the same operator group, the same account) plan alike, so
// the apply creates the first and refuses the second before its Write;
// from then on, the plan refuses the second, and so does it a resource
// that would create a record another resource manages (a rename of the
// resource address without a moved block, which would delete the group and
// create it again with no members). The record keeps its @id throughout,
// and nothing is deleted.
func TestAccOneRecordOneResource(t *testing.T) {
	for _, tc := range []struct {
		kind, name, first string
		id                func(*emulator.Server) string
	}{
		{"operator group", "reviewers", groupBlock("reviewers", `label = "Reviewers"`),
			func(srv *emulator.Server) string { g, _ := srv.Emulator.Group("reviewers"); return g["id"] }},
		{"external account", "Adobe_Marketing_Cloud", accountBlock("Adobe_Marketing_Cloud", "MAC", `client_secret = "s1"`),
			func(srv *emulator.Server) string {
				a, _ := srv.Emulator.Account("Adobe_Marketing_Cloud")
				return a["id"]
			}},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			srv := startEmulator(t, emulator.Config{})
			second := renamed(tc.first, `"this"`, `"copy"`)
			// Step 1 creates this first, so that the state then holds it.
			firstAddr := strings.Fields(tc.first)[1]
			both := tc.first + strings.Replace(second, "{", "{\n  depends_on = ["+strings.Trim(firstAddr, `"`)+".this]", 1)
			refused := errorLike("Two resources manage " + tc.kind + " \"" + tc.name + "\"")
			var created string
			// kept runs before a step: nothing was written since the first
			// apply, and the record is the one it created.
			kept := func() {
				if err := noWriteOf(srv, func() string { return tc.id(srv) }, &created)(nil); err != nil || created == "" {
					t.Fatalf("before the step: %v (created %q)", err, created)
				}
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{
					{Config: providerConfig(srv) + both, ExpectError: errorLike("created the " + tc.kind + " \"" + tc.name + "\"")},
					{
						PreConfig: func() {
							if n := srv.Emulator.Stats().ByAction[emulator.ActionWrite]; n != 1 {
								t.Fatalf("%d Write(s) in the refused apply, want the first resource's only", n)
							}
							created = tc.id(srv)
							srv.Emulator.ResetStats()
						},
						Config: providerConfig(srv) + tc.first + second, ExpectError: refused,
					},
					// The resource renamed without a moved block: the old address
					// would be destroyed and the new one create the record again.
					{PreConfig: kept, Config: providerConfig(srv) + second, ExpectError: refused},
					{PreConfig: kept, Config: providerConfig(srv) + tc.first, PlanOnly: true},
				},
			})
		})
	}
}

// TestRecordClaims: which step of a second resource the claims refuse.
func TestRecordClaims(t *testing.T) {
	groups, accounts := campaign.OperatorGroupRecord(), campaign.IMSAccountRecord()
	for _, tc := range []struct {
		name    string
		steps   []claimStep // of one record, the last one checked
		other   bool        // the last step is of another record type, same name
		release bool        // a delete between the steps
		refused bool
	}{
		{name: "one resource planned twice (final plan, terraform test)", steps: []claimStep{claimPlanCreate, claimPlanCreate}},
		{name: "a second resource creates a record another keeps", steps: []claimStep{claimPlanKeep, claimPlanCreate}, refused: true},
		{name: "a resource keeps a record another creates", steps: []claimStep{claimPlanCreate, claimPlanKeep}, refused: true},
		{name: "renamed without moved: destroy, then create", steps: []claimStep{claimPlanDestroy, claimPlanCreate}, refused: true},
		{name: "renamed without moved: create, then destroy", steps: []claimStep{claimPlanCreate, claimPlanDestroy}, refused: true},
		{name: "-replace or a forced replacement: keep, then the create half", steps: []claimStep{claimPlanKeep, claimPlanReplace}},
		{name: "a tainted resource: its create only", steps: []claimStep{claimPlanCreate}},
		{name: "two creates in one apply", steps: []claimStep{claimPlanCreate, claimApplyCreate, claimApplyCreate}, refused: true},
		{name: "a later plan of a record this process created (terraform test)", steps: []claimStep{claimPlanCreate, claimApplyCreate, claimPlanKeep}},
		{name: "two plans keep it (a resource planned twice)", steps: []claimStep{claimPlanKeep, claimPlanKeep}},
		{name: "a replacement at apply: create after delete", steps: []claimStep{claimPlanKeep, claimApplyCreate, claimPlanCreate}, release: true},
		{name: "an account and a group of one name", steps: []claimStep{claimPlanKeep, claimPlanCreate}, other: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c recordClaims
			last := len(tc.steps) - 1
			for _, s := range tc.steps[:last] {
				if !c.claim(groups, "reviewers", s) {
					t.Fatalf("step %d refused before the last", s)
				}
			}
			if tc.release {
				c.release(groups, "reviewers")
			}
			rt := groups
			if tc.other {
				rt = accounts
			}
			if ok := c.claim(rt, "reviewers", tc.steps[last]); ok == tc.refused {
				t.Fatalf("last step: ok = %v, want refused = %v", ok, tc.refused)
			}
		})
	}
}

// TestAccReplacement: a tainted record resource is replaced (destroyed,
// then created again: the claims let the create half of its own
// replacement through), for every record type; the record has a new @id,
// and nothing else was written. -replace and a forced replacement are in
// the e2e tests (the real CLI's flags).
func TestAccReplacement(t *testing.T) {
	for _, c := range recordCases() {
		t.Run(c.kind.rt.Kind, func(t *testing.T) {
			srv := startEmulator(t, c.instance)
			config := providerConfig(srv) + c.block(nil)
			var before string
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{
					{Config: config, Check: func(*terraform.State) error {
						rec, _ := c.stored(srv.Emulator, c.importID())
						before = rec["id"]
						srv.Emulator.ResetStats()
						return nil
					}},
					{
						Taint: []string{c.addr()}, Config: config,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(c.addr(), plancheck.ResourceActionDestroyBeforeCreate)},
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						Check: func(*terraform.State) error {
							rec, ok := c.stored(srv.Emulator, c.importID())
							if !ok || rec["id"] == "" || (rec["id"] == before) != c.keptByDestroy {
								return fmt.Errorf("after the replacement the record is %v (its @id was %s; kept by destroy: %v)", rec, before, c.keptByDestroy)
							}
							if n := srv.Emulator.Stats().ByAction[emulator.ActionWrite]; n != 2 {
								return fmt.Errorf("%d Write(s), want 2: the destroy's and the create's", n)
							}
							return nil
						},
					},
				},
			})
		})
	}
}
