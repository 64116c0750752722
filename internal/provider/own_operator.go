package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
	"github.com/acc-terraform/terraform-provider-campaign/internal/validate"
)

// Who the provider runs as on an instance, and what it may write: the
// operator of its credential (a native login, or in ims mode the technical
// account of ims.client_id, whose rights come from its product profiles).
// Writing external accounts, operator groups and operators, and installing
// packages, needs the ADMINISTRATION named right (admin) by default
// (CAMPAIGN_API.md); Campaign's exact rule is not public, so a missing
// right is a warning at plan and an explanation of a refused write.

// writeRight is the named right the writes of the provider need by default.
const writeRight = "admin"

// ownOperator is the operator the provider runs as, with its groups by name.
type ownOperator struct {
	campaign.Self
	Groups []string
}

// readOwnOperator reads who the client runs as: the Logon answer (or one
// GetUserInfo with a bearer token) and the group list for the names (one
// query per client, shared with the group resources).
func readOwnOperator(ctx context.Context, client *campaign.Client) (ownOperator, error) {
	self, err := client.Self(ctx)
	if err != nil {
		return ownOperator{}, err
	}
	out := ownOperator{Self: self, Groups: []string{}}
	if len(self.GroupIDs) == 0 {
		return out, nil
	}
	groups, err := client.OperatorGroups(ctx, nil)
	if err != nil {
		return ownOperator{}, err
	}
	for _, g := range groups {
		if slices.Contains(self.GroupIDs, g.ID()) {
			out.Groups = append(out.Groups, g.Name())
		}
	}
	return out, nil
}

// describe names the operator for a message.
func (o ownOperator) describe() string {
	groups, rights := "none", "none"
	if len(o.Groups) > 0 {
		groups = strings.Join(o.Groups, ", ")
	}
	if len(o.Rights) > 0 {
		rights = strings.Join(o.Rights, ", ")
	}
	return fmt.Sprintf("operator %s (authentication %s; groups: %s; named rights: %s)", quote(o.Login), o.Authentication, groups, rights)
}

// howToGrant says which product profile would give the operator a group
// holding right on this instance (through the instance's association
// mask), or how to give it the right otherwise.
func howToGrant(ctx context.Context, client *campaign.Client, o ownOperator, right string) string {
	var holding []string
	if groups, err := client.OperatorGroups(ctx, nil); err == nil {
		for _, g := range groups {
			if slices.Contains(g.List("right"), right) {
				holding = append(holding, g.Name())
			}
		}
	}
	if o.Authentication == "native" || len(holding) == 0 {
		if len(holding) == 0 {
			return fmt.Sprintf("No operator group of the instance holds the %s named right: give it to the operator in the console (Operators > %s > Content tab).", right, o.Login)
		}
		return fmt.Sprintf("Add the operator to a group that holds it (%s), or give it the right in the console.", strings.Join(holding, ", "))
	}
	mask, _ := client.IMSLoginMask(ctx)
	var profiles []string
	for _, g := range holding {
		if p, err := validate.ProductProfile(mask, g); err == nil {
			profiles = append(profiles, fmt.Sprintf("%q (group %s)", p, g))
		}
	}
	if len(profiles) == 0 {
		return fmt.Sprintf("The groups %s hold it; the instance's association mask names no product profile for them.", strings.Join(holding, ", "))
	}
	return "Give the credential's Developer Console project (the technical account) the product profile " + strings.Join(profiles, " or ") +
		": Campaign gives its operator the group at its next call. Until then the provider cannot write on this instance."
}

// ownRightsCheck is whether the provider's own operator was checked for
// the admin right in this process.
type ownRightsCheck struct {
	mu      sync.Mutex
	checked bool
}

// warnOwnRights warns, once per provider process and before any write,
// when the operator the provider runs as holds no admin named right: a
// plan that writes may then be refused by Campaign. It reads that operator
// only where it costs no session of its own: with a bearer token (one
// GetUserInfo, nothing to log off), or with login/password once the process
// has logged on for another reason (the Logon's answer). A plan that only
// creates with login/password is not worth a Logon and a Logoff per
// instance (the Logoff in a row with the other instances' at Terraform's
// exit): there the refused write explains itself (explainRefusedWrite).
func (d *providerData) warnOwnRights(ctx context.Context, diags *diag.Diagnostics) {
	d.ownRights.mu.Lock()
	defer d.ownRights.mu.Unlock()
	if d.ownRights.checked {
		return
	}
	// The rights come with the Logon answer (or the one GetUserInfo of
	// a bearer token): the group names are read only to explain.
	self, ok, err := d.client.SelfWithoutLogon(ctx)
	if !ok {
		return // not known yet: a later plan of this process may tell
	}
	d.ownRights.checked = true
	if err != nil || self.HasRight(writeRight) {
		return // an unreadable operator: the write itself will say
	}
	o, err := readOwnOperator(ctx, d.client)
	if err != nil {
		return
	}
	diags.AddWarning("The provider's operator has no "+writeRight+" right on "+d.client.Endpoint(),
		fmt.Sprintf("The provider runs as %s. Campaign needs the %s named right (ADMINISTRATION) to write external accounts, operator groups "+
			"and operators and to install packages, by default: the writes this plan makes may be refused. %s",
			o.describe(), writeRight, howToGrant(ctx, d.client, o, writeRight)))
}

// missingRightPattern finds the right a refusal names (the emulator's
// text; Campaign's is not public).
var missingRightPattern = regexp.MustCompile(`'([A-Za-z_][A-Za-z0-9_]*)' named right`)

// explainRefusedWrite adds, to a write Campaign refused with a fault, who
// the provider runs as and how to give it the right, when that operator
// lacks it (or lacks admin, when the fault names no right).
func explainRefusedWrite(ctx context.Context, diags *diag.Diagnostics, client *campaign.Client, err error) {
	var f *campaign.Fault
	if !errors.As(err, &f) {
		return
	}
	right := writeRight
	if m := missingRightPattern.FindStringSubmatch(f.Error()); m != nil {
		right = m[1]
	}
	o, rerr := readOwnOperator(ctx, client)
	if rerr != nil || o.HasRight(right) {
		return
	}
	diags.AddError("The provider's operator lacks the "+right+" right on "+client.Endpoint(),
		fmt.Sprintf("Campaign refused the write of the provider, which runs as %s, without the %s named right. %s",
			o.describe(), right, howToGrant(ctx, client, o, right)))
}
