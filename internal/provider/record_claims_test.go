package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
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

// TestAccOneRecordOneResource: two resources of one name in one
// configuration (the same operator group, the same account) are refused at
// plan, before any Write; so is a resource that would create a record
// another resource of the configuration already manages (a copy-paste
// slip, or a rename of the resource address without a moved block, which
// would delete the group and create it again with no members). Nothing is
// written or deleted, and the record keeps its @id.
func TestAccOneRecordOneResource(t *testing.T) {
	const refused = "Two resources manage"
	t.Run("operator group", func(t *testing.T) {
		srv := startEmulator(t, emulator.Config{})
		first := groupBlock("reviewers", `label = "Reviewers"`)
		second := renamed(first, `"this"`, `"copy"`)
		groupID := func() string { g, _ := srv.Emulator.Group("reviewers"); return g["@id"] }
		var created string
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProviders,
			Steps: []resource.TestStep{
				{Config: providerConfig(srv) + first + second, ExpectError: errorLike("would both create the operator group \"reviewers\"")},
				{
					PreConfig: func() {
						if _, ok := srv.Emulator.Group("reviewers"); ok {
							t.Fatal("the refused plan created the group")
						}
					},
					Config: providerConfig(srv) + first,
					Check:  func(*terraform.State) error { created = groupID(); srv.Emulator.ResetStats(); return nil },
				},
				{Config: providerConfig(srv) + first + second, ExpectError: errorLike(refused + " operator group \"reviewers\"")},
				{
					// The resource renamed without a moved block: the old address
					// would be destroyed and the new one create the group again.
					Config:      providerConfig(srv) + second,
					// Which of the two is refused depends on Terraform's order.
					ExpectError: errorLike(refused + " operator group \"reviewers\""),
					Check:       noWriteOf(srv, groupID, &created),
				},
				{Config: providerConfig(srv) + first, PlanOnly: true, Check: noWriteOf(srv, groupID, &created)},
			},
		})
	})
	t.Run("account", func(t *testing.T) {
		srv := startEmulator(t, emulator.Config{})
		first := accountBlock("Adobe_Marketing_Cloud", "MAC", `client_secret = "s1"`)
		second := renamed(first, `"this"`, `"copy"`)
		accountID := func() string { a, _ := srv.Emulator.Account("Adobe_Marketing_Cloud"); return a["@id"] }
		var created string
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProviders,
			Steps: []resource.TestStep{
				{Config: providerConfig(srv) + first + second, ExpectError: errorLike("would both create the external account \"Adobe_Marketing_Cloud\"")},
				{
					PreConfig: func() {
						if names := srv.Emulator.AccountNames(); len(names) != 0 {
							t.Fatalf("the refused plan created %v", names)
						}
					},
					Config: providerConfig(srv) + first,
					Check:  func(*terraform.State) error { created = accountID(); srv.Emulator.ResetStats(); return nil },
				},
				{Config: providerConfig(srv) + first + second, ExpectError: errorLike(refused + " external account \"Adobe_Marketing_Cloud\"")},
				{Config: providerConfig(srv) + first, PlanOnly: true, Check: noWriteOf(srv, accountID, &created)},
			},
		})
	})
}

// TestRecordClaims: which second claim of one record is refused.
func TestRecordClaims(t *testing.T) {
	groups, accounts := campaign.OperatorGroupRecord(), campaign.IMSAccountRecord()
	for _, tc := range []struct {
		name          string
		first, second claimRole
		otherRecord   bool // the second claim is of another record type, same name
		refused       bool
	}{
		{name: "two refreshes", first: claimTracked, second: claimTracked},
		{name: "create of a tracked record", first: claimTracked, second: claimCreate, refused: true},
		{name: "refresh of a record another creates", first: claimCreate, second: claimTracked, refused: true},
		{name: "two creates", first: claimCreate, second: claimCreate, refused: true},
		{name: "an account and a group of one name", first: claimCreate, second: claimCreate, otherRecord: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c recordClaims
			if _, ok := c.claim(groups, "reviewers", tc.first); !ok {
				t.Fatal("the first claim was refused")
			}
			rt := groups
			if tc.otherRecord {
				rt = accounts
			}
			held, ok := c.claim(rt, "reviewers", tc.second)
			if ok == tc.refused {
				t.Fatalf("second claim: ok = %v, want refused = %v", ok, tc.refused)
			}
			if tc.refused && held != tc.first {
				t.Fatalf("refused, holding %v; want the first claim's role %v", held, tc.first)
			}
		})
	}
}
