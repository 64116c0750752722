package provider

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/testdoc"
)

// The steps of the scenario every emulated build runs, in order: the
// columns of COMPATIBILITY.md's table.
const (
	stepCreate        = "create"
	stepSecondPlan    = "second plan"
	stepUpdate        = "in-place update (session expired)"
	stepImport        = "import"
	stepConsoleSecret = "secret changed in the console"
	stepConsoleDelete = "deleted in the console"
	stepWrongAuth     = "wrong credentials"
	stepGroupCreate   = "operator group with named rights"
	stepGroupPlan     = "operator group, second plan"
)

var compatibilitySteps = []string{stepCreate, stepSecondPlan, stepUpdate, stepImport, stepConsoleSecret, stepConsoleDelete, stepWrongAuth, stepGroupCreate, stepGroupPlan}

// compatibilityCase is what one build must do at each step.
type compatibilityCase struct {
	profile string
	auth    string // provider authentication lines
	wrong   string // the same, with a wrong credential
	refused string // the error of the create, when the build cannot hold the account
	// secretHidden: the build does not return clientSecret, so a secret
	// changed in the console is not seen (and nothing is rewritten).
	secretHidden bool
	wrongError   string
	// groupRefused: the error of a group with named rights, when the build
	// has no place for them (before any Write).
	groupRefused string
}

// profileExpectations are what each build does differently from the
// default one, next to each other; a new emulator profile needs an entry
// only when it changes an outcome.
func profileExpectations() map[string]func(*compatibilityCase) {
	return map[string]func(*compatibilityCase){
		"bearer-no-packages": func(c *compatibilityCase) {
			c.auth, c.wrong, c.wrongError = fmt.Sprintf("access_token = %q", emulatortest.AccessToken), `access_token = "eyJnot-a-valid-token"`, "The IMS access token was refused"
		},
		"restricted-secret":   func(c *compatibilityCase) { c.secretHidden = true },
		"no-association-mask": func(c *compatibilityCase) { c.refused = "Campaign has no field for matching_mask" },
		"rights-elsewhere":    func(c *compatibilityCase) { c.groupRefused = "Campaign has no field for named_rights" },
	}
}

func compatibilityCases() []compatibilityCase {
	var out []compatibilityCase
	for _, p := range emulator.Profiles() {
		c := compatibilityCase{profile: p.Name, auth: fmt.Sprintf("login = %q\n  password = %q", emulatortest.Login, emulatortest.Password),
			wrong: fmt.Sprintf("login = %q\n  password = \"wrong-password\"", emulatortest.Login), wrongError: "Check login and password"}
		if differs, ok := profileExpectations()[p.Name]; ok {
			differs(&c)
		}
		out = append(out, c)
	}
	return out
}

// TestAccCompatibility runs the same scenario through the real CLI against
// every Campaign build the emulator plays (emulator.Profiles), and asserts
// the outcome of each step per build. The results, with the SOAP calls of
// each step, are COMPATIBILITY.md's table.
func TestAccCompatibility(t *testing.T) {
	cases := compatibilityCases()
	results := testdoc.Measure(t, "profiles", cases, func(c compatibilityCase) string { return c.profile }, runCompatibility)
	if t.Failed() {
		return
	}
	testdoc.SkipUnlessComplete(t, "compatibility", len(results), len(cases))
	var b strings.Builder
	b.WriteString("| Build (`-profile`) | " + strings.Join(compatibilitySteps, " | ") + " |\n|---|" + strings.Repeat("---|", len(compatibilitySteps)) + "\n")
	for _, tc := range cases {
		var row []string
		for _, step := range compatibilitySteps {
			row = append(row, results[tc.profile][step])
		}
		fmt.Fprintf(&b, "| `%s` | %s |\n", tc.profile, strings.Join(row, " | "))
	}
	testdoc.Check(t, testdoc.RepoFile("COMPATIBILITY.md"), "compatibility", b.String())
	var p strings.Builder
	for _, prof := range emulator.Profiles() {
		fmt.Fprintf(&p, "| `%s` | %s | %s |\n", prof.Name, prof.Description, prof.Confidence)
	}
	testdoc.Check(t, testdoc.RepoFile("COMPATIBILITY.md"), "profiles", p.String())
}

func runCompatibility(t *testing.T, tc compatibilityCase) map[string]string {
	profile, _ := emulator.ProfileNamed(tc.profile)
	srv := startEmulator(t, emulator.Config{Profile: profile})
	header := providerBlock(srv, tc.auth)
	account := func(label string) string {
		return header + `
resource "campaign_package" "core" {
  name = "nms:core"
}
` + accountBlock("Adobe_Marketing_Cloud", label, `client_secret = "s1"`)
	}
	cells := map[string]string{}
	calls := func() int { return srv.Emulator.Stats().Total }
	reset := func() { srv.Emulator.ResetStats() }
	record := func(step, outcome string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			cells[step] = fmt.Sprintf("%s (%s)", outcome, callCount(calls()))
			return nil
		}
	}
	runGroupSteps(t, srv, header, tc, cells)
	accountIs := func(label string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			acc, ok := srv.Emulator.Account("Adobe_Marketing_Cloud")
			if !ok || acc["label"] != label {
				return fmt.Errorf("account in Campaign: %v, want label %q", acc, label)
			}
			if names := srv.Emulator.AccountNames(); !slices.Equal(names, []string{"Adobe_Marketing_Cloud"}) {
				return fmt.Errorf("accounts in Campaign: %v, want exactly one", names)
			}
			return nil
		}
	}
	if tc.refused != "" {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProviders,
			Steps:                    []resource.TestStep{{PreConfig: reset, Config: account("MAC"), ExpectError: errorLike(tc.refused)}},
		})
		if n := srv.Emulator.Stats().ByAction[emulator.ActionWrite]; n != 0 {
			t.Errorf("the refused create sent %d Write(s)", n)
		}
		cells[stepCreate] = fmt.Sprintf("refused before any Write: “%s” (%s)", tc.refused, callCount(calls()))
		for _, step := range []string{stepSecondPlan, stepUpdate, stepImport, stepConsoleSecret, stepConsoleDelete, stepWrongAuth} {
			cells[step] = "not run: the create was refused"
		}
		return cells
	}
	secretOutcome, secretAction, secretAfter := "update: the configured secret is written again", plancheck.ResourceActionUpdate, "s1"
	if tc.secretHidden {
		secretOutcome, secretAction, secretAfter = "no change: the secret cannot be read, a warning says so", plancheck.ResourceActionNoop, "console-secret"
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{PreConfig: reset, Config: account("MAC"), Check: resource.ComposeTestCheckFunc(accountIs("MAC"), checkSecret(srv, "s1"), record(stepCreate, "created"))},
			{
				PreConfig: reset, Config: account("MAC"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            record(stepSecondPlan, "empty"),
			},
			{
				PreConfig: func() { reset(); srv.Emulator.ExpireSessions() }, Config: account("MAC v2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionUpdate)}},
				Check:            resource.ComposeTestCheckFunc(accountIs("MAC v2"), record(stepUpdate, "updated, session renewed")),
			},
			{
				PreConfig: reset, Config: account("MAC v2"), ResourceName: accountAddr, ImportState: true, ImportStateId: "Adobe_Marketing_Cloud",
				ImportStateVerify: true, ImportStateVerifyIgnore: []string{"client_secret"},
				ImportStateCheck: func([]*terraform.InstanceState) error {
					cells[stepImport] = fmt.Sprintf("imported, same attributes (%s)", callCount(calls()))
					return nil
				},
			},
			{
				PreConfig: func() {
					reset()
					if err := srv.Emulator.PutAccount(map[string]string{"name": "Adobe_Marketing_Cloud", "clientSecret": "console-secret"}); err != nil {
						t.Fatal(err)
					}
				},
				Config:           account("MAC v2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, secretAction)}},
				Check:            resource.ComposeTestCheckFunc(checkSecret(srv, secretAfter), record(stepConsoleSecret, secretOutcome)),
			},
			{
				PreConfig: func() {
					reset()
					if err := srv.Emulator.DeleteAccount("Adobe_Marketing_Cloud"); err != nil {
						t.Fatal(err)
					}
				},
				Config:           account("MAC v2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionCreate)}},
				Check:            resource.ComposeTestCheckFunc(accountIs("MAC v2"), record(stepConsoleDelete, "created again, after a warning")),
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if names := srv.Emulator.AccountNames(); len(names) != 0 {
				return fmt.Errorf("destroy left %v", names)
			}
			return nil
		},
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			PreConfig:   reset,
			Config:      providerBlock(srv, tc.wrong) + packagesOutputConfig,
			ExpectError: errorLike(tc.wrongError),
		}},
	})
	if !t.Failed() {
		cells[stepWrongAuth] = fmt.Sprintf("refused: “%s” (%s)", tc.wrongError, callCount(calls()))
	}
	return cells
}

func callCount(n int) string {
	if n == 1 {
		return "1 call"
	}
	return fmt.Sprintf("%d calls", n)
}

// runGroupSteps creates an operator group with named rights on the build
// and plans it again: refused before any Write where the build has no place
// for named rights.
func runGroupSteps(t *testing.T, srv *emulator.Server, header string, tc compatibilityCase, cells map[string]string) {
	t.Helper()
	cfg := header + groupBlock("reviewers", `label = "Reviewers"`, `named_rights = ["report"]`)
	calls := func() string { return callCount(srv.Emulator.Stats().Total) }
	if tc.groupRefused != "" {
		srv.Emulator.ResetStats()
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProviders,
			Steps:                    []resource.TestStep{{Config: cfg, ExpectError: errorLike(tc.groupRefused)}},
		})
		if n := srv.Emulator.Stats().ByAction[emulator.ActionWrite]; n != 0 {
			t.Errorf("the refused group sent %d Write(s)", n)
		}
		cells[stepGroupCreate] = fmt.Sprintf("refused before any Write: “%s” (%s)", tc.groupRefused, calls())
		cells[stepGroupPlan] = "not run: the group was refused"
		return
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				PreConfig: srv.Emulator.ResetStats, Config: cfg,
				Check: resource.ComposeTestCheckFunc(checkGroup(srv, "reviewers", map[string]string{"right": "report"}), func(*terraform.State) error {
					cells[stepGroupCreate] = "created, read back (" + calls() + ")"
					return nil
				}),
			},
			{
				PreConfig: srv.Emulator.ResetStats, Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: func(*terraform.State) error {
					cells[stepGroupPlan] = "empty (" + calls() + ")"
					return nil
				},
			},
		},
	})
}
