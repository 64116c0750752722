package e2e

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/clitest"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"
)

// consoleEnvironmentAccount is the account an administrator typed in the
// console of one environment (its module call then changes what differs).
func consoleEnvironmentAccount(env string) map[string]string {
	acc := consoleAccount("Adobe_Marketing_Cloud", "Campaign1-"+env)
	acc["callbackServer"] = "https://acme-mkt-" + env + ".example.com"
	return acc
}

// TestModuleAdoption adopts two environments set up by hand (package
// installed, account typed in the console, an operator group with a
// member) through examples/modules/ims-setup-adopt: one module call per
// environment, its import blocks inside the module (Terraform >= 1.16). The
// apply imports everything and creates nothing: the account and the group
// keep their @id, the member keeps the group, the package is not
// installed again; the next plan is empty.
func TestModuleAdoption(t *testing.T) {
	if providerMirror == "" {
		t.Skip("end-to-end tests run with TF_ACC=1 (make test)")
	}
	clitest.Require(t, clitest.ModuleImports)
	w := newWorkspace(t)
	copyDir(t, filepath.Join(repoRoot(t), "examples/modules"), filepath.Join(w.dir, "modules"))
	envs := []string{"stage", "prod"}
	servers := map[string]*emulator.Server{}
	before := map[string]string{}
	cfg := emulatortest.Header
	for _, env := range envs {
		srv := startInstance(t, emulator.Config{Installed: []string{"xtk:core", "nms:core", emulator.DefaultIMSPackage}})
		if err := srv.Emulator.PutAccount(consoleEnvironmentAccount(env)); err != nil {
			t.Fatal(err)
		}
		srv.Emulator.PutGroup(emulator.OperatorGroup{Name: "reviewers", Label: "Delivery reviewers", NamedRights: []string{"report"}})
		srv.Emulator.AddMember("reviewers", "jdoe")
		acc, _ := srv.Emulator.Account("Adobe_Marketing_Cloud")
		grp, _ := srv.Emulator.Group("reviewers")
		if acc["id"] == "" || grp["id"] == "" {
			t.Fatalf("%s: the hand-made account or group has no id: %v %v", env, acc, grp)
		}
		before[env] = acc["id"] + "/" + grp["id"]
		servers[env] = srv
		cfg += emulatortest.ProviderBlock(srv, emulatortest.AuthPasswordFromEnv, fmt.Sprintf("alias = %q", env)) + fmt.Sprintf(`
module %[1]q {
  source          = "../modules/ims-setup-adopt"
  providers       = { campaign.instance = campaign.%[1]s }
  client_id       = "Campaign1-%[1]s"
  client_secret   = "console-secret-%[1]s"
  callback_server = "https://acme-mkt-%[1]s.example.com"
  ims_org_id      = "0123456789ABCDEF01234567@AdobeOrg"
  tenant          = "acme"
  operator_groups = {
    reviewers = { label = "Delivery reviewers", named_rights = ["report"] }
  }
  adopt = {
    package         = true
    account         = "Adobe_Marketing_Cloud"
    operator_groups = ["reviewers"]
  }
}
`, env)
	}
	dir := filepath.Join(w.dir, "adopt")
	writeMain(t, dir, cfg)
	env := []string{"CAMPAIGN_PASSWORD=" + emulatortest.Password}
	w.mustTerraform(dir, env, "init", "-input=false")
	out := w.mustTerraform(dir, env, "apply", "-input=false", "-auto-approve")
	// Per environment: the package, the account and the group imported; the
	// account's write-only secret is written once (its version is new to
	// the state), nothing is added or destroyed.
	if !strings.Contains(out, "6 imported, 0 added") || !strings.Contains(out, "0 destroyed") {
		t.Fatalf("the adopting apply did not import the 3 records of each environment and create nothing:\n%s", out)
	}
	for _, e := range envs {
		srv := servers[e]
		acc, _ := srv.Emulator.Account("Adobe_Marketing_Cloud")
		grp, ok := srv.Emulator.Group("reviewers")
		if !ok || acc["id"]+"/"+grp["id"] != before[e] {
			t.Errorf("%s: account/group @id %s/%s after the adoption, was %s: the records were replaced, not adopted", e, acc["id"], grp["id"], before[e])
		}
		if !slices.Contains(srv.Emulator.Members("reviewers"), "jdoe") {
			t.Errorf("%s: jdoe lost the reviewers group in the adoption", e)
		}
		if n := srv.Emulator.Stats().ByAction[emulator.ActionInstallVendorPackages]; n != 0 {
			t.Errorf("%s: the installed package was installed again (%d installs)", e, n)
		}
	}
	if out, code := w.terraform(dir, env, "plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after the adoption is not empty (exit %d):\n%s", code, out)
	}
}
