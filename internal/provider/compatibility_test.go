package provider

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/testdoc"
)

// compatibilitySteps is the scenario every emulated build runs, in order.
var compatibilitySteps = []string{
	"create", "second plan", "in-place update (session expired)", "import",
	"secret changed in the console", "deleted in the console", "wrong credentials",
}

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
}

func compatibilityCases() []compatibilityCase {
	password := fmt.Sprintf("login = %q\n  password = %q", accLogin, accPassword)
	wrongPassword := fmt.Sprintf("login = %q\n  password = \"wrong-password\"", accLogin)
	token := fmt.Sprintf("access_token = %q", accToken)
	passwordCase := func(profile string) compatibilityCase {
		return compatibilityCase{profile: profile, auth: password, wrong: wrongPassword, wrongError: "Check login and password"}
	}
	var out []compatibilityCase
	for _, p := range emulator.Profiles() {
		c := passwordCase(p.Name)
		switch p.Name {
		case "bearer-no-packages":
			c.auth, c.wrong, c.wrongError = token, `access_token = "eyJnot-a-valid-token"`, "The IMS access token was refused"
		case "restricted-secret":
			c.secretHidden = true
		case "no-association-mask":
			c.refused = "Campaign has no field for matching_mask"
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
		fmt.Fprintf(&b, "| `%s` | %s |\n", tc.profile, strings.Join(results[tc.profile], " | "))
	}
	testdoc.Check(t, testdoc.RepoFile("COMPATIBILITY.md"), "compatibility", b.String())
	var p strings.Builder
	for _, prof := range emulator.Profiles() {
		fmt.Fprintf(&p, "| `%s` | %s | %s |\n", prof.Name, prof.Description, prof.Confidence)
	}
	testdoc.Check(t, testdoc.RepoFile("COMPATIBILITY.md"), "profiles", p.String())
}

func runCompatibility(t *testing.T, tc compatibilityCase) []string {
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
	cells := make([]string, len(compatibilitySteps))
	for i := range cells {
		cells[i] = "not run: the create was refused"
	}
	calls := func() int { return srv.Emulator.Stats().Total }
	reset := func() { srv.Emulator.ResetStats() }
	record := func(step int, outcome string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			cells[step] = fmt.Sprintf("%s (%s)", outcome, callCount(calls()))
			return nil
		}
	}
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
		cells[0] = fmt.Sprintf("refused before any Write: “%s” (%s)", tc.refused, callCount(calls()))
		return cells
	}
	secretOutcome, secretAction, secretAfter := "update: the configured secret is written again", plancheck.ResourceActionUpdate, "s1"
	if tc.secretHidden {
		secretOutcome, secretAction, secretAfter = "no change: the secret cannot be read, a warning says so", plancheck.ResourceActionNoop, "console-secret"
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{PreConfig: reset, Config: account("MAC"), Check: resource.ComposeTestCheckFunc(accountIs("MAC"), checkSecret(srv, "s1"), record(0, "created"))},
			{
				PreConfig: reset, Config: account("MAC"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            record(1, "empty"),
			},
			{
				PreConfig: func() { reset(); srv.Emulator.ExpireSessions() }, Config: account("MAC v2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, plancheck.ResourceActionUpdate)}},
				Check:            resource.ComposeTestCheckFunc(accountIs("MAC v2"), record(2, "updated, session renewed")),
			},
			{
				PreConfig: reset, Config: account("MAC v2"), ResourceName: accountAddr, ImportState: true, ImportStateId: "Adobe_Marketing_Cloud",
				ImportStateVerify: true, ImportStateVerifyIgnore: []string{"client_secret"},
			},
			{
				PreConfig: func() {
					cells[3] = fmt.Sprintf("imported, same attributes (%s)", callCount(calls()))
					reset()
					if err := srv.Emulator.PutAccount(map[string]string{"name": "Adobe_Marketing_Cloud", "clientSecret": "console-secret"}); err != nil {
						t.Fatal(err)
					}
				},
				Config:           account("MAC v2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, secretAction)}},
				Check:            resource.ComposeTestCheckFunc(checkSecret(srv, secretAfter), record(4, secretOutcome)),
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
				Check:            resource.ComposeTestCheckFunc(accountIs("MAC v2"), record(5, "created again, after a warning")),
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
		cells[6] = fmt.Sprintf("refused: “%s” (%s)", tc.wrongError, callCount(calls()))
	}
	return cells
}

func callCount(n int) string {
	if n == 1 {
		return "1 call"
	}
	return fmt.Sprintf("%d calls", n)
}
