package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/testdoc"
)

// lostAnswerCase is one row of RELIABILITY.md's "Lost answers" table: an
// answer lost by a proxy or the network after Campaign did the work (or
// before it could tell), during one apply; then the next plan and apply.
type lostAnswerCase struct {
	operation, when string
	// update: the faulted apply changes an account created without faults.
	update bool
	pkg    bool // the package installation instead of the account
	group  bool // an operator group instead of the account
	faults []emulator.FaultRule
	// expectError is the phrase the faulted apply fails with; empty: it succeeds.
	expectError string
	// unverified: the apply succeeds with a warning (written, not read back).
	unverified bool
	next       plancheck.ResourceActionType
}

type lostAnswerResult struct {
	writes int    // Writes (or installations) sent over both applies
	kept   string // whether the account kept its @id, or how often the package was installed
}

func lostAnswerCases() []lostAnswerCase {
	dropAfter := func(action string, times int) emulator.FaultRule {
		return emulator.FaultRule{Action: action, Kind: emulator.FaultDropAfter, Times: times}
	}
	// With max_retries = 1 every call is tried twice: a fault served twice
	// is lost on every attempt, and the checks after the apply see none.
	// The read that settles the outcome is the second ExecuteQuery of the
	// apply: after the create's one-account check, or after the refresh of
	// the plan before an update.
	readLost := emulator.FaultRule{Action: emulator.ActionExecuteQuery, Kind: emulator.FaultDrop, Skip: 1, Times: 2}
	updateReadLost := readLost
	noop, create := plancheck.ResourceActionNoop, plancheck.ResourceActionCreate
	return []lostAnswerCase{
		{operation: "account create", when: "answer to Write lost once", faults: []emulator.FaultRule{dropAfter(emulator.ActionWrite, 1)}, next: noop},
		{operation: "account create", when: "answer to Write lost on every attempt", faults: []emulator.FaultRule{dropAfter(emulator.ActionWrite, 2)}, next: noop},
		{operation: "account create", when: "answer to Write lost on every attempt, then the instance unreachable",
			faults: []emulator.FaultRule{dropAfter(emulator.ActionWrite, 2), readLost}, expectError: "Outcome of the write unknown", next: create},
		{operation: "account create", when: "answer to the read-back lost", faults: []emulator.FaultRule{readLost}, unverified: true, next: noop},
		{operation: "account update (in place)", when: "answer to Write lost on every attempt", update: true,
			faults: []emulator.FaultRule{dropAfter(emulator.ActionWrite, 2)}, next: noop},
		{operation: "account update (in place)", when: "answer to Write lost on every attempt, then the instance unreachable", update: true,
			// The prior state stays; the next refresh finds the write done.
			faults: []emulator.FaultRule{dropAfter(emulator.ActionWrite, 2), updateReadLost}, expectError: "Outcome of the write unknown", next: noop},
		{operation: "account update (in place)", when: "answer to the read-back lost", update: true, faults: []emulator.FaultRule{updateReadLost}, unverified: true, next: noop},
		{operation: "operator group create", when: "answer to Write lost on every attempt", group: true,
			faults: []emulator.FaultRule{dropAfter(emulator.ActionWrite, 2)}, next: noop},
		{operation: "operator group create", when: "answer to Write lost on every attempt, then the instance unreachable", group: true,
			faults: []emulator.FaultRule{dropAfter(emulator.ActionWrite, 2), readLost}, expectError: "Outcome of the write unknown", next: create},
		{operation: "package installation", when: "answer to InstallVendorPackages lost", pkg: true,
			faults: []emulator.FaultRule{dropAfter(emulator.ActionInstallVendorPackages, 1)}, next: noop},
		{operation: "package installation", when: "answer to InstallVendorPackages lost, then the package list unreachable", pkg: true,
			faults:      []emulator.FaultRule{dropAfter(emulator.ActionInstallVendorPackages, 1), {Action: emulator.ActionGetUserInfo, Kind: emulator.FaultDrop, Times: 2}},
			expectError: "whether Campaign did it is unknown", next: create},
	}
}

func (c lostAnswerCase) name() string { return c.operation + ": " + c.when }

// TestAccReliability_lostAnswers loses answers the way a proxy that times
// out after Campaign did the work would (the emulator's drop-after fault),
// through the real CLI, with max_retries = 1 (every attempt is two). The
// apply either succeeds, the outcome settled by reading, or fails with
// nothing tracked (a create) or the prior state (an update); the next apply
// never deletes the account: it keeps its @id.
func TestAccReliability_lostAnswers(t *testing.T) {
	cases := lostAnswerCases()
	results := testdoc.Measure(t, "cases", cases, lostAnswerCase.name, runLostAnswerCase)
	if t.Failed() {
		return
	}
	testdoc.SkipUnlessComplete(t, "lost-answers", len(results), len(cases))
	var b strings.Builder
	b.WriteString("| Operation | When the answer is lost | Faulted apply | Next plan | Next apply | Writes sent (both applies) | Account kept |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	for _, c := range cases {
		r := results[c.name()]
		first := "succeeds (settled by reading)"
		switch {
		case c.unverified:
			first = "succeeds, warns “written but not read back”"
		case c.expectError != "":
			first = "fails, nothing lost: “" + c.expectError + "”"
		}
		nextApply := "nothing to do"
		switch c.next {
		case plancheck.ResourceActionNoop:
			if c.expectError != "" {
				nextApply = "nothing to do: the refresh finds the write done"
			}
		case plancheck.ResourceActionCreate:
			nextApply = "creates: finds it as written, writes it again"
			if c.pkg {
				nextApply = "creates: adopts the installed package, no installation"
			}
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %d | %s |\n", c.operation, c.when, first, c.next, nextApply, r.writes, r.kept)
	}
	testdoc.Check(t, testdoc.RepoFile("RELIABILITY.md"), "lost-answers", b.String())
}

func runLostAnswerCase(t *testing.T, c lostAnswerCase) lostAnswerResult {
	srv := startEmulator(t, emulator.Config{})
	settings := "max_retries = 1"
	var r lostAnswerResult
	if c.pkg {
		cfg := providerConfig(srv, settings) + fmt.Sprintf("resource \"campaign_package\" \"this\" {\n  name = %q\n}\n", emulator.DefaultIMSPackage)
		addr := "campaign_package.this"
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProviders,
			Steps: []resource.TestStep{
				faultedStep(srv, c, cfg),
				{
					PreConfig:        srv.Emulator.ClearFaults,
					Config:           cfg,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, c.next)}},
					Check: func(*terraform.State) error {
						r.writes = srv.Emulator.Stats().ByAction[emulator.ActionInstallVendorPackages]
						if r.writes != 1 {
							return fmt.Errorf("%d installations, want exactly 1", r.writes)
						}
						r.kept = "installed once"
						return nil
					},
				},
			},
		})
		return r
	}
	if c.group {
		return runLostGroupAnswer(t, srv, c, providerConfig(srv, settings)+groupBlock("reviewers", `label = "Reviewers"`, `named_rights = ["report"]`))
	}
	before := providerConfig(srv, settings) + accountBlock("Adobe_Marketing_Cloud", "MAC", "")
	after := providerConfig(srv, settings) + accountBlock("Adobe_Marketing_Cloud", "MAC after the update", "")
	var steps []resource.TestStep
	id := ""
	recordID := func(*terraform.State) error {
		acc, ok := srv.Emulator.Account("Adobe_Marketing_Cloud")
		if !ok {
			return fmt.Errorf("no account in Campaign")
		}
		id = acc["id"]
		return nil
	}
	if c.update {
		steps = append(steps, resource.TestStep{Config: before, Check: recordID})
	}
	faulted := faultedStep(srv, c, after)
	if c.expectError == "" && !c.update {
		faulted.Check = recordID
	}
	steps = append(steps, faulted, resource.TestStep{
		PreConfig: func() {
			srv.Emulator.ClearFaults()
			if id == "" { // the faulted create failed: what did it leave?
				_ = recordID(nil)
			}
		},
		Config:           after,
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, c.next)}},
		Check: resource.ComposeTestCheckFunc(
			resource.TestCheckResourceAttr(accountAddr, "label", "MAC after the update"),
			func(*terraform.State) error {
				acc, ok := srv.Emulator.Account("Adobe_Marketing_Cloud")
				if !ok || acc["label"] != "MAC after the update" {
					return fmt.Errorf("the account in Campaign: %v", acc)
				}
				if names := srv.Emulator.AccountNames(); len(names) != 1 {
					return fmt.Errorf("accounts in Campaign: %v, want exactly one", names)
				}
				r.writes = srv.Emulator.Stats().ByAction[emulator.ActionWrite]
				if id == "" || acc["id"] != id {
					return fmt.Errorf("the account was recreated: @id %s, was %q after the faulted apply", acc["id"], id)
				}
				r.kept = "yes, same @id"
				return nil
			},
		),
	})
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProviders, Steps: steps})
	return r
}

// faultedStep applies cfg with the case's faults injected.
func faultedStep(srv *emulator.Server, c lostAnswerCase, cfg string) resource.TestStep {
	step := resource.TestStep{
		PreConfig: func() { srv.Emulator.ResetStats(); srv.Emulator.InjectFaults(c.faults...) },
		Config:    cfg,
	}
	if c.update {
		step.PreConfig = func() { srv.Emulator.InjectFaults(c.faults...) } // count the create's Write too
	}
	if c.expectError != "" {
		step.ExpectError = errorLike(c.expectError)
	}
	return step
}

// runLostGroupAnswer is a lost-answer case of an operator group create.
func runLostGroupAnswer(t *testing.T, srv *emulator.Server, c lostAnswerCase, cfg string) lostAnswerResult {
	var r lostAnswerResult
	id := ""
	recordID := func() {
		if g, ok := srv.Emulator.Group("reviewers"); ok {
			id = g["id"]
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			faultedStep(srv, c, cfg),
			{
				PreConfig:        func() { srv.Emulator.ClearFaults(); recordID() },
				Config:           cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(groupAddr, c.next)}},
				Check: resource.ComposeTestCheckFunc(
					checkGroup(srv, "reviewers", map[string]string{"label": "Reviewers", "right": "report"}),
					func(*terraform.State) error {
						g, _ := srv.Emulator.Group("reviewers")
						if id == "" || g["id"] != id {
							return fmt.Errorf("the group was recreated: @id %s, was %q after the faulted apply", g["id"], id)
						}
						r.writes, r.kept = srv.Emulator.Stats().ByAction[emulator.ActionWrite], "yes, same @id"
						return nil
					},
				),
			},
		},
	})
	return r
}
