package provider

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"
	"github.com/acc-terraform/terraform-provider-campaign/internal/testdoc"
)

// badInput is one row of RELIABILITY.md's bad-input table: a value that must
// be rejected at plan time with exactly that error, and a value of the same
// attribute that must be accepted.
type badInput struct {
	// attr is an attribute of campaign_ims_external_account; "package",
	// "import", "group.<attr>", "package.timeouts.create",
	// "provider.<attr>" (ims.token_url, admin_console.org_id…) for the others.
	attr      string
	bad, good string // HCL expressions; instanceURL stands for the emulator's URL
	shown     string // how the table shows bad (default: bad itself)
	// exactError, instanceURL standing for the emulator's URL.
	exactError string
}

// instanceURL stands for the emulated instance's URL in the rows.
const instanceURL = "https://<instance>"

func hclString(v string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\t", `\t`, "${", "$${", "%{", "%%{").Replace(v) + `"`
}

func badInputs() []badInput {
	name := func(v, shown string) badInput {
		return badInput{attr: "name", bad: hclString(v), good: `"Adobe_Marketing_Cloud2"`, shown: shown,
			exactError: `name must be a Campaign internal name: a letter or _ followed by letters, digits or _, at most 64 characters, e.g. Adobe_Marketing_Cloud, got: ` + quote(v)}
	}
	long := strings.Repeat("a", 65)
	return []badInput{
		{attr: "callback_server", bad: `"http://acme.campaign.example.com"`, good: `"https://acme.campaign.example.com/"`,
			exactError: `callback_server must use the https:// scheme (Adobe ID login refuses anything else), e.g. https://campaign.example.com, got: "http://acme.campaign.example.com"`},
		{attr: "callback_server", bad: `"https://acme.example.com?x=1"`, good: `"https://acme.example.com:8443"`,
			exactError: `callback_server must not have a query string (?…), got: "https://acme.example.com?x=1"`},
		{attr: "callback_server", bad: `"https://admin:hunter2@acme.example.com"`, good: `"https://acme.example.com/nl"`,
			exactError: `callback_server must not carry a user name or password, got: "https://admin:xxxxx@acme.example.com"`},
		{attr: "callback_server", bad: `"https:///nohost"`, good: `"https://acme.example.com"`,
			exactError: `callback_server must name a host, e.g. https://campaign.example.com, got: "https:///nohost"`},
		{attr: "callback_server", bad: `"https://acme.example.com/#frag"`, good: `"https://acme.example.com"`,
			exactError: `callback_server must not have a fragment (#…), got: "https://acme.example.com/#frag"`},
		{attr: "callback_server", bad: `" https://acme.example.com"`, good: `"https://acme.example.com"`,
			exactError: `callback_server must be an absolute https:// URL, e.g. https://campaign.example.com, got: " https://acme.example.com"`},
		{attr: "ims_server", bad: `"ims-na1.adobelogin.com"`, good: `"https://ims-na1.adobelogin.com"`,
			exactError: `ims_server must use the https:// scheme (Adobe ID login refuses anything else), e.g. https://campaign.example.com, got: "ims-na1.adobelogin.com"`},
		{attr: "experience_cloud_server", bad: `"ftp://marketing.adobe.com"`, good: `"https://marketing.adobe.com"`,
			exactError: `experience_cloud_server must use the https:// scheme (Adobe ID login refuses anything else), e.g. https://campaign.example.com, got: "ftp://marketing.adobe.com"`},
		{attr: "matching_mask", bad: `"Campaign - acme - .*"`, good: `"Campaign - acme - (.*)"`,
			exactError: `matching_mask must have exactly one capturing group, the part that gives the Campaign operator group's internal name (found 0), e.g. Campaign - acme - (.*); write other groups as (?:…), got: "Campaign - acme - .*"`},
		{attr: "matching_mask", bad: `"Campaign - (acme) - (.*)"`, good: `"Campaign - (?:acme|acme2) - (.*)"`,
			exactError: `matching_mask must have exactly one capturing group, the part that gives the Campaign operator group's internal name (found 2), e.g. Campaign - acme - (.*); write other groups as (?:…), got: "Campaign - (acme) - (.*)"`},
		{attr: "matching_mask", bad: `"Campaign - acme - (.*"`, good: `"Campaign (.*)"`,
			exactError: "matching_mask must be a valid regular expression (missing closing ): `Campaign - acme - (.*`), got: \"Campaign - acme - (.*\""},
		{attr: "matching_mask", bad: `" "`, good: `"(.*)"`,
			exactError: `matching_mask must be a regular expression with one capturing group, e.g. Campaign - acme - (.*), got: " "`},
		{attr: "ims_org_id", bad: `"0123456789ABCDEF01234567"`, good: `"ABCDEF0123456789ABCDEF01@AdobeOrg"`,
			exactError: `ims_org_id must be an IMS organization ID: letters and digits followed by @AdobeOrg, e.g. 0123456789ABCDEF01234567@AdobeOrg, got: "0123456789ABCDEF01234567"`},
		name("Adobe Marketing Cloud", ""),
		name(`Adobe"Cloud`, ""),
		name(`x' or @name='Adobe_Marketing_Cloud`, ""),
		name(`<extAccount name="x"/>`, ""),
		name("]]>", ""),
		name("Adobe_Cloud_été", ""),
		name(long, abbreviate(long, 3)),
		{attr: "label", bad: hclString(strings.Repeat("é", 129)), shown: abbreviate(strings.Repeat("é", 129), 3), good: hclString(strings.Repeat("é", 128)),
			exactError: `Attribute label UTF-8 character count must be between 1 and 128, got: 129`},
		{attr: "label", bad: `"two\nlines"`, good: `"Adobe Experience Cloud – été"`,
			exactError: `label must be printable text on one line, without control characters such as tabs or line breaks: U+000A (a control character) at character 4, got: "two\nlines"`},
		{attr: "tenant", bad: `"acme\t"`, good: `"acme"`,
			exactError: `tenant must be printable text on one line, without control characters such as tabs or line breaks: U+0009 (a control character) at character 5, got: "acme\t"`},
		{attr: "client_id", bad: `""`, good: `"Campaign1"`,
			exactError: `Attribute client_id string length must be at least 1, got: 0`},
		{attr: "ims_scope", bad: `["openid,AdobeID"]`, good: `["openid", "AdobeID"]`,
			exactError: `ims_scope[0] must be one IMS scope, without commas or spaces, e.g. openid, got: "openid,AdobeID"`},
		{attr: "ims_scope", bad: `[]`, good: `["openid"]`,
			exactError: `Attribute ims_scope list must contain at least 1 elements, got: 0`},
		{attr: "client_secret_wo_version", bad: `1`, good: `null`,
			exactError: `Attribute "client_secret_wo" must be specified when "client_secret_wo_version" is specified`},
		{attr: "client_secret", bad: `"a"` + "\n  client_secret_wo = \"b\"\n  client_secret_wo_version = 1", shown: `"a" with client_secret_wo = "b"`, good: `"a"`,
			exactError: `Attribute "client_secret_wo" cannot be specified when "client_secret" is specified`},
		{attr: "package", bad: `"Integration with the Adobe Experience Cloud"`, good: `"nms:campaign"`,
			exactError: `name must be a package identifier namespace:name, e.g. nms:campaign, got: "Integration with the Adobe Experience Cloud"`},
		{attr: "group.name", bad: `"Delivery reviewers"`, good: `"delivery_reviewers"`,
			exactError: `name must be a Campaign internal name: a letter or _ followed by letters, digits or _, at most 64 characters, e.g. reviewers, got: "Delivery reviewers"`},
		{attr: "group.name", bad: `"x' or @name='admin"`, good: `"reviewers"`,
			exactError: `name must be a Campaign internal name: a letter or _ followed by letters, digits or _, at most 64 characters, e.g. reviewers, got: "x' or @name='admin"`},
		{attr: "group.named_rights", bad: `["prepare delivery"]`, good: `["prepareDelivery"]`,
			exactError: `named_rights element "prepare delivery" must be a Campaign internal name: a letter or _ followed by letters, digits or _, at most 64 characters, e.g. report`},
		{attr: "group.label", bad: `"two\nlines"`, good: `"Delivery reviewers"`,
			exactError: `label must be printable text on one line, without control characters such as tabs or line breaks: U+000A (a control character) at character 4, got: "two\nlines"`},
		{attr: "group.label", bad: `""`, good: `"R"`,
			exactError: `Attribute label UTF-8 character count must be between 1 and 128, got: 0`},
		{attr: "import", bad: `"x' or @name='Adobe_Marketing_Cloud"`, good: `"Adobe_Marketing_Cloud"`,
			exactError: `The import ID is the external account's internal name, which must be a Campaign internal name: a letter or _ followed by letters, digits or _, at most 64 characters, e.g. Adobe_Marketing_Cloud, got: "x' or @name='Adobe_Marketing_Cloud"`},
		{attr: "group.import", bad: `"Delivery reviewers"`, good: `"reviewers"`,
			exactError: `The import ID is the operator group's internal name, which must be a Campaign internal name: a letter or _ followed by letters, digits or _, at most 64 characters, e.g. reviewers, got: "Delivery reviewers"`},
		{attr: "group.description", bad: `"Review\u0007deliveries"`, good: `"Review\ndeliveries"`,
			exactError: `description must hold only characters that XML 1.0 can carry (Campaign's SOAP API is XML): U+0007 (a control character) at character 7 cannot be sent, got: "Review\adeliveries"`},
		{attr: "package.timeouts.create", bad: `""`, good: `"30m"`,
			exactError: `timeouts.create must be a positive duration such as 30s or 2m, got: ""`},
		{attr: "package.timeouts.create", bad: `"-5m"`, good: `"5m"`,
			exactError: `timeouts.create must be a positive duration such as 30s or 2m, got: "-5m"`},
		{attr: "provider.endpoint", bad: `"` + instanceURL + `/nl/jsp/soaprouter.jsp"`, good: `"` + instanceURL + `"`,
			exactError: `endpoint must be the absolute URL of the Campaign instance without a path: remove "/nl/jsp/soaprouter.jsp" (the provider adds the paths it calls), e.g. https://acme-mkt-prod1.campaign.adobe.com, got: "` + instanceURL + `/nl/jsp/soaprouter.jsp"`},
		{attr: "provider.endpoint", bad: `"https://acme.campaign.adobe.com/campaign"`, good: `"` + instanceURL + `/"`,
			exactError: `endpoint must be the absolute URL of the Campaign instance without a path: remove "/campaign" (the provider adds the paths it calls), e.g. https://acme-mkt-prod1.campaign.adobe.com, got: "https://acme.campaign.adobe.com/campaign"`},
		{attr: "provider.ims.token_url", bad: `"` + instanceURL + `/ims/token/v9"`, good: `"` + instanceURL + `/ims/token/v3"`,
			exactError: `ims.token_url (` + instanceURL + `/ims/token/v9) gave no token and refused nothing: check that it is the IMS token endpoint of the credential, e.g. https://ims-na1.adobelogin.com/ims/token/v3 (the default when ims.token_url is unset).`},
		{attr: "provider.ims.token_url", bad: `"https://ims-na1.adobelogin.com/ims/token/v3?client_id=x"`, good: `"` + instanceURL + `/ims/token/v3"`,
			exactError: `ims.token_url must be a plain URL, without user info, query or fragment, got: "https://ims-na1.adobelogin.com/ims/token/v3?client_id=x"`},
		{attr: "provider.admin_console.org_id", bad: `"0123456789ABCDEF01234567"`, good: `"0123456789ABCDEF01234567@AdobeOrg"`,
			exactError: `admin_console.org_id must be an IMS organization ID: letters and digits followed by @AdobeOrg, e.g. 0123456789ABCDEF01234567@AdobeOrg, got: "0123456789ABCDEF01234567"`},
		{attr: "provider.admin_console.token_url", bad: `"http://ims-na1.adobelogin.com/ims/token/v3"`, good: `"https://ims-na1.adobelogin.com/ims/token/v3"`,
			exactError: `admin_console.token_url must use https:// (http:// is accepted only for a loopback host such as 127.0.0.1, where nothing crosses a network), got: "http://ims-na1.adobelogin.com/ims/token/v3"`},
		{attr: "provider.admin_console.umapi_endpoint", bad: `"https://usermanagement.adobe.io/v2/usermanagement"`, good: `"https://usermanagement.adobe.io"`,
			exactError: `admin_console.umapi_endpoint must be the base URL of the User Management API without a path: remove "/v2/usermanagement" (the provider adds the paths it calls), e.g. https://usermanagement.adobe.io, got: "https://usermanagement.adobe.io/v2/usermanagement"`},
	}
}

// providerRowConfig is the configuration of a provider.<attr> row: a
// provider block whose attr is value (the other attributes the kit's) and a
// data source that makes the plan authenticate.
func providerRowConfig(srv *emulator.Server, attr, value string) string {
	lines := map[string]string{
		"endpoint": strconv.Quote(srv.URL), "ca_certificate": strconv.Quote(string(srv.CAPEM)),
		"login": strconv.Quote(emulatortest.Login), "password": strconv.Quote(emulatortest.Password),
	}
	switch {
	case strings.HasPrefix(attr, "ims."):
		delete(lines, "login")
		delete(lines, "password")
		lines["ims"] = fmt.Sprintf("{\n    client_id = %q\n    client_secret = %q\n    %s = %s\n  }",
			emulatortest.IMSClientID, emulatortest.IMSClientSecret, strings.TrimPrefix(attr, "ims."), value)
	case strings.HasPrefix(attr, "admin_console."):
		ac := map[string]string{"org_id": `"0123456789ABCDEF01234567@AdobeOrg"`, "client_id": `"c"`, "client_secret": `"s"`}
		ac[strings.TrimPrefix(attr, "admin_console.")] = value
		var b strings.Builder
		for _, k := range slices.Sorted(maps.Keys(ac)) {
			fmt.Fprintf(&b, "    %s = %s\n", k, ac[k])
		}
		lines["admin_console"] = "{\n" + b.String() + "  }"
	default:
		lines[attr] = value
	}
	var b strings.Builder
	b.WriteString("provider \"campaign\" {\n")
	for _, k := range slices.Sorted(maps.Keys(lines)) {
		fmt.Fprintf(&b, "  %s = %s\n", k, lines[k])
	}
	return b.String() + "}\n\ndata \"campaign_packages\" \"all\" {}\n"
}

// atInstance puts the emulator's URL where a row says instanceURL.
func atInstance(srv *emulator.Server, v string) string {
	return strings.ReplaceAll(v, instanceURL, srv.URL)
}

// accountWith is a complete account block in which attr is set to the HCL
// expression value.
func accountWith(srv *emulator.Server, attr, value string) string {
	attrs := map[string]string{
		"client_id":       `"Campaign1"`,
		"callback_server": `"https://acme.campaign.example.com"`,
		"ims_org_id":      `"0123456789ABCDEF01234567@AdobeOrg"`,
		"matching_mask":   `"Campaign - acme - (.*)"`,
	}
	if attr != "" {
		attrs[attr] = value
	}
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(attrs)) {
		fmt.Fprintf(&b, "  %s = %s\n", k, attrs[k])
	}
	return providerConfig(srv) + "resource \"campaign_ims_external_account\" \"this\" {\n" + b.String() + "}\n"
}

// TestAccBadInput drives every plan-time rule through Terraform with a bad
// value (the exact error expected) and a good value (the plan succeeds), and
// checks that none of it made a SOAP call. The rows are RELIABILITY.md's
// bad-input table.
func TestAccBadInput(t *testing.T) {
	srv := startEmulator(t, emulator.Config{})
	var steps []resource.TestStep
	for _, tc := range badInputs() {
		switch tc.attr {
		case "package":
			steps = append(steps,
				resource.TestStep{Config: packageConfig(srv, strings.Trim(tc.bad, `"`)), PlanOnly: true, ExpectError: errorLike(tc.exactError)},
				resource.TestStep{Config: packageConfig(srv, strings.Trim(tc.good, `"`)), PlanOnly: true, ExpectNonEmptyPlan: true},
			)
		case "package.timeouts.create":
			timeouts := func(v string) string {
				return providerConfig(srv) + fmt.Sprintf("resource \"campaign_package\" \"this\" {\n  name = \"nms:campaign\"\n  timeouts = { create = %s }\n}\n", v)
			}
			steps = append(steps,
				resource.TestStep{Config: timeouts(tc.bad), PlanOnly: true, ExpectError: errorLike(tc.exactError)},
				resource.TestStep{Config: timeouts(tc.good), PlanOnly: true, ExpectNonEmptyPlan: true},
			)
		case "provider.endpoint", "provider.ims.token_url", "provider.admin_console.org_id", "provider.admin_console.token_url", "provider.admin_console.umapi_endpoint":
			attr := strings.TrimPrefix(tc.attr, "provider.")
			steps = append(steps,
				resource.TestStep{Config: providerRowConfig(srv, attr, atInstance(srv, tc.bad)), PlanOnly: true, ExpectError: errorLike(atInstance(srv, tc.exactError))},
				resource.TestStep{Config: providerRowConfig(srv, attr, atInstance(srv, tc.good)), PlanOnly: true},
			)
		case "group.name", "group.named_rights", "group.label", "group.description":
			groupWith := func(v string) string {
				if tc.attr == "group.name" {
					return providerConfig(srv) + groupBlock(strings.Trim(v, `"`))
				}
				return providerConfig(srv) + groupBlock("reviewers", strings.TrimPrefix(tc.attr, "group.")+" = "+v)
			}
			steps = append(steps,
				resource.TestStep{Config: groupWith(tc.bad), PlanOnly: true, ExpectError: errorLike(tc.exactError)},
				resource.TestStep{Config: groupWith(tc.good), PlanOnly: true, ExpectNonEmptyPlan: true},
			)
		case "import", "group.import":
			// The ID is refused before the read that would query Campaign.
			cfg, addr := accountWith(srv, "", ""), accountAddr
			if tc.attr == "group.import" {
				cfg, addr = providerConfig(srv)+groupBlock("reviewers"), groupAddr
			}
			steps = append(steps, resource.TestStep{
				Config: cfg, ResourceName: addr,
				ImportState: true, ImportStateId: strings.Trim(tc.bad, `"`), ExpectError: errorLike(tc.exactError),
			})
		default:
			steps = append(steps,
				resource.TestStep{Config: accountWith(srv, tc.attr, tc.bad), PlanOnly: true, ExpectError: errorLike(tc.exactError)},
				resource.TestStep{Config: accountWith(srv, tc.attr, tc.good), PlanOnly: true, ExpectNonEmptyPlan: true},
			)
		}
	}
	// Unknown values (known only after apply) are not rejected at plan time.
	steps = append(steps, resource.TestStep{
		Config: accountWith(srv, "callback_server", "terraform_data.url.output") +
			"resource \"terraform_data\" \"url\" { input = \"https://later.example.com\" }\n",
		PlanOnly: true, ExpectNonEmptyPlan: true,
	})
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testAccProviders, Steps: steps})
	// Bad inputs are refused before any SOAP call; the plans of the valid
	// groups check them against the instance's xtk:group schema (a Logon and
	// one schema read per provider process), and the valid provider rows
	// read the installed packages (from the Logon answer, or GetUserInfo
	// with an IMS token), nothing else.
	s := srv.Emulator.Stats()
	for action := range s.ByAction {
		if action != emulator.ActionLogon && action != emulator.ActionGetEntityIfMoreRecent && action != emulator.ActionGetUserInfo {
			t.Fatalf("the plans of new resources and refused import IDs made a %s call: %+v", action, s)
		}
	}
	if t.Failed() {
		return
	}
	var b strings.Builder
	b.WriteString("| Attribute | Value | Error at plan time (exact) | SOAP calls |\n|---|---|---|---|\n")
	for _, tc := range badInputs() {
		shown := tc.shown
		if shown == "" {
			shown = tc.bad
		}
		attr := "`" + tc.attr + "`"
		switch tc.attr {
		case "package":
			attr = "`campaign_package.name`"
		case "import":
			attr = "import ID"
		case "group.import":
			attr = "import ID of `campaign_operator_group`"
		case "group.name", "group.named_rights", "group.label", "group.description":
			attr = "`campaign_operator_group." + strings.TrimPrefix(tc.attr, "group.") + "`"
		case "package.timeouts.create":
			attr = "`campaign_package.timeouts.create`"
		default:
			if p, ok := strings.CutPrefix(tc.attr, "provider."); ok {
				attr = "provider `" + p + "`"
			}
		}
		fmt.Fprintf(&b, "| %s | `%s` | %s | 0 |\n", attr, mdCode(shown), mdText(tc.exactError))
	}
	testdoc.Check(t, testdoc.RepoFile("RELIABILITY.md"), "bad-input", b.String())
}

// abbreviate quotes v, or its first n characters and its length when it is
// longer than 64 characters.
func abbreviate(v string, n int) string {
	r := []rune(v)
	if len(r) <= 64 {
		return quote(v)
	}
	return fmt.Sprintf("%s… (%d characters)", strings.TrimSuffix(quote(string(r[:n])), `"`), len(r))
}

// mdCode escapes text for a code span in a Markdown table cell.
func mdCode(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

// mdText escapes text for a Markdown table cell.
func mdText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "|", `\|`, "\n", " ").Replace(s)
}

// roundTrip is one attribute of the hostile-values accounts: stored in
// Campaign and read back exactly as written.
type roundTrip struct {
	account, attr, campaignAttr, value string
}

func roundTrips() []roundTrip {
	const hostile, long = "Hostile_Values", "Long_Values"
	return []roundTrip{
		{hostile, "label", "label", `Adobe "Experience" <Cloud> & ]]> été 日本 🚀`},
		{hostile, "client_id", "clientId", `x" type="0" active="0`},
		{hostile, "tenant", "tenant", `acme' or @name='Adobe_Marketing_Cloud`},
		{hostile, "matching_mask", "imsRightsMask", `Campaign - "a&b" <c> ]]> 'd' - (.*)`},
		{hostile, "product_context", "productContext", `&amp; &lt;x/&gt; &#65; ${x} %{y} <![CDATA[z]]>`},
		{hostile, "callback_server", "callbackServer", `https://acme.example.com/nl/a'b&c`},
		{long, "label", "label", strings.Repeat("Ünïcødé ", 16)},
		{long, "client_id", "clientId", strings.Repeat("c", 1024)},
		{long, "tenant", "tenant", strings.Repeat("t&<", 1500)},
		{long, "matching_mask", "imsRightsMask", "Campaign - " + strings.Repeat("x", 2000) + " - (.*)"},
	}
}

// TestAccHostileValuesRoundTrip writes accounts whose values carry quotes,
// <, &, ]]>, XTK and XML fragments, unicode and very long text, and checks
// that Campaign stores exactly those values (no attribute added or changed:
// the values cannot alter the document), that the provider reads them back
// unchanged (empty plan, import verified), and that nothing else was written.
func TestAccHostileValuesRoundTrip(t *testing.T) {
	t.Parallel()
	rows := roundTrips()
	blocks := map[string]map[string]string{}
	for _, r := range rows {
		if blocks[r.account] == nil {
			blocks[r.account] = map[string]string{"name": hclString(r.account), "ims_org_id": `"0123456789ABCDEF01234567@AdobeOrg"`,
				"client_id": `"Campaign1"`, "callback_server": `"https://acme.example.com"`, "matching_mask": `"Campaign - acme - (.*)"`,
				"client_secret": `"s3cret"`}
		}
		blocks[r.account][r.attr] = hclString(r.value)
	}
	// What an account may hold once written: the record type's attributes
	// (Campaign's, the written ones) and the stamps Campaign sets itself.
	known := map[string]bool{"created": true, "lastModified": true}
	accounts := campaign.IMSAccountRecord()
	for _, a := range accounts.ReadOnly {
		known[a] = true
	}
	for _, f := range accounts.Fields {
		known[f.Campaign] = true
	}
	// One instance per account: Campaign's IMS login needs exactly one.
	for _, account := range slices.Sorted(maps.Keys(blocks)) {
		t.Run(account, func(t *testing.T) {
			srv := startEmulator(t, emulator.Config{})
			addr := "campaign_ims_external_account." + strings.ToLower(account)
			config := providerConfig(srv) + fmt.Sprintf("resource \"campaign_ims_external_account\" %q {\n", strings.ToLower(account))
			for _, k := range slices.Sorted(maps.Keys(blocks[account])) {
				config += fmt.Sprintf("  %s = %s\n", k, blocks[account][k])
			}
			config += "}\n"
			var stateChecks []statecheck.StateCheck
			for _, r := range rows {
				if r.account == account {
					stateChecks = append(stateChecks, statecheck.ExpectKnownValue(addr, tfjsonpath.New(r.attr), knownvalue.StringExact(r.value)))
				}
			}
			checkStored := func(*terraform.State) error {
				stored, ok := srv.Emulator.Account(account)
				if !ok || len(srv.Emulator.AccountNames()) != 1 {
					return fmt.Errorf("accounts in Campaign: %v", srv.Emulator.AccountNames())
				}
				for _, r := range rows {
					if got := stored[r.campaignAttr]; r.account == account && got != r.value {
						return fmt.Errorf("%s.%s stored as %q, want %q", r.account, r.campaignAttr, got, r.value)
					}
				}
				for attr := range stored {
					if !known[attr] {
						return fmt.Errorf("%s has an attribute nobody wrote: %s=%q", account, attr, stored[attr])
					}
				}
				if stored["type"] != fmt.Sprint(emulator.DefaultIMSAccountType) || stored["active"] != "1" {
					return fmt.Errorf("%s: type %q active %q, a value rewrote them", account, stored["type"], stored["active"])
				}
				return nil
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{
					{Config: config, ConfigStateChecks: stateChecks, Check: checkStored},
					{Config: config, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
					{
						Config: config, ResourceName: addr, ImportState: true,
						ImportStateId: account, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"client_secret"},
					},
				},
			})
		})
	}
	if t.Failed() {
		return
	}
	var b strings.Builder
	b.WriteString("| Account | Attribute | Value written | Stored in Campaign | Read back |\n|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | `%s` | `%s` | identical | identical |\n", r.account, r.attr, mdCode(abbreviate(r.value, 16)))
	}
	testdoc.Check(t, testdoc.RepoFile("RELIABILITY.md"), "round-trip", b.String())
}
