package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/clitest"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/adobe"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"
)

// consoleAccount is an Adobe Experience Cloud account as the console makes it.
func consoleAccount(name, clientID string) map[string]string {
	return map[string]string{
		"name": name, "label": "typed by hand", "type": "24", "active": "1", "clientId": clientID, "clientSecret": "console-secret-" + name,
		"callbackServer": "https://acme-mkt.example.com", "imsOrgId": "0123456789ABCDEF01234567@AdobeOrg", "imsRightsMask": "Campaign - acme - (.*)",
		"userScope": "openid,AdobeID",
	}
}

// TestQueryMultiEnvironment runs `terraform query` with the example's
// discover.tfquery.hcl against three instances: each is asked one
// ExecuteQuery for its accounts, whatever their number, and the duplicate
// on stage is listed.
func TestQueryMultiEnvironment(t *testing.T) {
	clitest.Require(t, clitest.Query)
	w := newWorkspace(t)
	root := repoRoot(t)
	copyDir(t, filepath.Join(root, "examples/modules"), filepath.Join(w.dir, "examples/modules"))
	copyDir(t, filepath.Join(root, "examples/multi-environment"), filepath.Join(w.dir, "examples/multi-environment"))
	dir := filepath.Join(w.dir, "examples/multi-environment")
	accounts := map[string][]string{"dev": {"Adobe_Marketing_Cloud"}, "stage": {"Adobe_Marketing_Cloud", "Adobe_Experience_Cloud"}, "prod": nil}
	servers := map[string]*emulator.Server{}
	instances := map[string]any{}
	for env, names := range accounts {
		srv := startInstance(t, emulator.Config{InstanceName: "acme_mkt_" + env})
		for _, name := range names {
			if err := srv.Emulator.PutAccount(consoleAccount(name, "Campaign1-"+env)); err != nil {
				t.Fatal(err)
			}
		}
		servers[env] = srv
		instances[env] = map[string]string{"endpoint": srv.URL, "ca_certificate": string(srv.CAPEM),
			"callback_server": "https://acme-mkt-" + env + ".example.com", "tenant": "acme"}
	}
	// The example's Admin Console alias takes no part in a query, but its
	// variables are required.
	_, orgSrv := emulatortest.StartOrganization(t, adobe.Config{})
	vars, _ := json.Marshal(map[string]any{"instances": instances, "admin_console": map[string]string{
		"client_id": emulatortest.AdminConsoleClientID, "token_url": orgSrv.URL + "/ims/token/v3",
		"umapi_endpoint": orgSrv.URL, "ca_certificate": string(orgSrv.CAPEM),
	}})
	if err := os.WriteFile(filepath.Join(dir, "terraform.tfvars.json"), vars, 0o600); err != nil {
		t.Fatal(err)
	}
	secrets, _ := json.Marshal(envSecrets)
	env := []string{"TF_VAR_login=" + emulatortest.Login, "TF_VAR_password=" + emulatortest.Password, "TF_VAR_ims_client_secrets=" + string(secrets),
		"TF_VAR_admin_console_client_secret=" + emulatortest.AdminConsoleClientSecret}
	w.mustTerraform(dir, env, "init", "-input=false")
	for _, srv := range servers {
		srv.Emulator.ResetStats()
	}
	out := w.mustTerraform(dir, env, "query")
	for env, names := range accounts {
		for _, name := range names {
			if !strings.Contains(out, "list.campaign_ims_external_account."+env) || !strings.Contains(out, name) {
				t.Errorf("terraform query does not list %s on %s:\n%s", name, env, out)
			}
		}
		if n := servers[env].Emulator.Stats().ByAction[emulator.ActionExecuteQuery]; n != 1 {
			t.Errorf("%s: %d ExecuteQuery for the list, want 1 whatever the number of accounts", env, n)
		}
	}
	if !strings.Contains(out, emulator.DefaultIMSPackage) && !strings.Contains(out, "nms:core") {
		t.Errorf("terraform query does not list prod's packages:\n%s", out)
	}
	for _, s := range []string{"console-secret-", emulatortest.Password} {
		if strings.Contains(out, s) {
			t.Errorf("terraform query printed a secret")
		}
	}
}

// TestQueryGenerateConfig adopts every account of an instance through
// `terraform query -generate-config-out`: the generated import blocks and
// configuration validate, import with no change and no Write, plan empty,
// and hold no secret.
func TestQueryGenerateConfig(t *testing.T) {
	clitest.Require(t, clitest.Query)
	w := newWorkspace(t)
	srv := startInstance(t, emulator.Config{})
	sparse := consoleAccount("Adobe_Experience_Cloud", "Campaign2")
	delete(sparse, "userScope")
	for _, a := range []map[string]string{consoleAccount("Adobe_Marketing_Cloud", "Campaign1"), sparse} {
		if err := srv.Emulator.PutAccount(a); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(w.dir, "adopt")
	writeMain(t, dir, providerFile(srv))
	if err := os.WriteFile(filepath.Join(dir, "adopt.tfquery.hcl"), []byte(`list "campaign_ims_external_account" "all" {
  provider         = campaign
  include_resource = true
}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"CAMPAIGN_PASSWORD=" + emulatortest.Password}
	w.mustTerraform(dir, env, "init", "-input=false")
	w.mustTerraform(dir, env, "query", "-generate-config-out=generated.tf")
	generated, err := os.ReadFile(filepath.Join(dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	text := squeeze(string(generated))
	for _, want := range []string{"import {", `name = "Adobe_Marketing_Cloud"`, `name = "Adobe_Experience_Cloud"`, `resource "campaign_ims_external_account"`} {
		if !strings.Contains(text, want) {
			t.Errorf("generated.tf lacks %s:\n%s", want, generated)
		}
	}
	if strings.Contains(text, "console-secret-") {
		t.Fatal("generated.tf holds a client secret")
	}
	w.mustTerraform(dir, env, "validate")
	srv.Emulator.ResetStats()
	out := w.mustTerraform(dir, env, "apply", "-input=false", "-auto-approve")
	if !strings.Contains(out, "2 imported, 0 added, 0 changed, 0 destroyed") {
		t.Errorf("adopting the generated configuration changed something:\n%s\n%s", out, generated)
	}
	if n := srv.Emulator.Stats().ByAction[emulator.ActionWrite]; n != 0 {
		t.Errorf("adopting sent %d Write(s), want none", n)
	}
	if out, code := w.terraform(dir, env, "plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after adopting is not empty (exit %d):\n%s", code, out)
	}
	for _, name := range []string{"Adobe_Marketing_Cloud", "Adobe_Experience_Cloud"} {
		if got, _ := srv.Emulator.RevealSecret(name, "clientSecret"); got != "console-secret-"+name {
			t.Errorf("adopting changed the secret of %s", name)
		}
	}
}

// TestQueryGenerateConfigGroups adopts every operator group of an instance,
// built-in ones included, through `terraform query -generate-config-out`:
// the apply imports them all and changes nothing (no Write), and the plan
// after it is empty.
func TestQueryGenerateConfigGroups(t *testing.T) {
	clitest.Require(t, clitest.Query)
	w := newWorkspace(t)
	srv := startInstance(t, emulator.Config{})
	srv.Emulator.PutGroup(emulator.OperatorGroup{Name: "reviewers", Label: "Reviewers", NamedRights: []string{"report", "startDelivery"}})
	dir := filepath.Join(w.dir, "adopt-groups")
	writeMain(t, dir, providerFile(srv))
	if err := os.WriteFile(filepath.Join(dir, "groups.tfquery.hcl"), []byte(`list "campaign_operator_group" "all" {
  provider         = campaign
  include_resource = true
}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"CAMPAIGN_PASSWORD=" + emulatortest.Password}
	w.mustTerraform(dir, env, "init", "-input=false")
	srv.Emulator.ResetStats()
	w.mustTerraform(dir, env, "query", "-generate-config-out=generated.tf")
	if n := srv.Emulator.Stats().ByAction[emulator.ActionExecuteQuery]; n != 1 {
		t.Errorf("listing the groups took %d ExecuteQuery, want 1", n)
	}
	generated, err := os.ReadFile(filepath.Join(dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	text := squeeze(string(generated))
	for _, want := range []string{`resource "campaign_operator_group"`, `name = "reviewers"`, `name = "workflowSupervisor"`} {
		if !strings.Contains(text, want) {
			t.Errorf("generated.tf lacks %s:\n%s", want, generated)
		}
	}
	groups := len(srv.Emulator.GroupNames())
	srv.Emulator.ResetStats()
	out := w.mustTerraform(dir, env, "apply", "-input=false", "-auto-approve")
	if want := fmt.Sprintf("%d imported, 0 added, 0 changed, 0 destroyed", groups); !strings.Contains(out, want) {
		t.Errorf("adopting the generated configuration: want %q:\n%s\n%s", want, out, generated)
	}
	if n := srv.Emulator.Stats().ByAction[emulator.ActionWrite]; n != 0 {
		t.Errorf("adopting sent %d Write(s), want none", n)
	}
	if out, code := w.terraform(dir, env, "plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after adopting is not empty (exit %d):\n%s", code, out)
	}
	if g, _ := srv.Emulator.Group("reviewers"); g["right"] != "report,startDelivery" {
		t.Errorf("adopting changed the named rights of reviewers: %v", g)
	}
}
