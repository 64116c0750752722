// Package validate holds the rules that Campaign values must follow, as pure
// functions. The provider's schema validators, its ValidateConfig checks and
// its functions all call these, so a rule is written once.
//
// Each rule returns nil or an error that says what is expected (starting with
// "must"); callers add which attribute and which value failed. Each has a
// constant <Rule>Accepts that describes what it accepts, for the docs.
package validate

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"
)

// HTTPSURL accepts an absolute https:// URL with a host and no user info,
// query or fragment: the form Campaign needs for the callback server, the IMS
// server and the Experience Cloud server (an http:// callback breaks Adobe ID login).
func HTTPSURL(raw string) error {
	if err := XMLText(raw); err != nil {
		return err
	}
	u, err := url.Parse(raw)
	if err != nil || raw != strings.TrimSpace(raw) {
		return errors.New("must be an absolute https:// URL, e.g. https://campaign.example.com")
	}
	if u.Scheme != "https" {
		return errors.New("must use the https:// scheme (Adobe ID login refuses anything else), e.g. https://campaign.example.com")
	}
	if u.Host == "" || u.Hostname() == "" || u.Opaque != "" {
		return errors.New("must name a host, e.g. https://campaign.example.com")
	}
	if u.User != nil {
		return errors.New("must not carry a user name or password")
	}
	if u.RawQuery != "" || u.ForceQuery {
		return errors.New("must not have a query string (?…)")
	}
	if u.Fragment != "" || strings.Contains(raw, "#") {
		return errors.New("must not have a fragment (#…)")
	}
	return nil
}

// Endpoint accepts the base URL of a Campaign instance: https://, or http://
// for a loopback host only (a local emulator or tunnel), and no path: the
// client adds Campaign's paths (/nl/jsp/soaprouter.jsp, /r/test) itself, so
// a pasted path would only answer 404.
func Endpoint(raw string) error {
	return serviceURL(raw, "the absolute URL of the Campaign instance", "https://acme-mkt-prod1.campaign.adobe.com", false)
}

// UMAPIEndpoint accepts the base URL of Adobe's User Management API, as
// Endpoint does (the client adds /v2/usermanagement/…).
func UMAPIEndpoint(raw string) error {
	return serviceURL(raw, "the base URL of the User Management API", "https://usermanagement.adobe.io", false)
}

// TokenURL accepts the URL of an IMS token endpoint: https:// (http:// for
// a loopback host only), with its path, without user info, query or fragment.
func TokenURL(raw string) error {
	return serviceURL(raw, "the URL of the IMS token endpoint", "https://ims-na1.adobelogin.com/ims/token/v3", true)
}

func serviceURL(raw, what, example string, withPath bool) error {
	if err := XMLText(raw); err != nil {
		return err
	}
	u, err := url.Parse(raw)
	if err != nil || raw == "" || u.Host == "" || u.Hostname() == "" {
		return fmt.Errorf("must be %s, e.g. %s", what, example)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return errors.New("must be a plain URL, without user info, query or fragment")
	}
	if !withPath && strings.Trim(u.EscapedPath(), "/") != "" {
		return fmt.Errorf("must be %s without a path: remove %q (the provider adds the paths it calls), e.g. %s", what, u.EscapedPath(), example)
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if IsLoopback(u.Hostname()) {
			return nil
		}
		return errors.New("must use https:// (http:// is accepted only for a loopback host such as 127.0.0.1, where nothing crosses a network)")
	default:
		return errors.New("must use the https:// scheme")
	}
}

// IsLoopback reports whether host is localhost or a loopback address.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// MatchingMask accepts a regular expression with exactly one capturing group:
// Campaign maps an Admin Console product profile whose name matches the mask
// to the operator group whose internal name is that group's text, e.g.
// "Campaign - acme - (.*)". Use (?:…) for any other grouping.
func MatchingMask(mask string) error {
	_, err := compileValidMask(mask)
	return err
}

// compileValidMask is the mask compiled for matching, once it passes MatchingMask.
func compileValidMask(mask string) (*regexp.Regexp, error) {
	re, err := compileMask(mask)
	if err != nil {
		return nil, err
	}
	if n := re.NumSubexp(); n != 1 {
		return nil, fmt.Errorf("must have exactly one capturing group, the part that gives the Campaign operator group's internal name (found %d), e.g. Campaign - acme - (.*); write other groups as (?:…)", n)
	}
	return re, nil
}

func compileMask(mask string) (*regexp.Regexp, error) {
	if strings.TrimSpace(mask) == "" {
		return nil, errors.New("must be a regular expression with one capturing group, e.g. Campaign - acme - (.*)")
	}
	// Compiled alone first, so that the error quotes the user's mask only.
	if _, err := regexp.Compile(mask); err != nil {
		return nil, fmt.Errorf("must be a valid regular expression (%s)", strings.TrimPrefix(err.Error(), "error parsing regexp: "))
	}
	// Campaign matches the whole product profile name.
	return regexp.MustCompile(`^(?:` + mask + `)$`), nil
}

// GroupName applies a matching mask to an Admin Console product profile name.
// It returns the Campaign operator group internal name and true when the
// profile matches the whole mask, or false when it does not.
func GroupName(mask, profile string) (string, bool, error) {
	match, err := MaskMatcher(mask)
	if err != nil {
		return "", false, err
	}
	group, ok := match(profile)
	return group, ok, nil
}

// MaskMatcher is GroupName for one mask, compiled once for many profiles.
func MaskMatcher(mask string) (func(profile string) (group string, ok bool), error) {
	re, err := compileValidMask(mask)
	if err != nil {
		return nil, err
	}
	return func(profile string) (string, bool) {
		m := re.FindStringSubmatch(profile)
		if m == nil {
			return "", false
		}
		return m[1], true
	}, nil
}

// ProductProfile inverts a matching mask: the Admin Console product-profile
// name that mask maps to the operator group group, so that
// GroupName(mask, ProductProfile(mask, group)) is group. Only a mask made of
// literal text around a (.*) or (.+) capture can be inverted; anything else
// (another capture, regular-expression syntax outside it) names no single
// profile, and is an error that says why.
func ProductProfile(mask, group string) (string, error) {
	if err := MatchingMask(mask); err != nil {
		return "", err
	}
	re, err := syntax.Parse(mask, syntax.Perl)
	if err != nil {
		return "", fmt.Errorf("must be a valid regular expression: %w", err)
	}
	parts := []*syntax.Regexp{re}
	if re.Op == syntax.OpConcat {
		parts = re.Sub
	}
	var prefix, suffix strings.Builder
	seen := false
	for _, p := range parts {
		switch p.Op {
		case syntax.OpLiteral:
			out := &prefix
			if seen {
				out = &suffix
			}
			out.WriteString(string(p.Rune))
		case syntax.OpBeginText, syntax.OpEndText, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpEmptyMatch:
			// anchors: Campaign matches the whole name anyway
		case syntax.OpCapture:
			sub := p.Sub[0]
			if (sub.Op != syntax.OpStar && sub.Op != syntax.OpPlus) || (sub.Sub[0].Op != syntax.OpAnyCharNotNL && sub.Sub[0].Op != syntax.OpAnyChar) {
				return "", fmt.Errorf("cannot be inverted: its capturing group is (%s), not (.*) or (.+), so several product-profile names would map to one group", sub)
			}
			seen = true
		default:
			return "", errors.New("cannot be inverted: it has regular-expression syntax outside its capturing group (an alternative, a class, a repetition…), " +
				"so no single product-profile name follows from it; write the text around (.*) literally, e.g. Campaign - acme - (.*)")
		}
	}
	profile := prefix.String() + group + suffix.String()
	if got, ok, _ := GroupName(mask, profile); !ok || got != group {
		return "", fmt.Errorf("maps no product profile to the group %q: %q would not match it back", group, profile)
	}
	return profile, nil
}

// MaskForTenant is the conventional matching mask of a tenant:
// "Campaign - <tenant> - (.*)", the tenant escaped so that it matches itself only.
func MaskForTenant(tenant string) (string, error) {
	if strings.TrimSpace(tenant) == "" {
		return "", errors.New("must be a non-empty tenant name, e.g. acme")
	}
	if err := PrintableText(tenant); err != nil {
		return "", err
	}
	return "Campaign - " + regexp.QuoteMeta(tenant) + " - (.*)", nil
}

var imsOrgIDPattern = regexp.MustCompile(`^[A-Za-z0-9]+@AdobeOrg$`)

// IMSOrgID accepts an IMS organization id: letters and digits ending in
// "@AdobeOrg", as shown in Experience Cloud > Administration.
func IMSOrgID(v string) error {
	if !imsOrgIDPattern.MatchString(v) {
		return errors.New("must be an IMS organization ID: letters and digits followed by @AdobeOrg, e.g. 0123456789ABCDEF01234567@AdobeOrg")
	}
	return nil
}

var internalNamePattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// MaxInternalNameLength is the length of nms:extAccount/@name.
const MaxInternalNameLength = 64

// InternalName accepts a Campaign internal name: a letter or underscore, then
// letters, digits and underscores, at most 64 characters.
func InternalName(v string) error {
	if !internalNamePattern.MatchString(v) || len(v) > MaxInternalNameLength {
		return fmt.Errorf("must be a Campaign internal name: a letter or _ followed by letters, digits or _, at most %d characters", MaxInternalNameLength)
	}
	return nil
}

var operatorLoginPattern = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.+@-]*$`)

// MaxOperatorLoginLength bounds an operator's login (Campaign's column
// length is not public; a technical account's email is 43 characters).
const MaxOperatorLoginLength = 128

// OperatorLogin accepts an operator's login: an internal name, or an email
// such as a technical account's (…@techacct.adobe.com): letters, digits
// and _ . + @ -, at most 128 characters.
func OperatorLogin(v string) error {
	if !operatorLoginPattern.MatchString(v) || len(v) > MaxOperatorLoginLength {
		return fmt.Errorf("must be an operator login: an internal name or an email such as 3A7F4C2B9E1D8A6F5C3B2E1D@techacct.adobe.com "+
			"(letters, digits and _ . + @ -, at most %d characters)", MaxOperatorLoginLength)
	}
	return nil
}

var packageNamePattern = regexp.MustCompile(`^[a-z][A-Za-z0-9]*:[A-Za-z][A-Za-z0-9_]*$`)

// PackageName accepts a package identifier "namespace:name", e.g. nms:campaign.
func PackageName(v string) error {
	if !packageNamePattern.MatchString(v) {
		return errors.New("must be a package identifier namespace:name, e.g. nms:campaign")
	}
	return nil
}

// Scope accepts one IMS scope: no comma (scopes are stored comma-separated)
// and no whitespace.
func Scope(v string) error {
	if v == "" || strings.ContainsFunc(v, func(r rune) bool { return r == ',' || unicode.IsSpace(r) || !unicode.IsPrint(r) }) {
		return errors.New("must be one IMS scope, without commas or spaces, e.g. openid")
	}
	return nil
}

// PrintableText accepts text that Campaign stores and returns unchanged
// on one line: valid UTF-8 without control characters (XML 1.0 cannot
// carry most of them; tabs and line breaks do not belong in a label).
func PrintableText(v string) error {
	if err := XMLText(v); err != nil {
		return err
	}
	if i, r, found := firstRune(v, func(r rune) bool { return unicode.IsControl(r) || r == '\uFFFD' }); found {
		return fmt.Errorf("must be printable text on one line, without control characters such as tabs or line breaks: %s", at(i, r))
	}
	return nil
}

// XMLText accepts text that an XML 1.0 document can carry, so that it
// reaches Campaign as written: valid UTF-8 of the characters XML 1.0
// allows (tabs and line breaks, not the other control characters, which an
// XML writer replaces and Campaign would store changed). Every string rule
// of the provider runs it first (the schema validators), and free text
// without a rule of its own (a description) has it alone.
func XMLText(v string) error {
	if i, r, found := firstRune(v, func(r rune) bool { return !isXMLChar(r) }); found {
		return fmt.Errorf("must hold only characters that XML 1.0 can carry (Campaign's SOAP API is XML): %s cannot be sent", at(i, r))
	}
	return nil
}

// isXMLChar is XML 1.0's Char production.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || (r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// firstRune finds the first rune of v (invalid UTF-8 included, as
// utf8.RuneError) for which bad is true: its position, counted in
// characters from 1, and the rune.
func firstRune(v string, bad func(rune) bool) (int, rune, bool) {
	pos := 0
	for i := 0; i < len(v); {
		r, size := utf8.DecodeRuneInString(v[i:])
		pos++
		if (r == utf8.RuneError && size == 1) || bad(r) {
			if r == utf8.RuneError && size == 1 {
				return pos, -1, true
			}
			return pos, r, true
		}
		i += size
	}
	return 0, 0, false
}

// at names a character and its position for an error: "U+0007 (a control
// character) at character 4".
func at(pos int, r rune) string {
	switch {
	case r < 0:
		return fmt.Sprintf("a byte that is not UTF-8 at character %d", pos)
	case unicode.IsControl(r):
		return fmt.Sprintf("U+%04X (a control character) at character %d", r, pos)
	}
	return fmt.Sprintf("U+%04X at character %d", r, pos)
}

// What each rule accepts, in words (schema validators show it in the docs).
const (
	HTTPSURLAccepts      = "an absolute https:// URL with a host, without user info, query or fragment"
	EndpointAccepts      = "the https:// base URL of the instance (http:// only for a loopback host), without path, user info, query or fragment"
	UMAPIEndpointAccepts = "the https:// base URL of the User Management API (http:// only for a loopback host), without path, user info, query or fragment"
	TokenURLAccepts      = "the https:// URL of the IMS token endpoint (http:// only for a loopback host), without user info, query or fragment"
	MatchingMaskAccepts  = "a regular expression with exactly one capturing group, which gives the operator group's internal name; other groups written (?:…)"
	IMSOrgIDAccepts      = "letters and digits followed by @AdobeOrg"
	InternalNameAccepts  = "a letter or _, then letters, digits or _, at most 64 characters"
	PackageNameAccepts   = "a package identifier namespace:name"
	OperatorLoginAccepts = "an operator login: an internal name or an email, letters, digits and _ . + @ -"
	ScopeAccepts         = "one IMS scope, without commas or spaces"
	PrintableTextAccepts = "printable text on one line, without control characters"
	XMLTextAccepts       = "text that XML 1.0 can carry: line breaks and tabs, no other control character"
)
