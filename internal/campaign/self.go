package campaign

import (
	"context"
	"slices"

	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// Self is the operator the client runs as on the instance, as Campaign
// describes it in userInfo: the Logon answer's (no extra call), or one
// xtk:session#GetUserInfo with a bearer token (shared with the package
// list, which comes from the same answer).
type Self struct {
	Login string
	// Label is the operator's label, from loginCS ("Label (login)").
	Label string
	// Authentication is how the client authenticates: "native" (Logon) or
	// "ims" (an IMS access token).
	Authentication string
	// GroupIDs are the @id of its operator groups (login-group).
	GroupIDs []string
	// Rights are its named rights, its own and its groups' (login-right).
	Rights []string
}

// HasRight reports whether the operator holds a named right.
func (s Self) HasRight(name string) bool { return slices.Contains(s.Rights, name) }

// Self says who the client runs as (once per client: the Logon's answer,
// or one GetUserInfo, kept until a package installation).
func (c *Client) Self(ctx context.Context) (Self, error) {
	defer c.busy(ctx)()
	ui, native, err := c.currentUserInfo(ctx)
	if err != nil {
		return Self{}, err
	}
	out := Self{Login: ui.AttrOr("login", ""), Authentication: "ims"}
	if native {
		out.Authentication = "native"
	}
	if cs := ui.AttrOr("loginCS", ""); cs != "" {
		out.Label = cs
		if suffix := " (" + out.Login + ")"; len(cs) > len(suffix) && cs[len(cs)-len(suffix):] == suffix {
			out.Label = cs[:len(cs)-len(suffix)]
		}
	}
	for _, g := range ui.ChildrenNamed("login-group") {
		out.GroupIDs = append(out.GroupIDs, g.AttrOr("id", ""))
	}
	for _, r := range ui.ChildrenNamed("login-right") {
		out.Rights = append(out.Rights, r.AttrOr("right", ""))
	}
	slices.Sort(out.Rights)
	return out, nil
}

// SelfWithoutLogon is Self when telling costs no session of its own: with
// a bearer token (one GetUserInfo, nothing to log off), or with
// login/password once a session is open (its Logon's answer). ok is false
// when only a Logon, and so a Logoff, would tell.
func (c *Client) SelfWithoutLogon(ctx context.Context) (self Self, ok bool, err error) {
	if c.authMethod.mode == AuthPassword {
		c.auth.mu.Lock()
		open := c.auth.current != nil
		c.auth.mu.Unlock()
		if !open {
			return Self{}, false, nil
		}
	}
	self, err = c.Self(ctx)
	return self, true, err
}

// currentUserInfo is the userInfo of the session: the Logon answer's
// (native), or the kept answer of one GetUserInfo.
func (c *Client) currentUserInfo(ctx context.Context) (ui *soap.Element, native bool, err error) {
	s, err := c.session(ctx)
	if err != nil {
		return nil, false, err
	}
	if s.info != nil {
		return s.info.Child("userInfo"), true, nil
	}
	c.selfMu.Lock()
	defer c.selfMu.Unlock()
	if c.userInfo != nil {
		return c.userInfo, false, nil
	}
	ui, err = c.getUserInfo(ctx)
	if err != nil {
		return nil, false, err
	}
	c.userInfo = ui
	return ui, false, nil
}

// getUserInfo is one xtk:session#GetUserInfo.
func (c *Client) getUserInfo(ctx context.Context) (*soap.Element, error) {
	resp, err := c.call(ctx, soap.Request{Service: "xtk:session", Method: "GetUserInfo"}, callOptions{})
	if err != nil {
		return nil, err
	}
	return resp.Element(0)
}

// keepUserInfo replaces the kept GetUserInfo answer (after an install,
// the package list it carries changed).
func (c *Client) keepUserInfo(ui *soap.Element) {
	c.selfMu.Lock()
	defer c.selfMu.Unlock()
	c.userInfo = ui
}
