package adminconsole

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// User is one user of the organization, as Users reads it.
type User struct {
	Email string // as asked
	// Found: the organization has the user (a technical account is never
	// found: UMAPI does not list them).
	Found  bool
	Status string // active, disabled, …
	Type   string // adobeID, enterpriseID, federatedID
	// UserGroups are the user groups the user is a member of.
	UserGroups []string
	// ProductProfiles are the profiles the user holds, directly or through
	// a user group, read from the profiles' member lists (a user group's
	// own profiles cannot be read through UMAPI), of the profiles Users was
	// asked about.
	ProductProfiles []string
}

// Users reads users by email: one get-user request each (UMAPI: 25 a
// minute), and the member list of each product profile that match accepts
// (nil: every profile), read once per client whatever the number of users
// (one request per page of members). The profiles come from the listing
// ProductProfiles shares. A user the organization does not have is
// Found = false, not an error.
func (c *Client) Users(ctx context.Context, emails []string, match func(profile string) bool) ([]User, error) {
	profiles, err := c.ProductProfiles(ctx)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	holders := map[string][]string{} // email (lower case) -> profiles
	for _, p := range profiles {
		if match != nil && !match(p.Name) {
			continue
		}
		members, err := c.membersOf(ctx, p.Name)
		if err != nil {
			return nil, err
		}
		for _, m := range members {
			if !slices.Contains(holders[m], p.Name) {
				holders[m] = append(holders[m], p.Name)
			}
		}
	}
	out := make([]User, 0, len(emails))
	for _, email := range emails {
		u, err := c.user(ctx, email)
		if err != nil {
			return nil, err
		}
		u.ProductProfiles = holders[strings.ToLower(email)]
		if u.ProductProfiles == nil {
			u.ProductProfiles = []string{}
		}
		slices.Sort(u.ProductProfiles)
		out = append(out, u)
	}
	return out, nil
}

type userAnswer struct {
	Result string `json:"result"`
	User   struct {
		Email  string   `json:"email"`
		Status string   `json:"status"`
		Type   string   `json:"type"`
		Groups []string `json:"groups"`
	} `json:"user"`
}

// user is one get-user request. Caller holds mu.
func (c *Client) user(ctx context.Context, email string) (User, error) {
	u := c.cfg.Endpoint + "/v2/usermanagement/organizations/" + url.PathEscape(c.cfg.OrgID) + "/users/" + url.PathEscape(email)
	var a userAnswer
	switch err := c.get(ctx, u, &a); {
	case errors.Is(err, errNotFound):
		return User{Email: email, UserGroups: []string{}}, nil
	case err != nil:
		return User{}, err
	case a.Result != "success":
		return User{}, &UnavailableError{URL: u, Problem: fmt.Sprintf("UMAPI answered result %q", a.Result), Attempts: 1}
	}
	out := User{Email: email, Found: true, Status: a.User.Status, Type: a.User.Type, UserGroups: []string{}}
	for _, g := range a.User.Groups {
		if slices.Contains(c.userGroups, g) {
			out.UserGroups = append(out.UserGroups, g)
		}
	}
	slices.Sort(out.UserGroups)
	return out, nil
}

type usersAnswer struct {
	LastPage bool   `json:"lastPage"`
	Result   string `json:"result"`
	Users    []struct {
		Email string `json:"email"`
	} `json:"users"`
}

// membersOf is the member list of a profile (members through user groups
// included), emails lower-cased, read once per client. A profile gone since
// the listing has none. Caller holds mu.
func (c *Client) membersOf(ctx context.Context, profile string) ([]string, error) {
	if m, ok := c.members[profile]; ok {
		return m, nil
	}
	var members []string
	for page := 0; page < maxPages; page++ {
		u := c.cfg.Endpoint + "/v2/usermanagement/users/" + url.PathEscape(c.cfg.OrgID) + "/" + strconv.Itoa(page) + "/" + url.PathEscape(profile)
		var a usersAnswer
		err := c.get(ctx, u, &a)
		if errors.Is(err, errNotFound) {
			break
		}
		if err != nil {
			return nil, err
		}
		for _, user := range a.Users {
			members = append(members, strings.ToLower(user.Email))
		}
		if a.LastPage {
			break
		}
	}
	if c.members == nil {
		c.members = map[string][]string{}
	}
	c.members[profile] = members
	return members, nil
}
