package e2e

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"

	"github.com/acc-terraform/terraform-provider-campaign/internal/clitest"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
)

// TestDestroyFalseKeepsTheAccount: with lifecycle { destroy = false }
// (Terraform >= 1.16, OpenTofu >= 1.12), `destroy` stops managing the
// production account without a deleting Write: the account stays in
// Campaign, the state is empty, and a later apply adopts nothing by
// accident (the provider refuses a second account and says to import it).
func TestDestroyFalseKeepsTheAccount(t *testing.T) {
	if providerMirror == "" {
		t.Skip("end-to-end tests run with TF_ACC=1 (make test)")
	}
	clitest.Require(t, clitest.DestroyFalse)
	w := newWorkspace(t)
	srv := startInstance(t, emulator.Config{})
	dir := filepath.Join(w.dir, "prod")
	writeMain(t, dir, providerFile(srv)+`
resource "campaign_ims_external_account" "prod" {
  client_id                = "Campaign1"
  client_secret_wo         = "wo-secret"
  client_secret_wo_version = 1
  callback_server          = "https://acme-mkt-prod1.example.com"
  ims_org_id               = "0123456789ABCDEF01234567@AdobeOrg"
  matching_mask            = provider::campaign::ims_matching_mask("acme")
  experience_cloud_server  = "https://marketing.adobe.com"
  tenant                   = "acme"

  lifecycle {
    destroy = false
  }
}
`)
	env := []string{"CAMPAIGN_PASSWORD=" + emulatortest.Password}
	w.mustTerraform(dir, env, "init", "-input=false")
	w.mustTerraform(dir, env, "apply", "-input=false", "-auto-approve")
	created, ok := srv.Emulator.Account("Adobe_Marketing_Cloud")
	if !ok {
		t.Fatal("the apply created no account")
	}
	srv.Emulator.ResetStats()
	out, code := w.terraform(dir, env, "destroy", "-input=false", "-auto-approve")
	switch {
	case clitest.Current(t).OpenTofu:
		// OpenTofu forgets it, then exits 1 to say so (-suppress-forget-errors).
		if code != 1 || !clitest.Phrase("left behind forgotten instances").MatchString(out) || !strings.Contains(out, "1 to forget") {
			t.Fatalf("OpenTofu destroy with destroy = false (exit %d) did not forget the account:\n%s", code, out)
		}
	case code != 0 || !strings.Contains(out, "0 destroyed"):
		t.Fatalf("destroy with destroy = false (exit %d) did not leave the account alone:\n%s", code, out)
	}
	if n := srv.Emulator.Stats().ByAction[emulator.ActionWrite]; n != 0 {
		t.Errorf("destroy sent %d Write(s); destroy = false must not delete", n)
	}
	kept, ok := srv.Emulator.Account("Adobe_Marketing_Cloud")
	if !ok || kept["id"] == "" || kept["id"] != created["id"] {
		t.Fatalf("the account is gone or replaced after destroy with destroy = false: %v", kept)
	}
	if state := w.mustTerraform(dir, env, "state", "list"); strings.TrimSpace(state) != "" {
		t.Errorf("the state still tracks %q: destroy = false forgets the account", state)
	}
}
