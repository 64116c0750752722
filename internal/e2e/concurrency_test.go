package e2e

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/testdoc"
)

// accountsConfig declares n accounts with for_each, each with a write-only
// secret, on the login/password provider of srv.
func accountsConfig(srv *emulator.Server, n int) string {
	return providerFile(srv) + fmt.Sprintf(`
locals {
  names = toset([for i in range(%d) : format("Account_%%02d", i + 1)])
}

resource "campaign_ims_external_account" "many" {
  for_each                 = local.names
  name                     = each.key
  label                    = "Account ${each.key}"
  client_id                = "Campaign1"
  client_secret_wo         = "wo-secret-${each.key}"
  client_secret_wo_version = 1
  callback_server          = "https://acme.example.com"
  ims_org_id               = "0123456789ABCDEF01234567@AdobeOrg"
  matching_mask            = "Campaign - acme - (.*)"
}
`, n)
}

// accountsRun is an initialised root module of accounts on a fresh instance.
type accountsRun struct {
	w   *workspace
	srv *emulator.Server
	dir string
	env []string // the right password
}

// initAccounts writes n accounts (accountsConfig) plus extra configuration
// for a fresh instance and runs terraform init.
func initAccounts(t *testing.T, n int, extra string) accountsRun {
	t.Helper()
	r := accountsRun{w: newWorkspace(t), srv: startInstance(t, emulator.Config{}), env: []string{"CAMPAIGN_PASSWORD=" + password}}
	r.dir = filepath.Join(r.w.dir, "accounts")
	writeMain(t, r.dir, accountsConfig(r.srv, n)+extra)
	r.w.mustTerraform(r.dir, r.env, "init", "-input=false")
	return r
}

// TestParallelAccounts applies, plans and destroys 20 accounts on one
// instance at -parallelism=20 with the built binary: each provider process
// logs on once, looks the account type up once, writes each account once.
// The figures are RELIABILITY.md's parallel section.
func TestParallelAccounts(t *testing.T) {
	const n = 20
	run := initAccounts(t, n, "")
	w, srv, dir, env := run.w, run.srv, run.dir, run.env

	var b strings.Builder
	b.WriteString("| Command (20 accounts, `-parallelism=20`) | SOAP calls | Logon | Schema lookups | Write | ExecuteQuery | EncryptPassword | Accounts in Campaign |\n|---|---|---|---|---|---|---|---|\n")
	step := func(label string, check func(s emulator.Stats) error, args ...string) {
		t.Helper()
		s := measure(t, w, srv, dir, env, args...)
		if err := check(s); err != nil {
			t.Fatalf("%s: %v (calls: %v)", label, err, s.ByAction)
		}
		names := srv.Emulator.AccountNames()
		if len(slices.Compact(slices.Sorted(slices.Values(names)))) != len(names) {
			t.Fatalf("%s: duplicate accounts: %v", label, names)
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d | %d | %d |\n", label, s.Total, s.ByAction[emulator.ActionLogon], s.ByAction[emulator.ActionGetEntityIfMoreRecent],
			s.ByAction[emulator.ActionWrite], s.ByAction[emulator.ActionExecuteQuery], s.ByAction[emulator.ActionEncryptPassword], len(names))
	}
	step("`terraform apply` (create)", func(s emulator.Stats) error {
		if s.ByAction[emulator.ActionLogon] != 1 || s.ByAction[emulator.ActionGetEntityIfMoreRecent] != 1 || s.ByAction[emulator.ActionWrite] != n {
			return fmt.Errorf("want 1 Logon, 1 schema lookup and %d Writes", n)
		}
		if got := len(srv.Emulator.AccountNames()); got != n {
			return fmt.Errorf("%d accounts in Campaign, want %d", got, n)
		}
		return nil
	}, "apply", "-input=false", "-auto-approve", "-parallelism=20")
	step("`terraform plan` (refresh, no change)", func(s emulator.Stats) error {
		// One Logon, then one query per account: the cost grows by one call per account.
		if s.ByAction[emulator.ActionLogon] != 1 || s.Total != 1+n {
			return fmt.Errorf("want 1 Logon + %d queries", n)
		}
		return nil
	}, "plan", "-input=false", "-parallelism=20", "-detailed-exitcode")
	step("`terraform destroy`", func(s emulator.Stats) error {
		if s.ByAction[emulator.ActionWrite] != n || len(srv.Emulator.AccountNames()) != 0 {
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
	run := initAccounts(t, 3, fmt.Sprintf(`
resource "campaign_package" "ims" {
  name = %q
}

data "campaign_packages" "installed" {}

data "campaign_ims_external_account" "first" {
  name = campaign_ims_external_account.many["Account_01"].name
}
`, emulator.DefaultIMSPackage))
	w, srv, dir, right := run.w, run.srv, run.dir, run.env
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
		fmt.Fprintf(&b, "| `terraform %s` | 3 accounts, 1 package, 2 data sources | %d (%d refused) | %d | “%s (or CAMPAIGN_LOGIN / CAMPAIGN_PASSWORD). The provider tried once and will not retry” |\n",
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
