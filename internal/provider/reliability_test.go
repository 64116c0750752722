package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"
	"github.com/acc-terraform/terraform-provider-campaign/internal/testdoc"
)

// faultCase is one row of RELIABILITY.md's fault table: faults injected into
// the first apply that creates the account, what that apply must do, and
// what the next apply (no faults) must find.
type faultCase struct {
	name     string
	faults   []emulator.FaultRule
	settings []string // provider settings for the case

	// expectError is the phrase the first apply fails with; empty: it succeeds.
	expectError string
	// next is the plan action of the second apply: Noop after a success,
	// Create when nothing was tracked. A failed create never tracks the
	// account (tainted, it would be replaced: deleted).
	next plancheck.ResourceActionType
}

// faultResult is what a case measured.
type faultResult struct {
	calls, writes, logons, faults int
	outcome                       string
	accounts                      []string
}

func faultCases() []faultCase {
	status := func(action string, code int, retryAfter string, times int) emulator.FaultRule {
		return emulator.FaultRule{Action: action, Kind: emulator.FaultHTTPStatus, Status: code, RetryAfter: retryAfter, Times: times}
	}
	noop, create := plancheck.ResourceActionNoop, plancheck.ResourceActionCreate
	return []faultCase{
		{name: "429 with Retry-After: 1 on Write, twice", faults: []emulator.FaultRule{status(emulator.ActionWrite, 429, "1", 2)}, next: noop},
		{name: "503 with Retry-After: 1 on Logon", faults: []emulator.FaultRule{status(emulator.ActionLogon, 503, "1", 1)}, next: noop},
		{name: "502 on the read-back query", faults: []emulator.FaultRule{{Action: emulator.ActionExecuteQuery, Kind: emulator.FaultHTTPStatus, Status: 502, Skip: 1}}, next: noop},
		{name: "504 on the schema lookup", faults: []emulator.FaultRule{status(emulator.ActionGetEntityIfMoreRecent, 504, "", 1)}, next: noop},
		{name: "connection dropped before Write", faults: []emulator.FaultRule{{Action: emulator.ActionWrite, Kind: emulator.FaultDrop}}, next: noop},
		{name: "connection dropped after Write committed", faults: []emulator.FaultRule{{Action: emulator.ActionWrite, Kind: emulator.FaultDropAfter}}, next: noop},
		{
			name: "read-back slower than request_timeout (1s)", settings: []string{`request_timeout = "1s"`},
			faults: []emulator.FaultRule{{Action: emulator.ActionExecuteQuery, Kind: emulator.FaultDelay, Delay: 3 * time.Second, Skip: 1}}, next: noop,
		},
		{name: "session expired in the middle of the apply", faults: []emulator.FaultRule{{Action: emulator.ActionWrite, Kind: emulator.FaultExpireSession}}, next: noop},
		{
			name:        "SOAP fault with HTTP 500 on Write",
			faults:      []emulator.FaultRule{{Action: emulator.ActionWrite, Kind: emulator.FaultSOAP, FaultString: "PGS-220000 PostgreSQL error: disk full", Status: 500}},
			expectError: "Campaign answered with a SOAP fault: PGS-220000 PostgreSQL error: disk full", next: create,
		},
		{
			name:        "SOAP fault with HTTP 200 on Write",
			faults:      []emulator.FaultRule{{Action: emulator.ActionWrite, Kind: emulator.FaultSOAP, FaultString: "PGS-220000 PostgreSQL error: disk full", Status: 200}},
			expectError: "Campaign answered with a SOAP fault: PGS-220000 PostgreSQL error: disk full", next: create,
		},
		{
			name: "503 on every attempt (max_retries = 2)", settings: []string{"max_retries = 2"},
			faults:      []emulator.FaultRule{status(emulator.ActionWrite, 503, "1", 10)},
			expectError: "The provider already retried", next: create,
		},
		{
			name: "read-back refused after Write committed",
			// The first ExecuteQuery of a create is the one-account check; the second reads back.
			// Campaign answered the Write: the create succeeded, with a
			// warning that it is not verified; the next refresh reads it.
			faults: []emulator.FaultRule{{Action: emulator.ActionExecuteQuery, Kind: emulator.FaultSOAP, FaultString: "XSV-350004 Query failed.", Skip: 1}},
			next:   noop,
		},
		{
			name: "answer to Write lost on every attempt (max_retries = 1)", settings: []string{"max_retries = 1"},
			// Settled by reading: the account is there as written (RELIABILITY.md, lost answers).
			faults: []emulator.FaultRule{{Action: emulator.ActionWrite, Kind: emulator.FaultDropAfter, Times: 2}},
			next:   noop,
		},
		{
			name: "Write slower than request_timeout on every attempt", settings: []string{`request_timeout = "1s"`, "max_retries = 1"},
			faults:      []emulator.FaultRule{{Action: emulator.ActionWrite, Kind: emulator.FaultDelay, Delay: 3 * time.Second, Times: 10}},
			expectError: "raise request_timeout", next: create,
		},
	}
}

// TestAccReliability_faults injects each fault into the apply that creates
// an account, through the real Terraform CLI, then applies again without
// faults. Every case must end with exactly one account in Campaign, holding
// the configured secret, and an empty plan. The measured figures are the
// fault table of RELIABILITY.md.
func TestAccReliability_faults(t *testing.T) {
	cases := faultCases()
	results := testdoc.Measure(t, "cases", cases, func(c faultCase) string { return c.name }, runFaultCase)
	if t.Failed() {
		return
	}
	testdoc.SkipUnlessComplete(t, "faults", len(results), len(cases))
	var b strings.Builder
	b.WriteString("| Fault injected into the creating apply | First apply | SOAP calls (Write, Logon) | Faults served | Second apply | Accounts in Campaign |\n")
	b.WriteString("|---|---|---|---|---|---|\n")
	for _, tc := range cases {
		r := results[tc.name]
		fmt.Fprintf(&b, "| %s | %s | %d (%d, %d) | %d | %s | %s |\n", tc.name, r.outcome, r.calls, r.writes, r.logons, r.faults,
			nextLabel(tc.next), strings.Join(r.accounts, ", "))
	}
	testdoc.Check(t, testdoc.RepoFile("RELIABILITY.md"), "faults", b.String())
}

func nextLabel(a plancheck.ResourceActionType) string {
	switch a {
	case plancheck.ResourceActionNoop:
		return "nothing to do"
	case plancheck.ResourceActionCreate:
		return "creates it (it is not in Campaign)"
	case plancheck.ResourceActionDestroyBeforeCreate:
		return "replaces it (it was tracked, tainted)"
	}
	return string(a)
}

func runFaultCase(t *testing.T, tc faultCase) faultResult {
	srv := startEmulator(t, emulator.Config{})
	cfg := providerConfig(srv, tc.settings...) + accountBlock("Adobe_Marketing_Cloud", "MAC", `client_secret = "the-configured-secret"`)
	var r faultResult
	record := func() {
		s := srv.Emulator.Stats()
		r.calls, r.writes, r.logons, r.faults = s.Total, s.ByAction[emulator.ActionWrite], s.ByAction[emulator.ActionLogon], s.FaultsInjected
	}
	first := resource.TestStep{
		PreConfig: func() { srv.Emulator.InjectFaults(tc.faults...) },
		Config:    cfg,
	}
	second := resource.TestStep{
		Config: cfg,
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(accountAddr, tc.next)},
		},
		Check: resource.ComposeTestCheckFunc(
			checkSecret(srv, "the-configured-secret"),
			func(*terraform.State) error {
				r.accounts = srv.Emulator.AccountNames()
				if !slices.Equal(r.accounts, []string{"Adobe_Marketing_Cloud"}) {
					return fmt.Errorf("accounts in Campaign: %v, want exactly one", r.accounts)
				}
				return nil
			},
		),
	}
	if tc.expectError != "" {
		first.ExpectError = errorLike(tc.expectError)
		second.PreConfig = func() { record(); srv.Emulator.ClearFaults() }
		r.outcome = "fails: “" + tc.expectError + "”"
	} else {
		first.Check = func(*terraform.State) error { record(); return nil }
		second.PreConfig = srv.Emulator.ClearFaults
		r.outcome = "succeeds"
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps:                    []resource.TestStep{first, second},
	})
	return r
}

// TestAccReliability_deadEndpoints plans 1 and 10 data sources against an
// instance that is down (a hung server, a closed port), through the real
// CLI: whatever the number of reads, the provider process makes one retry
// cycle (max_retries + 1 connection attempts), and every read fails with the
// error that names the endpoint and the settings to raise. The figures are
// the "Dead endpoints" table of RELIABILITY.md.
func TestAccReliability_deadEndpoints(t *testing.T) {
	t.Parallel()
	const maxRetries, timeout = 2, "1s"
	kinds := []struct {
		name  string
		start func(testing.TB) *emulatortest.DeadEndpoint
		count bool   // connections can be counted (a closed port accepts none)
		bound string // the time one retry cycle takes with these settings
	}{
		{"hung (accepts, never answers)", emulatortest.Hung, true, "≤ 3.4 s: 3 × request_timeout + 2 waits ≤ 200 ms"},
		{"closed port (connection refused)", emulatortest.Closed, false, "≤ 0.4 s: 2 waits ≤ 200 ms"},
	}
	var b strings.Builder
	b.WriteString("| Endpoint | Reads in the plan | Connections accepted | Attempts per process | Time to fail (one cycle, bound) | Every read fails with |\n|---|---|---|---|---|---|\n")
	for _, kind := range kinds {
		for _, reads := range []int{1, 10} {
			dead := kind.start(t)
			var cfg strings.Builder
			fmt.Fprintf(&cfg, `
provider "campaign" {
  endpoint        = %q
  login           = %q
  password        = %q
  max_retries     = %d
  request_timeout = %q
  retry_wait_max  = "200ms"
}
`, dead.URL, emulatortest.Login, emulatortest.Password, maxRetries, timeout)
			for i := range reads {
				fmt.Fprintf(&cfg, "data \"campaign_ims_external_account\" \"a%d\" {\n  name = \"Account_%d\"\n}\n", i, i)
			}
			want := fmt.Sprintf("on %s", dead.URL)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config:      cfg.String(),
					ExpectError: regexp.MustCompile(`(?s)` + regexp.QuoteMeta(want) + `.*no answer from Campaign after 3 attempts.*raise\s+request_timeout`),
				}},
			})
			connections := "none (refused)"
			if kind.count {
				if got := dead.Connections(); got != maxRetries+1 {
					t.Errorf("%s, %d reads: %d connections, want %d (one retry cycle per process)", kind.name, reads, got, maxRetries+1)
				}
				connections = strconv.Itoa(dead.Connections())
			}
			fmt.Fprintf(&b, "| %s | %d | %s | %d (max_retries = %d) | %s | “no answer from Campaign after %d attempts” |\n",
				kind.name, reads, connections, maxRetries+1, maxRetries, kind.bound, maxRetries+1)
		}
	}
	if t.Failed() {
		return
	}
	testdoc.Check(t, testdoc.RepoFile("RELIABILITY.md"), "dead-endpoints", b.String())
}
