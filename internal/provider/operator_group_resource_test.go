package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
)

const groupAddr = "campaign_operator_group.this"

// groupBlock is the campaign_operator_group.this resource block; extra
// lines go inside it.
func groupBlock(name string, extra ...string) string {
	return fmt.Sprintf("\nresource \"campaign_operator_group\" \"this\" {\n  name = %q\n  %s\n}\n", name, strings.Join(extra, "\n  "))
}

// checkGroup compares the group stored in the emulator.
func checkGroup(srv *emulator.Server, name string, want map[string]string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		g, ok := srv.Emulator.Group(name)
		if !ok {
			return fmt.Errorf("no group %q in Campaign (groups: %v)", name, srv.Emulator.GroupNames())
		}
		for k, v := range want {
			if g[k] != v {
				return fmt.Errorf("group %q: @%s = %q, want %q (stored %v)", name, k, g[k], v, g)
			}
		}
		return nil
	}
}

func TestAccOperatorGroup_lifecycle(t *testing.T) {
	srv := startEmulator(t, emulator.Config{})
	cfg := func(extra ...string) string { return providerConfig(srv) + groupBlock("reviewers", extra...) }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: cfg(`label = "Reviewers"`, `description = "Review deliveries"`, `named_rights = ["prepareDelivery", "report"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					stringValue(groupAddr, "id", "reviewers"),
					statecheck.ExpectKnownValue(groupAddr, tfjsonpath.New("named_rights"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("prepareDelivery"), knownvalue.StringExact("report")})),
					statecheck.ExpectKnownValue(groupAddr, tfjsonpath.New("force_destroy"), knownvalue.Bool(false)),
				},
				Check:            checkGroup(srv, "reviewers", map[string]string{"label": "Reviewers", "desc": "Review deliveries", "right": "prepareDelivery,report"}),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// In place: a right removed, one added, the label changed.
				Config: cfg(`label = "Delivery reviewers"`, `description = "Review deliveries"`, `named_rights = ["report", "startDelivery"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(groupAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: checkGroup(srv, "reviewers", map[string]string{"label": "Delivery reviewers", "right": "report,startDelivery"}),
			},
			{
				// Attributes left unset keep what Campaign stores.
				Config:   cfg(),
				PlanOnly: true,
			},
			{ResourceName: groupAddr, ImportState: true, ImportStateId: "reviewers", ImportStateVerify: true},
			{
				Config:       cfg(`label = "Delivery reviewers"`),
				ResourceName: groupAddr, ImportState: true, ImportStateId: "reviewers", ImportStateKind: resource.ImportBlockWithID,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(groupAddr, plancheck.ResourceActionNoop),
					plancheck.ExpectKnownValue(groupAddr, tfjsonpath.New("description"), knownvalue.StringExact("Review deliveries")),
				}},
			},
			{
				// Deleted in the console: the refresh warns, the apply creates it again.
				PreConfig: func() { srv.Emulator.DeleteGroup("reviewers") },
				Config:    cfg(`label = "Delivery reviewers"`, `named_rights = ["report"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(groupAddr, plancheck.ResourceActionCreate)},
				},
				Check: checkGroup(srv, "reviewers", map[string]string{"label": "Delivery reviewers", "right": "report"}),
			},
		},
	})
	if _, ok := srv.Emulator.Group("reviewers"); ok {
		t.Fatal("destroy left the group in Campaign")
	}
}

// A group with members is not destroyed unless force_destroy; a rename
// (a replacement) is refused the same way, and goes through with it.
func TestAccOperatorGroup_destroyIsSafe(t *testing.T) {
	srv := startEmulator(t, emulator.Config{})
	cfg := func(name string, extra ...string) string { return providerConfig(srv) + groupBlock(name, extra...) }
	members := func() {
		for i := range 12 {
			srv.Emulator.AddMember("reviewers", fmt.Sprintf("op%02d@acme.example", i))
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: cfg("reviewers", `label = "Reviewers"`)},
			{
				PreConfig:   members,
				Config:      cfg("reviewers", `label = "Reviewers"`),
				Destroy:     true,
				ExpectError: regexp.MustCompile(`(?s)12 operator\(s\) are members of "reviewers":\s+op00@acme.example,.*op09@acme.example\s+and 2\s+more.*force_destroy`),
			},
			{
				// A rename replaces the group: refused the same way.
				Config:      cfg("delivery_reviewers", `label = "Reviewers"`),
				ExpectError: regexp.MustCompile(`still has operators`),
			},
			{Config: cfg("reviewers", `label = "Reviewers"`, "force_destroy = true")},
			{
				Config: cfg("delivery_reviewers", `label = "Reviewers"`, "force_destroy = true"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(groupAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(*terraform.State) error {
					if _, ok := srv.Emulator.Group("reviewers"); ok {
						return fmt.Errorf("the old group is still there")
					}
					return checkGroup(srv, "delivery_reviewers", map[string]string{"label": "Reviewers"})(nil)
				},
			},
		},
	})
}

// Built-in groups can be imported and changed; destroying one needs force_destroy.
func TestAccOperatorGroup_builtIn(t *testing.T) {
	srv := startEmulator(t, emulator.Config{})
	cfg := func(extra ...string) string { return providerConfig(srv) + groupBlock("delivery", extra...) }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:       cfg(),
				ResourceName: groupAddr, ImportState: true, ImportStateId: "delivery", ImportStateKind: resource.ImportBlockWithID,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(groupAddr, plancheck.ResourceActionNoop)}},
			},
			{Config: cfg(), ResourceName: groupAddr, ImportState: true, ImportStateId: "delivery", ImportStatePersist: true},
			{Config: cfg(), PlanOnly: true}, // importing changes nothing
			{
				Config: cfg(`named_rights = ["prepareDelivery", "startDelivery", "report"]`),
				Check:  checkGroup(srv, "delivery", map[string]string{"label": "Delivery operators", "right": "prepareDelivery,report,startDelivery"}),
			},
			{
				Config:      cfg(`named_rights = ["prepareDelivery", "startDelivery", "report"]`),
				Destroy:     true,
				ExpectError: regexp.MustCompile(`built-in operator groups`),
			},
			{Config: cfg(`named_rights = ["prepareDelivery", "startDelivery", "report"]`, "force_destroy = true")},
		},
	})
	if _, ok := srv.Emulator.Group("delivery"); ok {
		t.Fatal("force_destroy did not delete the built-in group")
	}
}

// What the instance refuses or changes is caught: a named right it does not
// define (with the closest ones), a build whose schema has no place for
// named rights (before any Write), a value Campaign did not store as written.
func TestAccOperatorGroup_safeguards(t *testing.T) {
	t.Run("undefined named right", func(t *testing.T) {
		t.Parallel()
		srv := startEmulator(t, emulator.Config{})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProviders,
			Steps: []resource.TestStep{{
				// Refused by the plan itself (PlanOnly), with one suggestion,
				// the close one, given once.
				Config:   providerConfig(srv) + groupBlock("reviewers", `named_rights = ["prepareDelivry"]`),
				PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)Named right not defined on https://.*does not define the named right\(s\) prepareDelivry.*` +
					`Did you mean\s+prepareDelivery\?`),
			}, {
				// One close suggestion only: none for xyzzy, nothing far away.
				Config:      providerConfig(srv) + groupBlock("reviewers", `named_rights = ["prepareDelivry", "xyzzy"]`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)named right\(s\) prepareDelivry, xyzzy, so\s+nothing.*Did\s+you\s+mean\s+prepareDelivery\?`),
			}},
		})
		st := srv.Emulator.Stats()
		if st.ByAction[emulator.ActionWrite] != 0 || st.ByAction[emulator.ActionGetEntityIfMoreRecent] > 2 {
			t.Errorf("%+v: the plan-time check is one schema read per provider process, and writes nothing", st.ByAction)
		}
	})
	t.Run("no place for named rights on this build", func(t *testing.T) {
		t.Parallel()
		profile, _ := emulator.ProfileNamed("rights-elsewhere")
		srv := startEmulator(t, emulator.Config{Profile: profile})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProviders,
			Steps: []resource.TestStep{
				{
					Config:      providerConfig(srv) + groupBlock("reviewers", `named_rights = ["report"]`),
					ExpectError: errorLike(`Campaign has no field for named_rights`),
				},
				{
					// Without named rights, the group is written on this build too.
					Config: providerConfig(srv) + groupBlock("reviewers", `label = "Reviewers"`),
					Check:  checkGroup(srv, "reviewers", map[string]string{"label": "Reviewers"}),
				},
			},
		})
	})
	// A create whose read-back differs leaves the group on the instance
	// and out of the state: the error says so and how to adopt it, and the
	// import it names adopts it (the plan then shows the write).
	t.Run("read-back mismatch", func(t *testing.T) {
		t.Parallel()
		srv := startEmulator(t, emulator.Config{})
		config := providerConfig(srv) + groupBlock("reviewers", `label = "Reviewers"`)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProviders,
			Steps: []resource.TestStep{
				{
					PreConfig: func() {
						srv.Emulator.InjectFaults(emulator.FaultRule{Action: emulator.ActionWrite, Kind: emulator.FaultWriteAlters, Attribute: "label", Value: "Changed by a trigger"})
					},
					Config: config,
					ExpectError: inAnyOrder(`Campaign did not store label.*wrote "Reviewers", read back\s+"Changed by a trigger"`,
						errorLike(`The operator group "reviewers" was created on `+srv.URL+` but is not in the state`).String()+`.*`+
							errorLike(`import { to = campaign_operator_group.<name>, id = "reviewers" }`).String()),
				},
				{Config: config, ResourceName: groupAddr, ImportState: true, ImportStateId: "reviewers", ImportStatePersist: true},
				{
					Config: config,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(groupAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(groupAddr, tfjsonpath.New("label"), knownvalue.StringExact("Reviewers")),
					}},
					Check: checkGroup(srv, "reviewers", map[string]string{"label": "Reviewers"}),
				},
			},
		})
	})
}
