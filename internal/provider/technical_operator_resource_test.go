package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/adobe"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"
	"github.com/acc-terraform/terraform-provider-campaign/internal/testdoc"
)

const techAddr = "campaign_technical_operator.api"

// technicalBlock is a campaign_technical_operator for the kit's API
// integration (emulatortest.IMSSetup), with extra lines.
func technicalBlock(orgSrv *emulator.Server, clientID, secret string, extra ...string) string {
	return fmt.Sprintf(`
resource "campaign_technical_operator" "api" {
  client_id                = %q
  client_secret_wo         = %q
  client_secret_wo_version = 1
  token_url                = "%s/ims/token/v3"
  %s
}
`, clientID, secret, orgSrv.URL, strings.Join(extra, "\n  "))
}

// orgProvider is a provider block for srv that trusts the organization's
// CA too (its token endpoint), authenticating with auth lines.
func orgProvider(srv, orgSrv *emulator.Server, auth string) string {
	return fmt.Sprintf("\nprovider \"campaign\" {\n  endpoint       = %q\n  ca_certificate = %q\n  retry_wait_max = \"200ms\"\n  %s\n}\n",
		srv.URL, string(srv.CAPEM)+string(orgSrv.CAPEM), auth)
}

// TestAccTechnicalOperator_lifecycle: on an instance whose mask is
// "Campaign - acme - (.*)" with a group "integrations", a technical account
// holding "Campaign - acme - integrations" gets its operator from the apply
// (the provider's first call), with that group and the extra named rights;
// the next plan is empty; a right removed in the console is restored; an
// import by login writes nothing; destroy keeps the operator and removes
// the extra rights.
func TestAccTechnicalOperator_lifecycle(t *testing.T) {
	_, orgSrv, srv := emulatortest.IMSSetup(t, adobe.Config{}, emulator.Config{})
	login := adobe.TechnicalAccountEmail(emulatortest.TechnicalClientID)
	provider := orgProvider(srv, orgSrv, emulatortest.AuthLines(srv, emulatortest.AuthPassword))
	config := provider + technicalBlock(orgSrv, emulatortest.TechnicalClientID, emulatortest.TechnicalClientSecret, `named_rights = ["exportFile", "importFile"]`)
	rights := func(want ...string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			op, ok := srv.Emulator.Operator(login)
			if !ok {
				return fmt.Errorf("no operator %s", login)
			}
			if got := op["right"]; got != strings.Join(want, ",") {
				return fmt.Errorf("the operator's own rights are %q, want %q", got, strings.Join(want, ","))
			}
			return nil
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					if _, ok := srv.Emulator.Operator(login); ok {
						t.Fatal("the operator exists before the first call")
					}
				},
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					stringValue(techAddr, "login", login), stringValue(techAddr, "id", login),
					statecheck.ExpectKnownValue(techAddr, tfjsonpath.New("groups"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("integrations")})),
					statecheck.ExpectKnownValue(techAddr, tfjsonpath.New("operator_id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(techAddr, tfjsonpath.New("client_secret_wo"), knownvalue.Null()),
				},
				Check:            resource.ComposeTestCheckFunc(rights("exportFile", "importFile"), groupsOf(srv, login, "integrations")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// A right removed in the console is restored.
				PreConfig: func() { srv.Emulator.SetOperatorRights(login, []string{"exportFile", "sql"}) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(techAddr, plancheck.ResourceActionUpdate)},
				},
				Check: rights("exportFile", "importFile", "sql"),
			},
			{
				// Import by login writes nothing.
				PreConfig:    func() { srv.Emulator.ResetStats() },
				Config:       config,
				ResourceName: techAddr, ImportState: true, ImportStateId: login,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if n := srv.Emulator.Stats().ByAction[emulator.ActionWrite]; n != 0 {
						return fmt.Errorf("the import sent %d Write(s)", n)
					}
					if len(states) != 1 || states[0].Attributes["login"] != login || states[0].Attributes["groups.#"] != "1" {
						return fmt.Errorf("imported %v", states)
					}
					return nil
				},
			},
		},
	})
	// Destroy kept the operator and removed only the rights it owned.
	if err := rights("sql")(nil); err != nil {
		t.Fatalf("after destroy: %v", err)
	}
}

// groupsOf checks the operator's groups in Campaign.
func groupsOf(srv *emulator.Server, login string, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := srv.Emulator.GroupsOfOperator(login); !slices.Equal(got, want) {
			return fmt.Errorf("the operator's groups are %v, want %v", got, want)
		}
		return nil
	}
}

// TestAccTechnicalOperator_noMatchingProfile: a technical account holding
// only profiles that map to nothing fails the apply with the product-profile
// names to give it; Campaign creates no operator, nothing is written.
func TestAccTechnicalOperator_noMatchingProfile(t *testing.T) {
	_, orgSrv, srv := emulatortest.IMSSetup(t, adobe.Config{TechnicalAccounts: []adobe.TechnicalAccount{
		{ClientID: "lost-client", ClientSecret: "lost-secret-never-logged", Profiles: []string{"Campaign - acme - integration", "Analytics - acme - api"}}}},
		emulator.Config{})
	provider := orgProvider(srv, orgSrv, emulatortest.AuthLines(srv, emulatortest.AuthPassword))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: provider + technicalBlock(orgSrv, "lost-client", "lost-secret-never-logged", `named_rights = ["exportFile"]`),
			ExpectError: inAnyOrder(errorLike(`Campaign refused the technical account's first call on `+srv.URL).String(),
				errorLike(`"Campaign - acme - integration": its capture "integration" names no operator group of the instance`).String()+`.*`+
					errorLike(`"Campaign - acme - integrations" (group integrations)`).String()),
		}},
	})
	if _, ok := srv.Emulator.Operator(adobe.TechnicalAccountEmail("lost-client")); ok {
		t.Fatal("the refused first call left an operator")
	}
	if n := srv.Emulator.Stats().ByAction[emulator.ActionWrite]; n != 0 {
		t.Fatalf("%d Write(s), want none", n)
	}
}

// TestAccTechnicalOperator_undefinedNamedRight: a named right the instance
// does not define is refused at plan, on named_rights, with the closest
// defined one (the diagnostic every record type's write shares); nothing
// is written and no first call is made.
func TestAccTechnicalOperator_undefinedNamedRight(t *testing.T) {
	_, orgSrv, srv := emulatortest.IMSSetup(t, adobe.Config{}, emulator.Config{})
	login := adobe.TechnicalAccountEmail(emulatortest.TechnicalClientID)
	provider := orgProvider(srv, orgSrv, emulatortest.AuthLines(srv, emulatortest.AuthPassword))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: provider + technicalBlock(orgSrv, emulatortest.TechnicalClientID, emulatortest.TechnicalClientSecret,
				fmt.Sprintf("login = %q", login), `named_rights = ["exprtFile"]`),
			PlanOnly: true,
			ExpectError: regexp.MustCompile(errorLike(`Named right not defined on `+srv.URL).String() + `(?s).*` +
				errorLike(`named right(s) exprtFile, so nothing is written to the operator "`+login+`"`).String() + `.*` +
				errorLike(`Did you mean exportFile, importFile?`).String()),
		}},
	})
	if _, ok := srv.Emulator.Operator(login); ok {
		t.Fatal("the refused plan made the first call")
	}
	if n := srv.Emulator.Stats().ByAction[emulator.ActionWrite]; n != 0 {
		t.Fatalf("%d Write(s), want none", n)
	}
}

// TestAccProviderAsTechnicalAccount: the provider in ims mode as a
// technical account without admin says who it runs as
// (campaign_instance.operator), warns at plan, and a write Campaign refuses
// is explained with that operator and the product profile to add.
func TestAccProviderAsTechnicalAccount(t *testing.T) {
	_, orgSrv, srv := emulatortest.IMSSetup(t, adobe.Config{}, emulator.Config{})
	provider := orgProvider(srv, orgSrv, fmt.Sprintf(`ims = {
    client_id     = %q
    client_secret = %q
    scopes        = ["openid", "AdobeID", "additional_info.projectedProductContext"]
    token_url     = "%s/ims/token/v3"
  }`, emulatortest.TechnicalClientID, emulatortest.TechnicalClientSecret, orgSrv.URL))
	login := adobe.TechnicalAccountEmail(emulatortest.TechnicalClientID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: provider + `data "campaign_instance" "this" {}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.campaign_instance.this", tfjsonpath.New("operator"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"login": knownvalue.StringExact(login), "authentication": knownvalue.StringExact("ims"),
						"groups":       knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("integrations")}),
						"named_rights": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("report")}),
					})),
				},
			},
			{
				Config: provider + groupBlock("reviewers", `label = "Reviewers"`),
				ExpectError: regexp.MustCompile(errorLike(`The provider's operator lacks the admin right on `+srv.URL).String() + `(?s).*` +
					errorLike(`which runs as operator "`+login+`" (authentication ims; groups: integrations; named rights: report)`).String() + `.*` +
					errorLike(`product profile "Campaign - acme - admin" (group admin)`).String()),
			},
		},
	})
	if _, ok := srv.Emulator.Group("reviewers"); ok {
		t.Fatal("a write without the admin right created the group")
	}
}

// technicalFault is one row of RELIABILITY.md's technical-operator table:
// a fault at the create of a technical operator, what the first apply does,
// and what the next apply (no fault) finds.
type technicalFault struct {
	name        string
	setup       func(org *adobe.Emulator, srv *emulator.Server) // injects the fault
	tokenURL    func(orgSrv *emulator.Server) string
	clientID    string
	expectError string // phrase of the first apply's error; "" for a success
	healed      bool   // the next apply (fault gone) creates the operator
}

func technicalFaults() []technicalFault {
	orgToken := func(orgSrv *emulator.Server) string { return orgSrv.URL + "/ims/token/v3" }
	return []technicalFault{
		{name: "IMS down (nothing listens at token_url)", tokenURL: func(*emulator.Server) string { return "https://127.0.0.1:1/ims/token/v3" },
			clientID: emulatortest.TechnicalClientID, expectError: "IMS gave the technical account no token"},
		{name: "IMS refuses the credential (wrong secret)", tokenURL: orgToken, clientID: "wrong-secret",
			expectError: "invalid client_secret parameter"},
		{name: "the account's profiles map to no group", tokenURL: orgToken, clientID: "lost-client",
			expectError: "Campaign refused the technical account's first call"},
		{name: "answer to the first call lost", tokenURL: orgToken, clientID: emulatortest.TechnicalClientID,
			setup: func(_ *adobe.Emulator, srv *emulator.Server) {
				srv.Emulator.InjectFaults(emulator.FaultRule{Action: emulator.ActionGetUserInfo, Kind: emulator.FaultDropAfter, Times: 10})
			},
			expectError: "making the technical account's first call", healed: true},
		{name: "answer to the named rights' Write lost", tokenURL: orgToken, clientID: emulatortest.TechnicalClientID,
			setup: func(_ *adobe.Emulator, srv *emulator.Server) {
				srv.Emulator.InjectFaults(emulator.FaultRule{Action: emulator.ActionWrite, Kind: emulator.FaultDropAfter, Times: 2})
			}, healed: true},
	}
}

// TestAccTechnicalOperator_faults injects each fault into the apply that
// creates a technical operator: a failure writes nothing and leaves nothing
// behind but what Campaign made itself, and the next apply, without the
// fault, creates the operator when the fault was transient. The table is
// RELIABILITY.md's technical-operator section.
func TestAccTechnicalOperator_faults(t *testing.T) {
	type result struct{ first, writes, operator, next string }
	results := testdoc.Measure(t, "cases", technicalFaults(), func(c technicalFault) string { return c.name }, func(t *testing.T, c technicalFault) result {
		org, orgSrv, srv := emulatortest.IMSSetup(t, adobe.Config{TechnicalAccounts: []adobe.TechnicalAccount{
			{ClientID: "lost-client", ClientSecret: emulatortest.TechnicalClientSecret, Profiles: []string{"Campaign - acme - nothing"}},
			{ClientID: "wrong-secret", ClientSecret: "the-right-one-never-used"}}}, emulator.Config{})
		login := adobe.TechnicalAccountEmail(c.clientID)
		config := orgProvider(srv, orgSrv, emulatortest.AuthLines(srv, emulatortest.AuthPassword)+"\n  max_retries = 1") + fmt.Sprintf(`
resource "campaign_technical_operator" "api" {
  client_id                = %q
  client_secret_wo         = %q
  client_secret_wo_version = 1
  token_url                = %q
  named_rights             = ["exportFile"]
}
`, c.clientID, emulatortest.TechnicalClientSecret, c.tokenURL(orgSrv))
		var r result
		first := resource.TestStep{Config: config, PreConfig: func() {
			if c.setup != nil {
				c.setup(org, srv)
			}
		}}
		r.first = "created"
		if c.expectError != "" {
			first.ExpectError = errorLike(c.expectError)
			r.first = "fails: “" + c.expectError + "”"
		}
		steps := []resource.TestStep{first}
		if c.healed || c.expectError == "" {
			steps = append(steps, resource.TestStep{
				PreConfig: func() {
					srv.Emulator.ClearFaults()
					r.writes = fmt.Sprint(srv.Emulator.Stats().ByAction[emulator.ActionWrite])
					_, has := srv.Emulator.Operator(login)
					r.operator = fmt.Sprint(has)
				},
				Config: config, Check: rightsOf(srv, login, "exportFile"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			})
			r.next = "operator with its named right, empty plan"
		}
		resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProviders, Steps: steps})
		if r.writes == "" {
			r.writes = fmt.Sprint(srv.Emulator.Stats().ByAction[emulator.ActionWrite])
			_, has := srv.Emulator.Operator(login)
			r.operator, r.next = fmt.Sprint(has), "not run: it fails the same way until the cause is fixed"
			if has || r.writes != "0" {
				t.Fatalf("a failed first call left the operator (%v) or wrote (%s Writes)", has, r.writes)
			}
		}
		return r
	})
	if t.Failed() {
		return
	}
	testdoc.SkipUnlessComplete(t, "technical-operator", len(results), len(technicalFaults()))
	var b strings.Builder
	b.WriteString("| Fault at the create of a technical operator | First apply | Writes | Operator on the instance after it | Next apply, without the fault |\n|---|---|---|---|---|\n")
	for _, c := range technicalFaults() {
		r := results[c.name]
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", c.name, r.first, r.writes, r.operator, r.next)
	}
	testdoc.Check(t, testdoc.RepoFile("RELIABILITY.md"), "technical-operator", b.String())
}

// rightsOf checks the operator's own named rights in Campaign.
func rightsOf(srv *emulator.Server, login string, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		op, ok := srv.Emulator.Operator(login)
		if !ok || op["right"] != strings.Join(want, ",") {
			return fmt.Errorf("the operator %s: %v, want the rights %v", login, op, want)
		}
		return nil
	}
}
