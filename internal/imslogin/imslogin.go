// Package imslogin is what Campaign does at an Adobe ID (IMS) login, as its
// documentation describes it: the association mask of the Adobe Experience
// Cloud account maps each of the user's Admin Console product profiles to
// the operator group its capture names; the operator becomes a member of
// each existing one and gets their named rights; a profile of the instance
// (one the mask matches) or a named right whose name contains "admin" opens
// the Campaign Control Panel; when no
// profile maps to a group, the login is refused with "Login does not have
// any right matching the expression".
//
// It is the one mapping of the project: the emulator's simulated login and
// a technical account's first call go through it, and the provider's
// campaign_ims_login predicts a login with it, so the two cannot disagree.
// What Campaign's docs leave open (the regular expression's flavour, case,
// whether a capture may name a named right) is decided here, once, and
// said in the reasons: the whole name must match, case-sensitive, Go's
// regular expressions; a capture that names a group in another case, or a
// named right, admits nothing and says so. No Terraform imports.
package imslogin

import (
	"fmt"
	"slices"
	"strings"

	"github.com/acc-terraform/terraform-provider-campaign/internal/validate"
)

// ErrNoMatchingRight is Campaign's message for a login whose profiles map
// to no operator group (IMS troubleshooting guide).
const ErrNoMatchingRight = "Login does not have any right matching the expression"

// Group is an operator group of the instance and its named rights.
type Group struct {
	Name        string
	NamedRights []string
}

// Instance is what a login depends on: the account's association mask
// ("" when the instance has no Adobe Experience Cloud account or no mask),
// the operator groups, and the named rights the instance defines.
type Instance struct {
	Mask        string
	Groups      []Group
	NamedRights []string
}

// Profile is what one product profile does at the login.
type Profile struct {
	Name string
	// Matches: the mask matches the whole name.
	Matches bool
	// Capture is the mask's capture ("" without a match).
	Capture string
	// Group is the operator group it gives ("" when none).
	Group string
	// Note says why a matching profile gives no group ("" when it does).
	Note string
}

// Outcome is what Campaign does at the login.
type Outcome struct {
	Admitted     bool
	Groups       []string // sorted
	NamedRights  []string // the union of the groups' named rights, sorted
	ControlPanel bool
	Profiles     []Profile // in the order given
	// Reason explains a refusal: the profiles, the mask, and what to
	// create or rename ("" when admitted).
	Reason string
}

// Login is what Campaign does at the login of a user holding profiles.
func Login(in Instance, profiles []string) Outcome {
	out := Outcome{Groups: []string{}, NamedRights: []string{}, Profiles: []Profile{}}
	match, err := validate.MaskMatcher(in.Mask)
	if in.Mask == "" || err != nil {
		for _, p := range profiles {
			out.Profiles = append(out.Profiles, Profile{Name: p})
		}
		why := "the instance has no Adobe Experience Cloud account with an association mask"
		if in.Mask != "" {
			why = fmt.Sprintf("the association mask %q %v", in.Mask, err)
		}
		out.Reason = fmt.Sprintf("%s: %s, so no product profile maps to an operator group.", ErrNoMatchingRight, why)
		return out
	}
	for _, p := range profiles {
		pr := profileOutcome(in, match, p)
		if pr.Matches && strings.Contains(strings.ToLower(p), "admin") {
			out.ControlPanel = true
		}
		if pr.Group != "" && !slices.Contains(out.Groups, pr.Group) {
			out.Groups = append(out.Groups, pr.Group)
			out.NamedRights = append(out.NamedRights, in.group(pr.Group).NamedRights...)
		}
		out.Profiles = append(out.Profiles, pr)
	}
	slices.Sort(out.Groups)
	out.NamedRights = slices.Compact(slices.Sorted(slices.Values(out.NamedRights)))
	for _, r := range out.NamedRights {
		if strings.Contains(strings.ToLower(r), "admin") {
			out.ControlPanel = true
		}
	}
	out.Admitted = len(out.Groups) > 0
	if !out.Admitted {
		out.Reason = refusal(in, profiles, out.Profiles)
	}
	return out
}

func profileOutcome(in Instance, match func(string) (string, bool), name string) Profile {
	capture, ok := match(name)
	pr := Profile{Name: name, Matches: ok, Capture: capture}
	switch {
	case !ok:
	case in.hasGroup(capture):
		pr.Group = capture
	case in.groupIgnoringCase(capture) != "":
		pr.Note = fmt.Sprintf("its capture %q names no operator group; the group %q differs only in case (the provider and the emulator match case exactly: "+
			"whether Campaign ignores case is not documented)", capture, in.groupIgnoringCase(capture))
	case slices.Contains(in.NamedRights, capture):
		pr.Note = fmt.Sprintf("its capture %q names a named right, not an operator group (whether Campaign grants a named right through the mask is not documented)", capture)
	default:
		pr.Note = fmt.Sprintf("its capture %q names no operator group of the instance", capture)
	}
	return pr
}

// refusal says why no profile gave a group, and what to create or rename.
func refusal(in Instance, profiles []string, outcomes []Profile) string {
	if len(profiles) == 0 {
		return fmt.Sprintf("%s: the user holds no product profile. Give them a product profile that the mask %q maps to an operator group, e.g. %s.",
			ErrNoMatchingRight, in.Mask, in.exampleProfile())
	}
	var parts []string
	for _, p := range outcomes {
		if !p.Matches {
			parts = append(parts, fmt.Sprintf("%q does not match the mask", p.Name))
			continue
		}
		parts = append(parts, fmt.Sprintf("%q: %s", p.Name, p.Note))
	}
	return fmt.Sprintf("%s: no product profile of the user maps to an operator group through the mask %q (%s). Create the operator group the capture names "+
		"(or rename it to the exact capture), or give the user a product profile that maps to an existing group, e.g. %s.",
		ErrNoMatchingRight, in.Mask, strings.Join(parts, "; "), in.exampleProfile())
}

// exampleProfile names a product profile that maps to an existing group.
func (in Instance) exampleProfile() string {
	for _, g := range in.Groups {
		if p, err := validate.ProductProfile(in.Mask, g.Name); err == nil {
			return fmt.Sprintf("%q (group %s)", p, g.Name)
		}
	}
	return "one named after the mask and an existing group's internal name"
}

func (in Instance) group(name string) Group {
	for _, g := range in.Groups {
		if g.Name == name {
			return g
		}
	}
	return Group{}
}

func (in Instance) hasGroup(name string) bool {
	return slices.ContainsFunc(in.Groups, func(g Group) bool { return g.Name == name })
}

func (in Instance) groupIgnoringCase(name string) string {
	for _, g := range in.Groups {
		if strings.EqualFold(g.Name, name) {
			return g.Name
		}
	}
	return ""
}
