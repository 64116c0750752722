package e2e

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"
	"github.com/acc-terraform/terraform-provider-campaign/internal/testdoc"
)

// instancesConfig declares, for each instance, a provider alias and its
// Adobe Experience Cloud account with a write-only secret: one account per
// instance, as Campaign's IMS login requires.
func instancesConfig(servers []*emulator.Server) string {
	var b strings.Builder
	b.WriteString(emulatortest.Header)
	for i, srv := range servers {
		b.WriteString(emulatortest.ProviderBlock(srv, emulatortest.AuthPasswordFromEnv, fmt.Sprintf("alias = \"i%d\"", i)))
		fmt.Fprintf(&b, `
resource "campaign_ims_external_account" "i%[1]d" {
  provider                 = campaign.i%[1]d
  label                    = "Instance %[1]d"
  client_id                = "Campaign1"
  client_secret_wo         = "wo-secret-%[1]d"
  client_secret_wo_version = 1
  callback_server          = "https://acme-%[1]d.example.com"
  ims_org_id               = "0123456789ABCDEF01234567@AdobeOrg"
  matching_mask            = "Campaign - acme - (.*)"
  experience_cloud_server  = "https://marketing.adobe.com"
  tenant                   = "acme"
}
`, i)
	}
	return b.String()
}

// instancesRun is an initialised root module of n instances, one account each.
type instancesRun struct {
	w       *workspace
	servers []*emulator.Server
	dir     string
	env     []string // the right password
}

// initInstances starts n fresh instances, writes instancesConfig and runs terraform init.
func initInstances(t *testing.T, n int) instancesRun {
	t.Helper()
	r := instancesRun{w: newWorkspace(t), env: []string{"CAMPAIGN_PASSWORD=" + emulatortest.Password}}
	for range n {
		r.servers = append(r.servers, startInstance(t, emulator.Config{}))
	}
	r.dir = filepath.Join(r.w.dir, "instances")
	writeMain(t, r.dir, instancesConfig(r.servers))
	r.w.mustTerraform(r.dir, r.env, "init", "-input=false")
	return r
}

// measure runs a terraform command and returns the SOAP calls all instances
// received, and the largest count of each action on one instance.
func (r instancesRun) measure(t *testing.T, args ...string) (total, perInstance emulator.Stats) {
	t.Helper()
	for _, srv := range r.servers {
		srv.Emulator.ResetStats()
	}
	out, code := r.w.terraform(r.dir, r.env, args...)
	if code != 0 {
		t.Fatalf("terraform %s exited %d:\n%s", strings.Join(args, " "), code, out)
	}
	total.ByAction, perInstance.ByAction = map[string]int{}, map[string]int{}
	for _, srv := range r.servers {
		s := srv.Emulator.Stats()
		total.Total += s.Total
		perInstance.Total = max(perInstance.Total, s.Total)
		for a, n := range s.ByAction {
			total.ByAction[a] += n
			perInstance.ByAction[a] = max(perInstance.ByAction[a], n)
		}
	}
	return total, perInstance
}

// accountsIn counts the accounts of every instance and fails on an instance
// with more than one.
func (r instancesRun) accountsIn(t *testing.T) int {
	t.Helper()
	n := 0
	for i, srv := range r.servers {
		names := srv.Emulator.AccountNames()
		if len(names) > 1 {
			t.Fatalf("instance %d has %d accounts: %v", i, len(names), names)
		}
		n += len(names)
	}
	return n
}

// TestParallelInstances applies, plans and destroys one account on each of
// 20 instances at -parallelism=20 with the built binary: each provider
// process (one per instance) logs on once, reads the schema once, checks
// that its instance has no other account, writes once and reads back once.
// The figures are RELIABILITY.md's parallel section.
func TestParallelInstances(t *testing.T) {
	const n = 20
	run := initInstances(t, n)
	var b strings.Builder
	b.WriteString("| Command (20 instances, one account each, `-parallelism=20`) | SOAP calls in all | Most on one instance | Logon | Schema lookups | Write | ExecuteQuery | EncryptPassword | Accounts in Campaign |\n|---|---|---|---|---|---|---|---|---|\n")
	step := func(label string, check func(total, one emulator.Stats) error, args ...string) {
		t.Helper()
		total, one := run.measure(t, args...)
		if err := check(total, one); err != nil {
			t.Fatalf("%s: %v (calls: %v)", label, err, total.ByAction)
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d | %d | %d | %d |\n", label, total.Total, one.Total, total.ByAction[emulator.ActionLogon],
			total.ByAction[emulator.ActionGetEntityIfMoreRecent], total.ByAction[emulator.ActionWrite], total.ByAction[emulator.ActionExecuteQuery],
			total.ByAction[emulator.ActionEncryptPassword], run.accountsIn(t))
	}
	step("`terraform apply` (create)", func(total, one emulator.Stats) error {
		// Per instance: Logon, schema, the one-account check, EncryptPassword,
		// Write, read-back, Logoff (the plan's process calls nothing).
		if one.Total != 7 || total.Total != 7*n || one.ByAction[emulator.ActionLogon] != 1 || one.ByAction[emulator.ActionWrite] != 1 {
			return fmt.Errorf("want 7 calls per instance (1 Logon, 1 Write, 1 Logoff), %d in all", 7*n)
		}
		if got := run.accountsIn(t); got != n {
			return fmt.Errorf("%d accounts in Campaign, want %d", got, n)
		}
		return nil
	}, "apply", "-input=false", "-auto-approve", "-parallelism=20")
	step("`terraform plan` (refresh, no change)", func(total, one emulator.Stats) error {
		if one.Total != 3 || total.Total != 3*n {
			return fmt.Errorf("want 1 Logon + 1 query + 1 Logoff per instance")
		}
		return nil
	}, "plan", "-input=false", "-parallelism=20", "-detailed-exitcode")
	step("`terraform destroy`", func(total, one emulator.Stats) error {
		if total.ByAction[emulator.ActionWrite] != n || run.accountsIn(t) != 0 {
			return fmt.Errorf("want %d deleting Writes and no account left", n)
		}
		return nil
	}, "destroy", "-input=false", "-auto-approve", "-parallelism=20")
	testdoc.Check(t, testdoc.RepoFile("RELIABILITY.md"), "parallel", b.String())
}

// TestWrongPasswordOneLogonPerCommand refreshes a configuration of several
// resources and data sources with a wrong password: each command makes one
// Logon attempt (Campaign locks a login after 3 failures in 10 minutes),
// stops there, and says what to check. The next command with the right
// password works: the login was not locked.
func TestWrongPasswordOneLogonPerCommand(t *testing.T) {
	w := newWorkspace(t)
	srv := startInstance(t, emulator.Config{})
	dir := filepath.Join(w.dir, "wrong-password")
	writeMain(t, dir, providerFile(srv)+fmt.Sprintf(`
resource "campaign_package" "ims" {
  name = %q
}

resource "campaign_ims_external_account" "this" {
  depends_on       = [campaign_package.ims]
  client_id        = "Campaign1"
  callback_server  = "https://acme.example.com"
  ims_org_id       = "0123456789ABCDEF01234567@AdobeOrg"
  matching_mask    = "Campaign - acme - (.*)"
  experience_cloud_server = "https://marketing.adobe.com"
  tenant           = "acme"
}

data "campaign_packages" "installed" {}

data "campaign_ims_external_account" "this" {
  name = campaign_ims_external_account.this.name
}
`, emulator.DefaultIMSPackage))
	right := []string{"CAMPAIGN_PASSWORD=" + emulatortest.Password}
	w.mustTerraform(dir, right, "init", "-input=false")
	const wrongPassword = "wrong-password-typo-42"
	wrong := []string{"CAMPAIGN_PASSWORD=" + wrongPassword}
	w.mustTerraform(dir, right, "apply", "-input=false", "-auto-approve")

	var b strings.Builder
	b.WriteString("| Command, with a wrong password | Objects in the state | Logon attempts | Other SOAP calls | The error says |\n|---|---|---|---|---|\n")
	for _, args := range [][]string{
		{"plan", "-input=false", "-parallelism=10"},
		{"apply", "-input=false", "-auto-approve", "-parallelism=10"},
	} {
		srv.Emulator.ResetStats()
		out, code := w.terraform(dir, wrong, args...)
		if code != 1 {
			t.Fatalf("terraform %s with a wrong password exited %d:\n%s", args[0], code, out)
		}
		s := srv.Emulator.Stats()
		if s.ByAction[emulator.ActionLogon] != 1 || s.LogonFailures != 1 || s.Total != 1 {
			t.Fatalf("terraform %s: %d Logon attempts (%d refused), %d calls in all; want exactly one attempt and nothing else",
				args[0], s.ByAction[emulator.ActionLogon], s.LogonFailures, s.Total)
		}
		const advice = "Check login and password"
		flat := strings.Join(strings.Fields(out), " ")
		if !strings.Contains(flat, advice) || !strings.Contains(flat, "will not retry") {
			t.Fatalf("terraform %s: the error does not say what to check:\n%s", args[0], out)
		}
		if strings.Contains(out, wrongPassword) {
			t.Fatalf("terraform %s: the error repeats the password", args[0])
		}
		fmt.Fprintf(&b, "| `terraform %s` | 1 account, 1 package, 2 data sources | %d (%d refused) | %d | “%s (or CAMPAIGN_LOGIN / CAMPAIGN_PASSWORD). The provider tried once and will not retry” |\n",
			args[0], s.ByAction[emulator.ActionLogon], s.LogonFailures, s.Total-s.ByAction[emulator.ActionLogon], advice)
	}
	srv.Emulator.ResetStats()
	if out, code := w.terraform(dir, right, "plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("with the right password again, the plan fails or is not empty (exit %d): the login may be locked:\n%s", code, out)
	}
	fmt.Fprintf(&b, "| `terraform plan`, right password again | same | %d (0 refused): not locked | %d | no change |\n",
		srv.Emulator.Stats().ByAction[emulator.ActionLogon], srv.Emulator.Stats().Total-srv.Emulator.Stats().ByAction[emulator.ActionLogon])
	testdoc.Check(t, testdoc.RepoFile("RELIABILITY.md"), "wrong-password", b.String())
}
