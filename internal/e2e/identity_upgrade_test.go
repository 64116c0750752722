package e2e

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"

	"github.com/acc-terraform/terraform-provider-campaign/internal/clitest"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
)

// TestIdentitySurvivesCLIUpgrade: a state written by a Terraform without
// resource identity (the terraform on PATH, 1.11) gains the identity of both
// resources at the first refresh by the newer CLI under test ($TF_NEXT), with
// nothing to change. It runs in the TF_NEXT leg of the CLI matrix.
func TestIdentitySurvivesCLIUpgrade(t *testing.T) {
	clitest.Require(t, clitest.ResourceIdentity)
	if clitest.Current(t).OpenTofu {
		t.Skip("a Terraform 1.11 state refreshed by OpenTofu is a change of provider address (registry.terraform.io to registry.opentofu.org), not the upgrade this test is about")
	}
	old, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("needs the older terraform on PATH to write a state without identity")
	}
	w := newWorkspace(t)
	if old == w.tfPath {
		t.Skip("the terraform on PATH is the CLI under test: no older CLI to write the state")
	}
	srv := startInstance(t, emulator.Config{Installed: []string{"xtk:core", "nms:core", emulator.DefaultIMSPackage}})
	dir := filepath.Join(w.dir, "upgrade")
	writeMain(t, dir, providerFile(srv)+`
resource "campaign_package" "experience_cloud" {
  name = "`+emulator.DefaultIMSPackage+`"
}

resource "campaign_ims_external_account" "this" {
  client_id       = "Campaign1"
  callback_server = "https://acme-mkt.example.com"
  ims_org_id      = "0123456789ABCDEF01234567@AdobeOrg"
  matching_mask   = "Campaign - acme - (.*)"
}
`)
	env := []string{"CAMPAIGN_PASSWORD=" + emulatortest.Password}
	older := &workspace{t: t, dir: w.dir, env: w.env, tfPath: old}
	older.mustTerraform(dir, env, "init", "-input=false")
	older.mustTerraform(dir, env, "apply", "-input=false", "-auto-approve")

	w.mustTerraform(dir, env, "init", "-input=false")
	if out, code := w.terraform(dir, env, "plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the newer CLI plans a change on the older state (exit %d):\n%s", code, out)
	}
	w.mustTerraform(dir, env, "apply", "-input=false", "-auto-approve", "-refresh-only")
	var state struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Address  string            `json:"address"`
					Identity map[string]string `json:"identity"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(w.mustTerraform(dir, env, "show", "-json")), &state); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"campaign_package.experience_cloud": emulator.DefaultIMSPackage, "campaign_ims_external_account.this": "Adobe_Marketing_Cloud"}
	for _, r := range state.Values.RootModule.Resources {
		if r.Identity["name"] != want[r.Address] {
			t.Errorf("%s: identity %v, want name = %q", r.Address, r.Identity, want[r.Address])
		}
		delete(want, r.Address)
	}
	if len(want) != 0 {
		t.Errorf("resources missing from the state: %v", want)
	}
}
