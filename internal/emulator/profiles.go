package emulator

import (
	"slices"
	"strings"
)

// Profile is a known variant of a Campaign build: what it does differently
// from the default. Each comes from a public source, with how sure it is
// (CAMPAIGN_API.md); a client that works against every profile does not rely
// on a guess about the build it meets. A new variant is one more entry of
// Profiles, and the fields it needs.
type Profile struct {
	Name        string
	Description string
	Confidence  string // confirmed, inferred or unknown, with the source
	// AccountTypeLabel is the label of the Adobe Experience Cloud entry of
	// the nms:extAccount type enumeration.
	AccountTypeLabel string
	// MissingAccountAttributes are nms:extAccount attributes this build's
	// schema lacks: Write ignores them, a query that names one fails.
	MissingAccountAttributes []string
	// FaultStatus is the HTTP status of SOAP faults (0: Config.FaultStatus).
	FaultStatus int
	// RouterChecksMethodFirst: the router resolves the method before the
	// session (an unknown method is SOP-330006 whatever the session), and
	// reports session errors as SOP-330007 with the cause in the detail.
	RouterChecksMethodFirst bool
	// LogonRefusedStatus is the HTTP status of a refused Logon, answered as
	// a bare line of text, "XSV-350012 Invalid login or password. Connection
	// denied." (0: a SOAP fault with the status of other faults).
	LogonRefusedStatus int
	// SessionExpiryBare: an expired or unknown session is answered HTTP 401
	// with the bare line "XSV-350008 Session has expired…", not a SOAP fault.
	SessionExpiryBare bool
	// UserInfoWithoutPackages: GetUserInfo lists no installed-package.
	UserInfoWithoutPackages bool
	// SecretHidden: the operator may not read clientSecret (accessibleIf):
	// queries return the account without the attribute.
	SecretHidden bool
	// GroupRightsElsewhere: the xtk:group schema has no <right> collection
	// (a group's named rights live elsewhere on this build): Write ignores
	// <right> children, a query naming [right] fails.
	GroupRightsElsewhere bool
}

// DefaultProfile is the emulator's default build.
const DefaultProfile = "default"

// Profiles lists the known Campaign build variants.
func Profiles() []Profile {
	return []Profile{
		{
			Name: DefaultProfile, Description: "Campaign v8 (8.7): faults with HTTP 500, type labelled \"Adobe Experience Cloud\", every IMS field",
			Confidence: "confirmed (SDK issue 112: fault with HTTP 500 on 8.6.3)", AccountTypeLabel: "Adobe Experience Cloud",
		},
		{
			Name: "v7-marketing-cloud", Description: "an older v7 build: type labelled \"Adobe Marketing Cloud\", no Product context field",
			Confidence:       "inferred (IMS troubleshooting names the type \"Adobe Marketing Cloud\"; Configuring IMS: Product context only on recent builds)",
			AccountTypeLabel: "Adobe Marketing Cloud", MissingAccountAttributes: []string{"productContext"},
		},
		{
			Name: "hosted-7.4", Description: "hosted 7.4: faults with HTTP 200, a refused Logon with HTTP 403 and the bare text line XSV-350012",
			Confidence: "confirmed for the refused Logon (a third-party probe of a hosted 7.4.3); inferred, weakly, for the faults with HTTP 200", AccountTypeLabel: "Adobe Experience Cloud",
			FaultStatus: 200, LogonRefusedStatus: 403,
		},
		{
			Name: "router-order", Description: "method resolved before the session: unknown method SOP-330006 whatever the session; expired session SOP-330007 with XSV-350008 in the detail; expired IMS token SOP-330007 with XSV-350114 (HTTP 500)",
			Confidence: "inferred (Message Center docs and SDK issue 108 show SOP-330007 wrapping the cause)", AccountTypeLabel: "Adobe Experience Cloud",
			RouterChecksMethodFirst: true,
		},
		{
			Name: "bare-session-expiry", Description: "an expired session answered HTTP 401 with the bare text line XSV-350008, not a SOAP fault",
			Confidence:       "inferred (Adobe's SDK looks for XSV-350008 in any failed answer, bare text included, and retries on 401; the real envelope and status are unknown)",
			AccountTypeLabel: "Adobe Experience Cloud", SessionExpiryBare: true,
		},
		{
			Name: "bearer-no-packages", Description: "GetUserInfo without installed-package (the package list comes from xtk:package)",
			Confidence: "inferred (SDK docs: the package list is not available with a bearer token)", AccountTypeLabel: "Adobe Experience Cloud",
			UserInfoWithoutPackages: true,
		},
		{
			Name: "restricted-secret", Description: "the operator may not read clientSecret: queries return accounts without it",
			Confidence: "confirmed that the restriction exists (Privacy: accessibleIf on clientSecret)", AccountTypeLabel: "Adobe Experience Cloud",
			SecretHidden: true,
		},
		{
			Name: "no-association-mask", Description: "a schema without imsRightsMask (Association mask): the attribute name is inferred, so a build may differ",
			Confidence: "unknown (a test of the provider's schema check)", AccountTypeLabel: "Adobe Experience Cloud",
			MissingAccountAttributes: []string{"imsRightsMask"},
		},
		{
			Name: "rights-elsewhere", Description: "an xtk:group schema without the <right> collection the provider writes named rights to (where a group's named rights live is not public)",
			Confidence: "unknown (a test of the provider's schema check of groups)", AccountTypeLabel: "Adobe Experience Cloud",
			GroupRightsElsewhere: true,
		},
	}
}

// ProfileNamed finds a profile by name.
func ProfileNamed(name string) (Profile, bool) {
	for _, p := range Profiles() {
		if p.Name == name {
			return p, true
		}
	}
	return Profile{}, false
}

// ProfileNames lists the profile names, for messages.
func ProfileNames() string {
	var names []string
	for _, p := range Profiles() {
		names = append(names, p.Name)
	}
	return strings.Join(names, ", ")
}

func (p Profile) lacks(attr string) bool { return slices.Contains(p.MissingAccountAttributes, attr) }
