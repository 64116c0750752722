package e2e

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/adobe"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
)

// flat joins Terraform's wrapped output into one line per paragraph-free text.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

func accountConfig(name, extra string) string {
	return `
resource "campaign_ims_external_account" "this" {
  name            = "` + name + `"
  client_id       = "Campaign1"
  callback_server = "https://acme-mkt.example.com"
  ims_org_id      = "0123456789ABCDEF01234567@AdobeOrg"
  matching_mask   = "Campaign - acme - (.*)"
  ` + extra + `
}
`
}

// TestSafeguardMessages checks, with the built binary, the exact messages of
// the safeguards a real instance needs: the v8 fields warning at plan, the
// refusal of a second Adobe Experience Cloud account, the duplicate warning
// at refresh, the restart reminder after a change.
func TestSafeguardMessages(t *testing.T) {
	w := newWorkspace(t)
	srv := startInstance(t, emulator.Config{})
	if err := srv.Emulator.PutAccount(consoleAccount("Adobe_Experience_Cloud", "Campaign1")); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(w.dir, "safeguards")
	env := []string{"CAMPAIGN_PASSWORD=" + emulatortest.Password}
	writeMain(t, dir, providerFile(srv)+accountConfig("Adobe_Marketing_Cloud", ""))
	w.mustTerraform(dir, env, "init", "-input=false")

	out, code := w.terraform(dir, env, "apply", "-input=false", "-auto-approve")
	text := flat(out)
	for _, want := range []string{
		"Warning: Campaign v8 needs tenant",
		`tenant (console: "Tenant") is empty. Campaign v8 hides the Campaign Web UI card unless Server, Tenant, Callback server and Association mask are filled`,
		"Warning: Campaign v8 needs experience_cloud_server",
		"Error: Another Adobe Experience Cloud account exists on " + srv.URL,
		`the instance already has an Adobe Experience Cloud external account (Adobe_Experience_Cloud); Campaign's IMS login needs exactly one, so "Adobe_Marketing_Cloud" was not created`,
		`Adopt the existing account instead: set name = "Adobe_Experience_Cloud" and import it`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("apply output lacks %q:\n%s", want, out)
		}
	}
	if code == 0 || len(srv.Emulator.AccountNames()) != 1 {
		t.Fatalf("a second account was created (exit %d): %v", code, srv.Emulator.AccountNames())
	}

	// Adopting the existing account instead; a duplicate then appears in the console.
	writeMain(t, dir, providerFile(srv)+accountConfig("Adobe_Experience_Cloud", `label = "typed by hand"
  ims_scope = ["openid", "AdobeID"]`)+`
import {
  to = campaign_ims_external_account.this
  id = "Adobe_Experience_Cloud"
}
`)
	out = w.mustTerraform(dir, env, "apply", "-input=false", "-auto-approve")
	if !strings.Contains(out, "1 imported, 0 added, 0 changed") {
		t.Fatalf("adopting the existing account changed something:\n%s", out)
	}
	if err := srv.Emulator.PutAccount(consoleAccount("Adobe_Marketing_Cloud", "Campaign2")); err != nil {
		t.Fatal(err)
	}
	out, _ = w.terraform(dir, env, "plan", "-input=false")
	if want := "Warning: Several Adobe Experience Cloud accounts on " + srv.URL; !strings.Contains(flat(out), want) ||
		!strings.Contains(flat(out), `Besides "Adobe_Experience_Cloud", the instance has Adobe_Marketing_Cloud of the Adobe Experience Cloud type`) {
		t.Errorf("the refresh does not warn about the duplicate:\n%s", out)
	}

	// A change is applied, with the restart reminder.
	_ = srv.Emulator.DeleteAccount("Adobe_Marketing_Cloud")
	writeMain(t, dir, providerFile(srv)+accountConfig("Adobe_Experience_Cloud", `tenant = "acme"
  experience_cloud_server = "https://marketing.adobe.com"
  label = "Adobe Experience Cloud"
  ims_scope = ["openid", "AdobeID"]`))
	out = w.mustTerraform(dir, env, "apply", "-input=false", "-auto-approve")
	if !strings.Contains(out, "Warning: Restart Campaign to apply the IMS settings") || !strings.Contains(flat(out), `The Adobe Experience Cloud account "Adobe_Experience_Cloud" on `+srv.URL+
		` was written. Campaign applies IMS settings after a restart of its server`) {
		t.Errorf("the apply does not remind of the restart:\n%s", out)
	}
}

// TestUnreadableSecretWarnsOnce: on a build where the operator may not read
// clientSecret, a plan of the account says once that secret drift cannot be
// seen, and plans nothing.
func TestUnreadableSecretWarnsOnce(t *testing.T) {
	w := newWorkspace(t)
	profile, _ := emulator.ProfileNamed("restricted-secret")
	srv := startInstance(t, emulator.Config{Profile: profile})
	dir := filepath.Join(w.dir, "restricted")
	env := []string{"CAMPAIGN_PASSWORD=" + emulatortest.Password}
	writeMain(t, dir, providerFile(srv)+accountConfig("Adobe_Marketing_Cloud", `tenant = "acme"
  experience_cloud_server = "https://marketing.adobe.com"
  client_secret = "s1"`))
	w.mustTerraform(dir, env, "init", "-input=false")
	w.mustTerraform(dir, env, "apply", "-input=false", "-auto-approve")
	out, code := w.terraform(dir, env, "plan", "-input=false", "-detailed-exitcode")
	if code != 0 {
		t.Fatalf("plan with an unreadable secret is not empty (exit %d):\n%s", code, out)
	}
	const want = "Warning: Client secret drift cannot be detected on "
	if n := strings.Count(flat(out), want+srv.URL); n != 1 {
		t.Errorf("the warning appears %d times, want once:\n%s", n, out)
	}
	if !strings.Contains(flat(out), "Campaign returns no nms:extAccount/@clientSecret to this operator") {
		t.Errorf("the warning does not say why:\n%s", out)
	}
}

// TestGroupPlanWarnings: the plan says what a rename does to the operators
// of the old group, and what a group name containing "admin" gives its
// product profile, before any change is applied.
func TestGroupPlanWarnings(t *testing.T) {
	w := newWorkspace(t)
	srv := startInstance(t, emulator.Config{})
	dir := filepath.Join(w.dir, "groups")
	group := func(name string) string {
		return providerFile(srv) + `
resource "campaign_operator_group" "this" {
  name  = "` + name + `"
  label = "Reviewers"
}
`
	}
	env := []string{"CAMPAIGN_PASSWORD=" + emulatortest.Password}
	writeMain(t, dir, group("reviewers"))
	w.mustTerraform(dir, env, "init", "-input=false")
	w.mustTerraform(dir, env, "apply", "-input=false", "-auto-approve")
	writeMain(t, dir, group("delivery_reviewers"))
	out := flat(w.mustTerraform(dir, env, "plan", "-input=false"))
	for _, want := range []string{
		"Renaming operator group reviewers replaces it",
		`Its operators lose the group's rights until they log in again with an Adobe ID whose product profile maps to "delivery_reviewers"`,
		"must be replaced",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the plan of a rename does not say %q:\n%s", want, out)
		}
	}
	writeMain(t, dir, group("siteadmins"))
	out = flat(w.mustTerraform(dir, env, "plan", "-input=false"))
	if !strings.Contains(out, `The product profile of siteadmins grants Control Panel access`) {
		t.Errorf("the plan of a group named siteadmins does not warn about the Control Panel:\n%s", out)
	}
	if n := srv.Emulator.Stats().ByAction[emulator.ActionWrite]; n != 1 {
		t.Errorf("%d Write(s): the plans must not write", n)
	}
}

// TestOwnRightsWarnedAtPlan: the provider in ims mode as a technical
// account without the admin right, planning a write, warns before any
// write, naming the operator it runs as and the product profile that would
// give it the right; it cost one GetUserInfo and wrote nothing. With
// login/password, a plan that only creates does not log on for it.
func TestOwnRightsWarnedAtPlan(t *testing.T) {
	w := newWorkspace(t)
	_, orgSrv, srv := emulatortest.IMSSetup(t, adobe.Config{}, emulator.Config{})
	group := `
resource "campaign_operator_group" "reviewers" {
  name  = "reviewers"
  label = "Reviewers"
}
`
	dir := filepath.Join(w.dir, "ims")
	writeMain(t, dir, emulatortest.Header+fmt.Sprintf(`
provider "campaign" {
  endpoint       = %q
  ca_certificate = %q
  ims = {
    client_id     = %q
    client_secret = %q
    scopes        = ["openid", "AdobeID", "additional_info.projectedProductContext"]
    token_url     = "%s/ims/token/v3"
  }
}
`, srv.URL, string(srv.CAPEM)+string(orgSrv.CAPEM), emulatortest.TechnicalClientID, emulatortest.TechnicalClientSecret, orgSrv.URL)+group)
	w.mustTerraform(dir, nil, "init", "-input=false")
	srv.Emulator.ResetStats()
	out, code := w.terraform(dir, nil, "plan", "-input=false", "-detailed-exitcode")
	login := adobe.TechnicalAccountEmail(emulatortest.TechnicalClientID)
	for _, want := range []string{
		"The provider's operator has no admin right on " + srv.URL,
		`The provider runs as operator "` + login + `" (authentication ims; groups: integrations; named rights: report)`,
		`"Campaign - acme - admin" (group admin)`,
	} {
		if code != 2 || !strings.Contains(flat(out), want) {
			t.Errorf("plan (exit %d) does not warn %q:\n%s", code, want, out)
		}
	}
	if s := srv.Emulator.Stats(); s.ByAction[emulator.ActionWrite] != 0 || s.ByAction[emulator.ActionGetUserInfo] != 1 {
		t.Errorf("the plan's calls: %v, want one GetUserInfo and no Write", s.ByAction)
	}

	native := filepath.Join(w.dir, "native")
	writeMain(t, native, providerFile(srv)+accountConfig("Second_Account", ""))
	env := []string{"CAMPAIGN_PASSWORD=" + emulatortest.Password}
	w.mustTerraform(native, env, "init", "-input=false")
	srv.Emulator.ResetStats()
	if out, code := w.terraform(native, env, "plan", "-input=false", "-detailed-exitcode"); code != 2 {
		t.Fatalf("a create's plan with login/password (exit %d):\n%s", code, out)
	}
	if s := srv.Emulator.Stats(); s.Total != 0 {
		t.Errorf("a create's plan with login/password logged on to read who it runs as: %v", s.ByAction)
	}
}
