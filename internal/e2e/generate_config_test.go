package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
)

// TestGenerateConfigOut adopts a console-made account the way Terraform
// documents it: an import block, `terraform plan -generate-config-out`, then
// the generated file is used as it is. It must validate, hold no secret,
// import with no change, and leave the account's secret alone.
func TestGenerateConfigOut(t *testing.T) {
	w := newWorkspace(t)
	srv := startInstance(t, emulator.Config{})
	if err := srv.Emulator.PutAccount(map[string]string{
		"name": "Adobe_Marketing_Cloud", "label": `Typed "by hand" <console> & co`, "clientId": "Campaign1", "clientSecret": "console-secret-not-in-files",
		"callbackServer": "https://acme-mkt-prod.example.com", "imsOrgId": "0123456789ABCDEF01234567@AdobeOrg",
		"imsRightsMask": "Campaign - acme - (.*)", "userScope": "openid,AdobeID", "active": "1",
		"imsServer": "https://ims-na1.adobelogin.com", "productContext": "dma_campaign_classic",
	}); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(w.dir, "adopt")
	writeMain(t, dir, providerFile(srv, "")+`
import {
  to = campaign_ims_external_account.console
  id = "Adobe_Marketing_Cloud"
}
`)
	env := []string{"CAMPAIGN_PASSWORD=" + password}
	w.mustTerraform(dir, env, "init", "-input=false")
	out, code := w.terraform(dir, env, "plan", "-input=false", "-generate-config-out=generated.tf", "-detailed-exitcode")
	// Exit 2: the plan holds the import (an import is a change of state).
	if code != 2 || !strings.Contains(out, "1 to import, 0 to add, 0 to change, 0 to destroy") {
		t.Fatalf("plan -generate-config-out (exit %d):\n%s", code, out)
	}
	generated, err := os.ReadFile(filepath.Join(dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`resource "campaign_ims_external_account" "console"`,
		`name = "Adobe_Marketing_Cloud"`,
		`label = "Typed \"by hand\" <console> & co"`,
		`matching_mask = "Campaign - acme - (.*)"`,
		`client_secret = null # sensitive`,
	} {
		if !strings.Contains(squeeze(string(generated)), want) {
			t.Errorf("generated.tf lacks %s:\n%s", want, generated)
		}
	}
	if strings.Contains(string(generated), "console-secret-not-in-files") {
		t.Fatal("generated.tf holds the account's client secret")
	}

	w.mustTerraform(dir, env, "validate")
	w.mustTerraform(dir, env, "apply", "-input=false", "-auto-approve")
	if out, code := w.terraform(dir, env, "plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after adopting the generated configuration is not empty (exit %d):\n%s", code, out)
	}
	if got, _ := srv.Emulator.RevealSecret("Adobe_Marketing_Cloud", "clientSecret"); got != "console-secret-not-in-files" {
		t.Fatal("adopting the account changed its client secret")
	}
}

// squeeze collapses the alignment spaces terraform fmt puts before "=".
func squeeze(s string) string {
	for strings.Contains(s, "  =") {
		s = strings.ReplaceAll(s, "  =", " =")
	}
	return s
}
