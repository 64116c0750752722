package adobe

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// The organization: its product profiles, user groups and technical
// accounts, and who holds which profile.

// ProductProfile is a product profile and the users assigned to it directly.
type ProductProfile struct {
	Name    string
	Product string // default CampaignProduct
	Members []string
}

// UserGroup holds users and gives them its product profiles.
type UserGroup struct {
	Name     string
	Profiles []string
	Members  []string
}

// TechnicalAccount is the technical account of an OAuth server-to-server
// credential (a Developer Console project) and the product profiles the
// project was given. IMS issues its tokens; its principal is an email
// derived from the client id (TechnicalAccountEmail).
type TechnicalAccount struct {
	ClientID, ClientSecret string
	Profiles               []string
}

// Email is the technical account's email, its Campaign operator's login.
func (ta TechnicalAccount) Email() string { return TechnicalAccountEmail(ta.ClientID) }

// TechnicalAccountEmail is the email the emulator gives the technical
// account of a client id: 24 hexadecimal digits @techacct.adobe.com, the
// form of real technical accounts (how Adobe derives them is not public:
// emulator-specific).
func TechnicalAccountEmail(clientID string) string {
	sum := sha256.Sum256([]byte(clientID))
	return strings.ToUpper(hex.EncodeToString(sum[:12])) + "@techacct.adobe.com"
}

// technicalAccount finds the technical account of a client id.
func (e *Emulator) technicalAccount(clientID string) (TechnicalAccount, bool) {
	i := slices.IndexFunc(e.cfg.TechnicalAccounts, func(ta TechnicalAccount) bool { return ta.ClientID == clientID })
	if i < 0 {
		return TechnicalAccount{}, false
	}
	return e.cfg.TechnicalAccounts[i], true
}

// group is one entry of the groups list, as UMAPI documents it.
type group struct {
	GroupID        int64  `json:"groupId"`
	GroupName      string `json:"groupName"`
	Type           string `json:"type"`
	ProductName    string `json:"productName,omitempty"`
	LicenseQuota   string `json:"licenseQuota,omitempty"`
	AdminGroupName string `json:"adminGroupName,omitempty"`
	MemberCount    int    `json:"memberCount"`
}

// listing is every group of the organization, in a stable order: the
// profiles, the user groups, then the organization's admin groups (which a
// client must not take for profiles). A profile's member count includes
// the technical accounts that hold it.
func (e *Emulator) listing() []group {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []group
	for i, p := range e.profiles {
		members := len(e.membersOf(p.Name, false))
		for _, ta := range e.cfg.TechnicalAccounts {
			if slices.Contains(ta.Profiles, p.Name) {
				members++
			}
		}
		out = append(out, group{GroupID: int64(1000 + i), GroupName: p.Name, Type: "PRODUCT_PROFILE", ProductName: p.Product,
			LicenseQuota: "UNLIMITED", MemberCount: members})
	}
	for i, g := range e.groups {
		out = append(out, group{GroupID: int64(2000 + i), GroupName: g.Name, Type: "USER_GROUP",
			AdminGroupName: "_admin_" + g.Name, MemberCount: len(g.Members)})
	}
	out = append(out,
		group{GroupID: 3000, GroupName: "_org_admin", Type: "SYSADMIN_GROUP", MemberCount: 1},
		group{GroupID: 3001, GroupName: "_product_admin_" + CampaignProduct, Type: "PRODUCT_ADMIN_GROUP", MemberCount: 1})
	return out
}

// membersOf lists the users of a profile, through user groups too unless
// directOnly, or the members of a user group. Technical accounts are never
// listed among users (UMAPI excludes them). Caller holds mu.
func (e *Emulator) membersOf(name string, directOnly bool) []string {
	var out []string
	add := func(users []string) {
		for _, u := range users {
			if !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, u) }) {
				out = append(out, u)
			}
		}
	}
	for _, p := range e.profiles {
		if p.Name == name {
			add(p.Members)
		}
	}
	for _, g := range e.groups {
		if (!directOnly && slices.Contains(g.Profiles, name)) || g.Name == name {
			add(g.Members)
		}
	}
	return out
}

// profilesOf lists the product profiles a user holds, directly or through
// a user group (emails compare ignoring case, as UMAPI's). Caller holds mu.
func (e *Emulator) profilesOf(email string) []string {
	out := []string{}
	for _, p := range e.profiles {
		if slices.ContainsFunc(e.membersOf(p.Name, false), func(m string) bool { return strings.EqualFold(m, email) }) {
			out = append(out, p.Name)
		}
	}
	return out
}

// groupsOf lists a user's direct groups, as UMAPI's users answer them:
// the user groups it is a member of and the profiles it holds directly.
// Caller holds mu.
func (e *Emulator) groupsOf(email string) []string {
	var out []string
	for _, g := range e.groups {
		if slices.ContainsFunc(g.Members, func(m string) bool { return strings.EqualFold(m, email) }) {
			out = append(out, g.Name)
		}
	}
	for _, p := range e.profiles {
		if slices.ContainsFunc(p.Members, func(m string) bool { return strings.EqualFold(m, email) }) {
			out = append(out, p.Name)
		}
	}
	return out
}

// userEmail is the organization's spelling of a user's email (a member of
// a profile or a user group; compared ignoring case), and whether there is
// such a user. Caller holds mu.
func (e *Emulator) userEmail(email string) (string, bool) {
	var lists [][]string
	for _, p := range e.profiles {
		lists = append(lists, p.Members)
	}
	for _, g := range e.groups {
		lists = append(lists, g.Members)
	}
	for _, members := range lists {
		if i := slices.IndexFunc(members, func(m string) bool { return strings.EqualFold(m, email) }); i >= 0 {
			return members[i], true
		}
	}
	return email, false
}

// UserProfiles is what IMS hands Campaign about a user at an Adobe ID
// login: the product profiles they hold.
func (e *Emulator) UserProfiles(email string) []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.profilesOf(email)
}

// PutProductProfile creates a product profile, or sets its members, as a
// person would in the Admin Console.
func (e *Emulator) PutProductProfile(p ProductProfile) {
	if p.Product == "" {
		p.Product = CampaignProduct
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if i := slices.IndexFunc(e.profiles, func(q ProductProfile) bool { return q.Name == p.Name }); i >= 0 {
		e.profiles[i] = p
		return
	}
	e.profiles = append(e.profiles, p)
}

// ParseProfileFlag reads -product-profile "NAME=email1,email2".
func ParseProfileFlag(v string) (ProductProfile, error) {
	name, members, _ := strings.Cut(v, "=")
	if name == "" {
		return ProductProfile{}, fmt.Errorf("-product-profile %q: want NAME=email1,email2", v)
	}
	return ProductProfile{Name: name, Members: soap.SplitList(members)}, nil
}

// ParseUserGroupFlag reads -user-group "NAME=profile1,profile2:email1,email2".
func ParseUserGroupFlag(v string) (UserGroup, error) {
	name, rest, ok := strings.Cut(v, "=")
	profiles, members, ok2 := strings.Cut(rest, ":")
	if name == "" || !ok || !ok2 {
		return UserGroup{}, fmt.Errorf("-user-group %q: want NAME=profile1,profile2:email1,email2", v)
	}
	return UserGroup{Name: name, Profiles: soap.SplitList(profiles), Members: soap.SplitList(members)}, nil
}

// ParseTechnicalAccountFlag reads -technical-account
// "CLIENT_ID:CLIENT_SECRET=profile1,profile2".
func ParseTechnicalAccountFlag(v string) (TechnicalAccount, error) {
	cred, profiles, _ := strings.Cut(v, "=")
	id, secret, ok := strings.Cut(cred, ":")
	if id == "" || secret == "" || !ok {
		return TechnicalAccount{}, fmt.Errorf("-technical-account %q: want CLIENT_ID:CLIENT_SECRET=profile1,profile2", v)
	}
	return TechnicalAccount{ClientID: id, ClientSecret: secret, Profiles: soap.SplitList(profiles)}, nil
}
