package e2e

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/adobe"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"
	"github.com/acc-terraform/terraform-provider-campaign/internal/testdoc"
)

// authLines are the provider arguments of each authentication mode (the
// kit's); the password comes from CAMPAIGN_PASSWORD.
func authLines(mode, url string) string {
	srv := &emulator.Server{URL: url}
	switch mode {
	case "access token":
		return emulatortest.AuthLines(srv, emulatortest.AuthAccessToken)
	case "IMS OAuth":
		return emulatortest.AuthLines(srv, emulatortest.AuthIMSOAuth)
	}
	return emulatortest.AuthLines(srv, emulatortest.AuthPasswordFromEnv)
}

// environmentConfig is one environment of the multi-environment example:
// the Experience Cloud integration package and the account.
func environmentConfig(srv *emulator.Server, mode string) string {
	return providerFileWith(srv, authLines(mode, srv.URL), "") + fmt.Sprintf(`
resource "campaign_package" "experience_cloud" {
  name = %q
}

resource "campaign_ims_external_account" "this" {
  depends_on               = [campaign_package.experience_cloud]
  client_id                = "Campaign1"
  client_secret_wo         = "wo-secret"
  client_secret_wo_version = 1
  callback_server          = "https://acme.example.com"
  ims_org_id               = "0123456789ABCDEF01234567@AdobeOrg"
  matching_mask            = "Campaign - acme - (.*)"
}
`, emulator.DefaultIMSPackage)
}

// roundTripRow is one line of BENCHMARKS.md's round-trip table.
type roundTripRow struct {
	scenario, command, target string
	stats                     emulator.Stats
}

func (r roundTripRow) String() string {
	actions := slices.Sorted(func(yield func(string) bool) {
		for a := range r.stats.ByAction {
			if !yield(a) {
				return
			}
		}
	})
	var parts []string
	for _, a := range actions {
		parts = append(parts, fmt.Sprintf("%s ×%d", a, r.stats.ByAction[a]))
	}
	if r.stats.IMSTokenRequests > 0 {
		parts = append(parts, fmt.Sprintf("IMS token request ×%d (not SOAP)", r.stats.IMSTokenRequests))
	}
	return fmt.Sprintf("| %s | `%s` | %d | %s | %s |", r.scenario, r.command, r.stats.Total, strings.Join(parts, ", "), r.target)
}

// measure runs a terraform command and returns the SOAP calls it made.
func measure(t *testing.T, w *workspace, srv *emulator.Server, dir string, env []string, args ...string) emulator.Stats {
	t.Helper()
	srv.Emulator.ResetStats()
	out, code := w.terraform(dir, env, args...)
	if code != 0 {
		t.Fatalf("terraform %s exited %d:\n%s", strings.Join(args, " "), code, out)
	}
	return srv.Emulator.Stats()
}

// TestRoundTrips measures the exact SOAP calls of the commands users run, with
// the built binary and the real CLI, and holds them to the targets of the
// performance issue. The table is BENCHMARKS.md's round-trips section.
func TestRoundTrips(t *testing.T) {
	var (
		mu   sync.Mutex
		rows = map[string][]roundTripRow{}
	)
	record := func(key string, r roundTripRow) {
		mu.Lock()
		defer mu.Unlock()
		rows[key] = append(rows[key], r)
	}
	modes := []string{"login/password", "access token", "IMS OAuth"}
	t.Run("environment", func(t *testing.T) {
		for _, mode := range modes {
			t.Run(mode, func(t *testing.T) {
				t.Parallel()
				w := newWorkspace(t)
				srv := startInstance(t, emulator.Config{Installed: []string{"xtk:core", "nms:core", "nms:campaign", emulator.DefaultIMSPackage}})
				dir := filepath.Join(w.dir, "env")
				writeMain(t, dir, environmentConfig(srv, mode))
				env := []string{"CAMPAIGN_PASSWORD=" + emulatortest.Password}
				w.mustTerraform(dir, env, "init", "-input=false")
				create := measure(t, w, srv, dir, env, "apply", "-input=false", "-auto-approve")
				plan := measure(t, w, srv, dir, env, "plan", "-input=false", "-detailed-exitcode")
				// A Logon session is closed at the end of the command: one
				// Logoff more with login/password, none with bearer modes.
				// With a bearer token, the plan of a write reads who the
				// provider runs as, to warn before any write when it lacks
				// the admin right: one GetUserInfo in the plan's process
				// (with login/password, only from a Logon made anyway).
				planTarget, createTarget := 2, 7
				if mode == "login/password" {
					planTarget, createTarget = 3, 7
				}
				if plan.Total > planTarget {
					t.Errorf("plan of a package and an account: %d SOAP calls, target ≤ %d: %v", plan.Total, planTarget, plan.ByAction)
				}
				// With the one-account-per-instance check (one ExecuteQuery before the Write).
				if create.Total > createTarget {
					t.Errorf("adopting the package and creating the account: %d SOAP calls, target ≤ %d: %v", create.Total, createTarget, create.ByAction)
				}
				record(mode, roundTripRow{"package (installed) + account, " + mode, "terraform apply", fmt.Sprintf("≤ %d", createTarget), create})
				record(mode, roundTripRow{"package + account, " + mode, "terraform plan", fmt.Sprintf("≤ %d", planTarget), plan})
			})
		}
	})
	counts := []int{1, 10, 25}
	t.Run("instances", func(t *testing.T) {
		for _, n := range counts {
			t.Run(fmt.Sprint(n), func(t *testing.T) {
				t.Parallel()
				run := initInstances(t, n)
				create, oneCreate := run.measure(t, "apply", "-input=false", "-auto-approve", "-parallelism=10")
				plan, onePlan := run.measure(t, "plan", "-input=false", "-detailed-exitcode", "-parallelism=10")
				// Per instance, whatever their number: Logon, schema, the
				// one-account check, EncryptPassword, Write, read-back, Logoff.
				if oneCreate.Total != 7 || create.Total != 7*n {
					t.Errorf("create on %d instances: %v, want 7 calls per instance", n, create.ByAction)
				}
				if onePlan.Total != 3 || plan.Total != 3*n {
					t.Errorf("plan on %d instances: %v, want 1 Logon, 1 query and 1 Logoff per instance", n, plan.ByAction)
				}
				key := fmt.Sprintf("n%03d", n)
				record(key, roundTripRow{fmt.Sprintf("%d instance(s), one account each, `-parallelism=10`", n), "terraform apply", fmt.Sprintf("7 per instance: %d", 7*n), create})
				record(key, roundTripRow{fmt.Sprintf("%d instance(s), one account each, `-parallelism=10`", n), "terraform plan", fmt.Sprintf("3 per instance: %d", 3*n), plan})
			})
		}
	})
	groupCounts := []int{1, 10, 100}
	t.Run("groups", func(t *testing.T) {
		for _, n := range groupCounts {
			t.Run(fmt.Sprint(n), func(t *testing.T) {
				t.Parallel()
				w := newWorkspace(t)
				srv := startInstance(t, emulator.Config{})
				dir := filepath.Join(w.dir, "groups")
				var cfg strings.Builder
				cfg.WriteString(providerFile(srv))
				for i := range n {
					fmt.Fprintf(&cfg, "\nresource \"campaign_operator_group\" \"g%d\" {\n  name         = \"group_%03d\"\n  label        = \"Group %d\"\n  named_rights = [\"report\"]\n}\n", i, i, i)
				}
				writeMain(t, dir, cfg.String())
				env := []string{"CAMPAIGN_PASSWORD=" + emulatortest.Password}
				w.mustTerraform(dir, env, "init", "-input=false")
				create := measure(t, w, srv, dir, env, "apply", "-input=false", "-auto-approve", "-parallelism=10")
				plan := measure(t, w, srv, dir, env, "plan", "-input=false", "-detailed-exitcode", "-parallelism=10")
				// Create: the plan checks the groups against the instance
				// (Logon, the xtk:group schema, Logoff); the apply: Logon, the
				// schema, one list of the groups (the check that none of
				// those names holds other values), then a Write and a
				// read-back per group, Logoff.
				if want := 2*n + 7; create.Total > want || create.ByAction[emulator.ActionWrite] != n {
					t.Errorf("creating %d groups: %d calls, want at most %d (2 per group + 3 for the plan + 4 for the apply): %v", n, create.Total, want, create.ByAction)
				}
				// Refresh: one query for every group, whatever their number.
				if plan.ByAction[emulator.ActionExecuteQuery] != 1 || plan.Total != 3 {
					t.Errorf("refreshing %d groups: %v, want 1 Logon, 1 ExecuteQuery, 1 Logoff", n, plan.ByAction)
				}
				key := fmt.Sprintf("g%03d", n)
				record(key, roundTripRow{fmt.Sprintf("%d operator group(s), one instance, `-parallelism=10`", n), "terraform apply", fmt.Sprintf("≤ 2 per group + 7: %d", 2*n+7), create})
				record(key, roundTripRow{fmt.Sprintf("%d operator group(s), one instance, `-parallelism=10`", n), "terraform plan", "3, whatever the number of groups", plan})
			})
		}
	})
	t.Run("technical operator", func(t *testing.T) {
		w := newWorkspace(t)
		org, orgSrv, srv := emulatortest.IMSSetup(t, adobe.Config{}, emulator.Config{})
		dir := filepath.Join(w.dir, "technical")
		writeMain(t, dir, emulatortest.Header+fmt.Sprintf(`
provider "campaign" {
  endpoint       = %q
  ca_certificate = %q
  login          = %q
}

resource "campaign_technical_operator" "api" {
  client_id                = %q
  client_secret_wo         = %q
  client_secret_wo_version = 1
  token_url                = "%s/ims/token/v3"
  named_rights             = ["exportFile"]
}
`, srv.URL, string(srv.CAPEM)+string(orgSrv.CAPEM), emulatortest.Login, emulatortest.TechnicalClientID, emulatortest.TechnicalClientSecret, orgSrv.URL))
		env := []string{"CAMPAIGN_PASSWORD=" + emulatortest.Password}
		w.mustTerraform(dir, env, "init", "-input=false")
		org.ResetStats()
		create := measure(t, w, srv, dir, env, "apply", "-input=false", "-auto-approve")
		if s := org.Stats(); s.ByRoute[adobe.RouteTokenV3] != 1 || s.ByRoute[adobe.RouteProfile] != 1 {
			t.Errorf("the first call: %v, want one token request and Campaign's one check of the token with IMS", s.ByRoute)
		}
		plan := measure(t, w, srv, dir, env, "plan", "-input=false", "-detailed-exitcode")
		// Create (the login is learnt at apply, so the plan calls nothing):
		// Logon, the first call (GetUserInfo as the technical account), the
		// operator and its groups, the xtk:operator schema, the Write and
		// its read-back, Logoff.
		if create.Total > 8 || create.ByAction[emulator.ActionWrite] != 1 {
			t.Errorf("creating a technical operator: %v, want at most 8 calls and 1 Write", create.ByAction)
		}
		// Refresh: the operator and its groups, two queries.
		if plan.Total != 4 || plan.ByAction[emulator.ActionExecuteQuery] != 2 {
			t.Errorf("refreshing a technical operator: %v, want Logon, 2 ExecuteQuery, Logoff", plan.ByAction)
		}
		record("t001", roundTripRow{"technical operator: its first call, 1 named right, login/password", "terraform apply", "≤ 8, and 1 IMS token request (not SOAP)", create})
		record("t001", roundTripRow{"technical operator, login/password", "terraform plan", "4: the operator and its groups", plan})
	})
	if t.Failed() {
		return
	}
	testdoc.SkipUnlessComplete(t, "round-trips", len(rows), len(modes)+len(counts)+len(groupCounts)+1)
	var b strings.Builder
	b.WriteString("| Scenario | Command | SOAP calls | By action | Target |\n|---|---|---|---|---|\n")
	keys := append(slices.Clone(modes), "n001", "n010", "n025", "g001", "g010", "g100", "t001")
	for _, k := range keys {
		for _, r := range rows[k] {
			b.WriteString(r.String() + "\n")
		}
	}
	testdoc.Check(t, testdoc.RepoFile("BENCHMARKS.md"), "round-trips", b.String())
}
