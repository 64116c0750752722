package e2e

import (
	"path/filepath"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/clitest"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"
)

// replaceModule is an account and an operator group; group is the group's
// resource name and internal name.
func replaceModule(srv *emulator.Server, address, group string) string {
	return providerFile(srv) + `
resource "campaign_ims_external_account" "this" {
  client_id               = "Campaign1"
  callback_server         = "https://acme-mkt-prod1.example.com"
  ims_org_id              = "0123456789ABCDEF01234567@AdobeOrg"
  matching_mask           = "Campaign - acme - (.*)"
  experience_cloud_server = "https://marketing.adobe.com"
  tenant                  = "acme"
}

resource "campaign_operator_group" "` + address + `" {
  name  = "` + group + `"
  label = "Reviewers"
}
`
}

// TestReplacement drives the everyday ways to replace a record through the
// CLI (the built binary, one provider process per command): -replace, taint
// then apply, and a change that forces a replacement each destroy the record
// and create it again (a new @id, no other record touched), and the next plan
// is empty; a resource renamed without a moved block is still refused at
// plan, before any Write.
func TestReplacement(t *testing.T) {
	w := newWorkspace(t)
	srv := startInstance(t, emulator.Config{})
	dir := filepath.Join(w.dir, "replace")
	env := []string{"CAMPAIGN_PASSWORD=" + emulatortest.Password}
	writeMain(t, dir, replaceModule(srv, "reviewers", "reviewers"))
	w.mustTerraform(dir, env, "init", "-input=false")
	w.mustTerraform(dir, env, "apply", "-input=false", "-auto-approve")

	ids := func() (account, group string) {
		a, _ := srv.Emulator.Account("Adobe_Marketing_Cloud")
		g, _ := srv.Emulator.Group("reviewers")
		return a["id"], g["id"]
	}
	emptyPlan := func(after string) {
		t.Helper()
		if out, code := w.terraform(dir, env, "plan", "-input=false", "-detailed-exitcode"); code != 0 {
			t.Fatalf("the plan after %s is not empty (exit %d):\n%s", after, code, out)
		}
	}
	for _, step := range []struct {
		name string
		run  func()
		// replaced: which records get a new @id.
		account, group bool
	}{
		{"-replace of both", func() {
			w.mustTerraform(dir, env, "apply", "-input=false", "-auto-approve",
				"-replace=campaign_ims_external_account.this", "-replace=campaign_operator_group.reviewers")
		}, true, true},
		{"taint of the group, then apply", func() {
			w.mustTerraform(dir, env, "taint", "campaign_operator_group.reviewers")
			w.mustTerraform(dir, env, "apply", "-input=false", "-auto-approve")
		}, false, true},
		{"taint of the account, then apply", func() {
			w.mustTerraform(dir, env, "taint", "campaign_ims_external_account.this")
			w.mustTerraform(dir, env, "apply", "-input=false", "-auto-approve")
		}, true, false},
	} {
		account, group := ids()
		srv.Emulator.ResetStats()
		step.run()
		newAccount, newGroup := ids()
		if newAccount == "" || newGroup == "" || (newAccount != account) != step.account || (newGroup != group) != step.group {
			t.Fatalf("%s: @id of the account %s -> %s, of the group %s -> %s; want replaced: account %v, group %v",
				step.name, account, newAccount, group, newGroup, step.account, step.group)
		}
		want := 0
		for _, replaced := range []bool{step.account, step.group} {
			if replaced {
				want += 2 // the delete and the create
			}
		}
		if n := srv.Emulator.Stats().ByAction[emulator.ActionWrite]; n != want {
			t.Fatalf("%s: %d Write(s), want %d", step.name, n, want)
		}
		emptyPlan(step.name)
	}

	// A change that forces a replacement: the group's internal name.
	writeMain(t, dir, replaceModule(srv, "reviewers", "delivery_reviewers"))
	w.mustTerraform(dir, env, "apply", "-input=false", "-auto-approve")
	if _, ok := srv.Emulator.Group("delivery_reviewers"); !ok {
		t.Fatal("the renamed group was not created")
	}
	if _, ok := srv.Emulator.Group("reviewers"); ok {
		t.Fatal("the old group is still there after the forced replacement")
	}
	emptyPlan("the forced replacement")

	// The resource renamed without a moved block: refused at plan.
	writeMain(t, dir, replaceModule(srv, "renamed", "delivery_reviewers"))
	srv.Emulator.ResetStats()
	out, code := w.terraform(dir, env, "apply", "-input=false", "-auto-approve")
	if code == 0 || !clitest.Phrase(`Two resources manage operator group "delivery_reviewers"`).MatchString(out) ||
		!clitest.Phrase("use a moved block").MatchString(out) {
		t.Fatalf("a resource renamed without a moved block was not refused at plan (exit %d):\n%s", code, out)
	}
	if n := srv.Emulator.Stats().ByAction[emulator.ActionWrite]; n != 0 {
		t.Fatalf("the refused rename sent %d Write(s)", n)
	}
	if _, ok := srv.Emulator.Group("delivery_reviewers"); !ok {
		t.Fatal("the refused rename deleted the group")
	}
}
