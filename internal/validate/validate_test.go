package validate

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

func TestRules(t *testing.T) {
	const (
		httpsAbs    = "must be an absolute https:// URL, e.g. https://campaign.example.com"
		httpsScheme = "must use the https:// scheme (Adobe ID login refuses anything else), e.g. https://campaign.example.com"
		endpointAbs = "must be the absolute URL of the Campaign instance, e.g. https://acme-mkt-prod1.campaign.adobe.com"
		orgID       = "must be an IMS organization ID: letters and digits followed by @AdobeOrg, e.g. 0123456789ABCDEF01234567@AdobeOrg"
		internal    = "must be a Campaign internal name: a letter or _ followed by letters, digits or _, at most 64 characters"
		pkg         = "must be a package identifier namespace:name, e.g. nms:campaign"
		scope       = "must be one IMS scope, without commas or spaces, e.g. openid"
		printable   = "must be printable text on one line, without control characters such as tabs or line breaks: "
		xml         = "must hold only characters that XML 1.0 can carry (Campaign's SOAP API is XML): "
	)
	tests := []struct {
		rule    string
		check   func(string) error
		value   string
		wantErr string // "" means accepted
	}{
		{"HTTPSURL", HTTPSURL, "https://acme.campaign.adobe.com", ""},
		{"HTTPSURL", HTTPSURL, "https://acme.campaign.adobe.com:8443/nl", ""},
		{"HTTPSURL", HTTPSURL, "http://acme.campaign.adobe.com", httpsScheme},
		{"HTTPSURL", HTTPSURL, "acme.campaign.adobe.com", httpsScheme},
		{"HTTPSURL", HTTPSURL, " https://acme.example.com", httpsAbs},
		{"HTTPSURL", HTTPSURL, "https://", "must name a host, e.g. https://campaign.example.com"},
		{"HTTPSURL", HTTPSURL, "https://u:p@acme.example.com", "must not carry a user name or password"},
		{"HTTPSURL", HTTPSURL, "https://acme.example.com/?a=b", "must not have a query string (?…)"},
		{"HTTPSURL", HTTPSURL, "https://acme.example.com/?", "must not have a query string (?…)"},
		{"HTTPSURL", HTTPSURL, "https://acme.example.com/#top", "must not have a fragment (#…)"},

		{"Endpoint", Endpoint, "https://acme-mkt-prod1.campaign.adobe.com", ""},
		{"Endpoint", Endpoint, "http://127.0.0.1:8080", ""},
		{"Endpoint", Endpoint, "http://localhost:8080", ""},
		{"Endpoint", Endpoint, "http://[::1]:8080", ""},
		{"Endpoint", Endpoint, "http://campaign.example.com", "must use https:// (http:// is accepted only for a loopback host such as 127.0.0.1, where nothing crosses a network)"},
		{"Endpoint", Endpoint, "ftp://campaign.example.com", "must use the https:// scheme"},
		{"Endpoint", Endpoint, "", endpointAbs},
		{"Endpoint", Endpoint, "campaign.example.com", endpointAbs},
		{"Endpoint", Endpoint, "https://campaign.example.com/?x=1", "must be a plain URL, without user info, query or fragment"},

		{"MatchingMask", MatchingMask, "Campaign - acme - (.*)", ""},
		{"MatchingMask", MatchingMask, "(?:Campaign|CampaignV6) - acme - (.*)", ""},
		{"MatchingMask", MatchingMask, "Campaign - acme - .*", "must have exactly one capturing group, the part that gives the Campaign operator group's internal name (found 0), e.g. Campaign - acme - (.*); write other groups as (?:…)"},
		{"MatchingMask", MatchingMask, "(Campaign) - (.*)", "must have exactly one capturing group, the part that gives the Campaign operator group's internal name (found 2), e.g. Campaign - acme - (.*); write other groups as (?:…)"},
		{"MatchingMask", MatchingMask, "Campaign - (.*", "must be a valid regular expression (missing closing ): `Campaign - (.*`)"},
		{"MatchingMask", MatchingMask, "  ", "must be a regular expression with one capturing group, e.g. Campaign - acme - (.*)"},

		{"IMSOrgID", IMSOrgID, "0123456789ABCDEF01234567@AdobeOrg", ""},
		{"IMSOrgID", IMSOrgID, "0123456789ABCDEF01234567", orgID},
		{"IMSOrgID", IMSOrgID, "0123-4567@AdobeOrg", orgID},
		{"IMSOrgID", IMSOrgID, "0123456789ABCDEF01234567@adobeorg", orgID},

		{"InternalName", InternalName, "Adobe_Marketing_Cloud", ""},
		{"InternalName", InternalName, "_x1", ""},
		{"InternalName", InternalName, strings.Repeat("a", 64), ""},
		{"InternalName", InternalName, strings.Repeat("a", 65), internal},
		{"InternalName", InternalName, "1account", internal},
		{"InternalName", InternalName, "Adobe Marketing Cloud", internal},
		{"InternalName", InternalName, "x'or'1", internal},

		{"OperatorLogin", OperatorLogin, "3A7F4C2B9E1D8A6F5C3B2E1D@techacct.adobe.com", ""},
		{"OperatorLogin", OperatorLogin, "admin", ""},
		{"OperatorLogin", OperatorLogin, "jdoe+ops@acme.example", ""},
		{"OperatorLogin", OperatorLogin, "x' or @name='admin", "must be an operator login: an internal name or an email such as 3A7F4C2B9E1D8A6F5C3B2E1D@techacct.adobe.com (letters, digits and _ . + @ -, at most 128 characters)"},
		{"OperatorLogin", OperatorLogin, "", "must be an operator login: an internal name or an email such as 3A7F4C2B9E1D8A6F5C3B2E1D@techacct.adobe.com (letters, digits and _ . + @ -, at most 128 characters)"},
		{"PackageName", PackageName, "nms:campaign", ""},
		{"PackageName", PackageName, "nms:experienceCloudIntegration", ""},
		{"PackageName", PackageName, "campaign", pkg},
		{"PackageName", PackageName, "NMS:campaign", pkg},
		{"PackageName", PackageName, "nms:camp aign", pkg},

		{"Scope", Scope, "openid", ""},
		{"Scope", Scope, "additional_info.projectedProductContext", ""},
		{"Scope", Scope, "openid,AdobeID", scope},
		{"Scope", Scope, "open id", scope},
		{"Scope", Scope, "", scope},

		{"PrintableText", PrintableText, "Adobe Experience Cloud — été <&>", ""},
		{"PrintableText", PrintableText, "line\nbreak", printable + "U+000A (a control character) at character 5"},
		{"PrintableText", PrintableText, "tab\there", printable + "U+0009 (a control character) at character 4"},
		{"PrintableText", PrintableText, "bad \xff utf-8", xml + "a byte that is not UTF-8 at character 5 cannot be sent"},
		{"PrintableText", PrintableText, "é\u0085", printable + "U+0085 (a control character) at character 2"},

		{"XMLText", XMLText, "two\nlines\tand a tab, \r too — 日本 🚀", ""},
		{"XMLText", XMLText, "", ""},
		{"XMLText", XMLText, "bell\a", xml + "U+0007 (a control character) at character 5 cannot be sent"},
		{"XMLText", XMLText, "ééé\x1b", xml + "U+001B (a control character) at character 4 cannot be sent"},
		{"XMLText", XMLText, "nul\x00", xml + "U+0000 (a control character) at character 4 cannot be sent"},
		{"XMLText", XMLText, "\uFFFE", xml + "U+FFFE at character 1 cannot be sent"},

		{"Endpoint", Endpoint, "https://acme.campaign.adobe.com/", ""},
		{"Endpoint", Endpoint, "https://acme.campaign.adobe.com/nl/jsp/soaprouter.jsp", `must be the absolute URL of the Campaign instance without a path: remove "/nl/jsp/soaprouter.jsp" (the provider adds the paths it calls), e.g. https://acme-mkt-prod1.campaign.adobe.com`},
		{"UMAPIEndpoint", UMAPIEndpoint, "https://usermanagement.adobe.io", ""},
		{"UMAPIEndpoint", UMAPIEndpoint, "https://usermanagement.adobe.io/v2/usermanagement/", `must be the base URL of the User Management API without a path: remove "/v2/usermanagement/" (the provider adds the paths it calls), e.g. https://usermanagement.adobe.io`},
		{"TokenURL", TokenURL, "https://ims-na1.adobelogin.com/ims/token/v3", ""},
		{"TokenURL", TokenURL, "http://127.0.0.1:8443/ims/token/v3", ""},
		{"TokenURL", TokenURL, "https://ims-na1.adobelogin.com/ims/token/v3?client_secret=x", "must be a plain URL, without user info, query or fragment"},
		{"TokenURL", TokenURL, "ims-na1.adobelogin.com/ims/token/v3", "must be the URL of the IMS token endpoint, e.g. https://ims-na1.adobelogin.com/ims/token/v3"},
		{"HTTPSURL", HTTPSURL, "https://acme.example.com/\a", xml + "U+0007 (a control character) at character 26 cannot be sent"},
	}
	for _, tt := range tests {
		t.Run(tt.rule+"/"+tt.value, func(t *testing.T) {
			err := tt.check(tt.value)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("%s(%q) = %v, want accepted", tt.rule, tt.value, err)
			case tt.wantErr != "" && err == nil:
				t.Errorf("%s(%q) accepted, want %q", tt.rule, tt.value, tt.wantErr)
			case tt.wantErr != "" && err.Error() != tt.wantErr:
				t.Errorf("%s(%q) = %q,\n want %q", tt.rule, tt.value, err, tt.wantErr)
			}
		})
	}
}

func TestGroupName(t *testing.T) {
	tests := []struct {
		mask, profile, want string
		ok                  bool
		wantErr             bool
	}{
		{"Campaign - acme - (.*)", "Campaign - acme - admins", "admins", true, false},
		{"Campaign - acme - (.*)", "Campaign - other - admins", "", false, false},
		{"Campaign - acme - (.*)", "prefix Campaign - acme - admins", "", false, false}, // the whole name must match
		{"(?:Campaign|CampaignV6) - acme - (.*)", "CampaignV6 - acme - ops", "ops", true, false},
		{"Campaign - acme - .*", "Campaign - acme - admins", "", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.mask+"/"+tt.profile, func(t *testing.T) {
			got, ok, err := GroupName(tt.mask, tt.profile)
			if (err != nil) != tt.wantErr || ok != tt.ok || got != tt.want {
				t.Errorf("GroupName = %q, %v, %v; want %q, %v, error %v", got, ok, err, tt.want, tt.ok, tt.wantErr)
			}
		})
	}
}

func TestMaskForTenant(t *testing.T) {
	tests := []struct{ tenant, want, wantErr string }{
		{"acme", "Campaign - acme - (.*)", ""},
		{"a.c+me", `Campaign - a\.c\+me - (.*)`, ""},
		{"", "", "must be a non-empty tenant name, e.g. acme"},
		{"ac\nme", "", "must be printable text on one line, without control characters such as tabs or line breaks: U+000A (a control character) at character 3"},
	}
	for _, tt := range tests {
		got, err := MaskForTenant(tt.tenant)
		if got != tt.want || (err == nil) != (tt.wantErr == "") || (err != nil && err.Error() != tt.wantErr) {
			t.Errorf("MaskForTenant(%q) = %q, %v; want %q, %q", tt.tenant, got, err, tt.want, tt.wantErr)
		}
		if err == nil {
			if g, ok, _ := GroupName(got, "Campaign - "+tt.tenant+" - admins"); !ok || g != "admins" {
				t.Errorf("the mask of %q does not map its own profile: %q %v", tt.tenant, g, ok)
			}
		}
	}
}

func TestProductProfile(t *testing.T) {
	tests := []struct{ mask, group, want, wantErr string }{
		{"Campaign - acme - (.*)", "admins", "Campaign - acme - admins", ""},
		{"Campaign - acme - (.+)", "delivery", "Campaign - acme - delivery", ""},
		{`Campaign - a\.c\+me - (.*)`, "ops", "Campaign - a.c+me - ops", ""},
		{"^Campaign - acme - (.*)$", "ops", "Campaign - acme - ops", ""},
		{"(.*) (Campaign)", "x", "", "must have exactly one capturing group, the part that gives the Campaign operator group's internal name (found 2), e.g. Campaign - acme - (.*); write other groups as (?:…)"},
		{"Campaign - acme - ([a-z]+)", "ops", "", "cannot be inverted: its capturing group is ([a-z]+), not (.*) or (.+), so several product-profile names would map to one group"},
		{"(?:Campaign|CampaignV6) - acme - (.*)", "ops", "", "cannot be inverted: it has regular-expression syntax outside its capturing group (an alternative, a class, a repetition…), so no single product-profile name follows from it; write the text around (.*) literally, e.g. Campaign - acme - (.*)"},
		{"Campaign - acme - (.+)", "", "", `maps no product profile to the group "": "Campaign - acme - " would not match it back`},
		{"Campaign - (.*", "x", "", "must be a valid regular expression (missing closing ): `Campaign - (.*`)"},
	}
	for _, tt := range tests {
		t.Run(tt.mask+"/"+tt.group, func(t *testing.T) {
			got, err := ProductProfile(tt.mask, tt.group)
			if got != tt.want || (err == nil) != (tt.wantErr == "") || (err != nil && err.Error() != tt.wantErr) {
				t.Errorf("ProductProfile = %q, %v; want %q, %q", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

// TestProductProfileInvertsGroupName is a property test: over generated
// masks (literal text, escaped, around (.*) or (.+)) and group names,
// GroupName(mask, ProductProfile(mask, g)) == g.
func TestProductProfileInvertsGroupName(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 2026))
	text := func(alphabet string, n int) string {
		var b strings.Builder
		for range n {
			b.WriteByte(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	}
	const printable = "abcXYZ019 -_.+*?()[]{}|^$\\/"
	const nameChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
	for i := range 5000 {
		capture := []string{"(.*)", "(.+)"}[rng.IntN(2)]
		mask := regexp.QuoteMeta(text(printable, rng.IntN(12))) + capture + regexp.QuoteMeta(text(printable, rng.IntN(6)))
		group := text(nameChars, 1+rng.IntN(20))
		profile, err := ProductProfile(mask, group)
		if err != nil {
			t.Fatalf("case %d: ProductProfile(%q, %q): %v", i, mask, group, err)
		}
		if got, ok, err := GroupName(mask, profile); err != nil || !ok || got != group {
			t.Fatalf("case %d: GroupName(%q, %q) = %q, %v, %v; want %q", i, mask, profile, got, ok, err, group)
		}
	}
}
