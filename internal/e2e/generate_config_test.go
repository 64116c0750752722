package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
)

// TestGenerateConfigOut adopts console-made accounts the way Terraform
// documents it: an import block, `terraform plan -generate-config-out`, then
// the generated file is used as it is. It must validate, hold no secret,
// import with no change and no Write, whether the console filled every field
// or left the optional ones (IMS server, product context, scope) empty.
func TestGenerateConfigOut(t *testing.T) {
	complete := map[string]string{
		"name": "Adobe_Marketing_Cloud", "label": `Typed "by hand" <console> & co`, "clientId": "Campaign1", "clientSecret": "console-secret-not-in-files",
		"callbackServer": "https://acme-mkt-prod.example.com", "imsOrgId": "0123456789ABCDEF01234567@AdobeOrg",
		"imsRightsMask": "Campaign - acme - (.*)", "userScope": "openid,AdobeID", "active": "1",
		"imsServer": "https://ims-na1.adobelogin.com", "productContext": "dma_campaign_classic",
	}
	sparse := map[string]string{}
	for k, v := range complete {
		sparse[k] = v
	}
	for _, k := range []string{"imsServer", "productContext", "userScope"} {
		delete(sparse, k)
	}
	sparse["active"] = "0"
	for name, account := range map[string]map[string]string{"complete": complete, "without optional fields": sparse} {
		t.Run(name, func(t *testing.T) { checkGenerateConfigOut(t, account) })
	}
}

func checkGenerateConfigOut(t *testing.T, account map[string]string) {
	w := newWorkspace(t)
	srv := startInstance(t, emulator.Config{})
	if err := srv.Emulator.PutAccount(account); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(w.dir, "adopt")
	// No provider argument in the import block, as Terraform documents it:
	// 1.16.0-rc2 needed one to generate (it looked for hashicorp/campaign),
	// the 1.16 release does not.
	writeMain(t, dir, providerFile(srv)+`
import {
  to = campaign_ims_external_account.console
  id = "Adobe_Marketing_Cloud"
}
`)
	env := []string{"CAMPAIGN_PASSWORD=" + emulatortest.Password}
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
	srv.Emulator.ResetStats()
	out = w.mustTerraform(dir, env, "apply", "-input=false", "-auto-approve")
	if !strings.Contains(out, "1 imported, 0 added, 0 changed, 0 destroyed") {
		t.Errorf("adopting the generated configuration changed something:\n%s", out)
	}
	if n := srv.Emulator.Stats().ByAction[emulator.ActionWrite]; n != 0 {
		t.Errorf("adopting the generated configuration sent %d Write(s), want none", n)
	}
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
