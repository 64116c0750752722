package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
)

// Every plan-time rule, with a bad value (error expected, naming the
// attribute and showing the value) and a good value (plan succeeds), and not
// one SOAP call for any of them.
func TestAccIMSExternalAccount_validation(t *testing.T) {
	srv := startEmulator(t, emulator.Config{})
	base := map[string]string{
		"client_id":       `"Campaign1"`,
		"callback_server": `"https://acme.campaign.example.com"`,
		"ims_org_id":      `"0123456789ABCDEF01234567@AdobeOrg"`,
		"matching_mask":   `"Campaign - acme - (.*)"`,
	}
	config := func(attr, value string) string {
		attrs := map[string]string{}
		for k, v := range base {
			attrs[k] = v
		}
		if attr != "" {
			attrs[attr] = value
		}
		var b strings.Builder
		for k, v := range attrs {
			fmt.Fprintf(&b, "  %s = %s\n", k, v)
		}
		return providerConfig(srv) + "resource \"campaign_ims_external_account\" \"this\" {\n" + b.String() + "}\n"
	}
	cases := []struct{ attr, bad, error, good string }{
		{"callback_server", `"http://acme.campaign.example.com"`, `callback_server must use the https:// scheme (Adobe ID login refuses anything else), e.g. https://campaign.example.com, got: "http://acme.campaign.example.com"`, `"https://acme.campaign.example.com/"`},
		{"callback_server", `"https://acme.example.com?x=1"`, `callback_server must not have a query string`, `"https://acme.example.com:8443"`},
		{"callback_server", `"https://user:pw@acme.example.com"`, `callback_server must not carry a user name or password`, `"https://acme.example.com/nl"`},
		{"callback_server", `"https:///nohost"`, `callback_server must name a host`, `"https://acme.example.com"`},
		{"callback_server", `"https://acme.example.com/#frag"`, `callback_server must not have a fragment`, `"https://acme.example.com"`},
		{"ims_server", `"ims-na1.adobelogin.com"`, `ims_server must use the https:// scheme`, `"https://ims-na1.adobelogin.com"`},
		{"experience_cloud_server", `"ftp://marketing.adobe.com"`, `experience_cloud_server must use the https:// scheme`, `"https://marketing.adobe.com"`},
		{"matching_mask", `"Campaign - acme - .*"`, `matching_mask must have exactly one capturing group, the part that gives the Campaign operator group's internal name (found 0)`, `"Campaign - acme - (.*)"`},
		{"matching_mask", `"Campaign - (acme) - (.*)"`, `(found 2)`, `"Campaign - (?:acme|acme2) - (.*)"`},
		{"matching_mask", `"Campaign - acme - (.*"`, `matching_mask must be a valid regular expression (missing closing ): `, `"Campaign (.*)"`},
		{"ims_org_id", `"0123456789ABCDEF01234567"`, `ims_org_id must be an IMS organization ID: letters and digits followed by @AdobeOrg`, `"ABCDEF0123456789ABCDEF01@AdobeOrg"`},
		{"name", `"Adobe Marketing Cloud"`, `name must be a Campaign internal name`, `"Adobe_Marketing_Cloud2"`},
		{"name", `"` + strings.Repeat("a", 65) + `"`, `at most 64 characters`, `"` + strings.Repeat("a", 64) + `"`},
		{"label", `"two\nlines"`, `label must be printable text`, `"Adobe Experience Cloud – été"`},
		{"tenant", `"acme\t"`, `tenant must be printable text`, `"acme"`},
		{"ims_scope", `["openid,AdobeID"]`, `must be one IMS scope, without commas or spaces`, `["openid", "AdobeID"]`},
		{"ims_scope", `[]`, `list must contain at least 1 elements`, `["openid"]`},
		{"client_secret_wo_version", `1`, `Attribute "client_secret_wo" must be specified when "client_secret_wo_version" is`, `null`},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		steps = append(steps,
			resource.TestStep{Config: config(tc.attr, tc.bad), PlanOnly: true, ExpectError: errorLike(tc.error)},
			resource.TestStep{Config: config(tc.attr, tc.good), PlanOnly: true, ExpectNonEmptyPlan: true},
		)
	}
	// One secret source only.
	steps = append(steps, resource.TestStep{
		Config:      config("client_secret", `"a"`+"\n  client_secret_wo = \"b\"\n  client_secret_wo_version = 1"),
		PlanOnly:    true,
		ExpectError: errorLike(`Attribute "client_secret_wo" cannot be specified when "client_secret" is specified`),
	})
	// Unknown values (known only after apply) are not rejected at plan time.
	steps = append(steps, resource.TestStep{
		Config: config("callback_server", "terraform_data.url.output") +
			"resource \"terraform_data\" \"url\" { input = \"https://later.example.com\" }\n",
		PlanOnly: true, ExpectNonEmptyPlan: true,
	})
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: testAccProviders, Steps: steps})
	if s := srv.Emulator.Stats(); s.Total != 0 {
		t.Fatalf("plans of new resources, valid or not, must make no SOAP call: %+v", s)
	}
}

func TestAccPackage_validation(t *testing.T) {
	srv := startEmulator(t, emulator.Config{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: packageConfig(srv, "Integration with the Adobe Experience Cloud"), PlanOnly: true,
				ExpectError: errorLike(`name must be a package identifier namespace:name, e.g. nms:campaign, got: "Integration with the Adobe Experience Cloud"`)},
			{Config: packageConfig(srv, "nms:campaign"), PlanOnly: true, ExpectNonEmptyPlan: true},
		},
	})
	if s := srv.Emulator.Stats(); s.Total != 0 {
		t.Fatalf("SOAP calls at plan time: %+v", s)
	}
}
