package campaign

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// InstalledPackages lists the installed packages ("namespace:name", sorted).
// With a Logon session the list comes from the Logon answer (no extra call);
// with a bearer token from one GetUserInfo, the answer Self reads too. The
// list is kept until an install.
func (c *Client) InstalledPackages(ctx context.Context) ([]string, error) {
	defer c.busy(ctx)()
	c.pkgMu.Lock()
	defer c.pkgMu.Unlock()
	if c.packages != nil {
		return slices.Clone(c.packages), nil
	}
	ui, _, err := c.currentUserInfo(ctx)
	if err != nil {
		return nil, err
	}
	if err := c.packagesFrom(ctx, ui); err != nil {
		return nil, err
	}
	return slices.Clone(c.packages), nil
}

// refreshPackages reads the list from a new GetUserInfo (kept for Self).
// Caller holds pkgMu.
func (c *Client) refreshPackages(ctx context.Context) error {
	ui, err := c.getUserInfo(ctx)
	if err != nil {
		return err
	}
	c.keepUserInfo(ui)
	return c.packagesFrom(ctx, ui)
}

// packagesFrom reads the list from a userInfo, or, on builds whose
// userInfo lists no package (bearer sessions may not carry them), from the
// xtk:package table. Caller holds pkgMu.
func (c *Client) packagesFrom(ctx context.Context, ui *soap.Element) error {
	if c.packages = packagesOf(ui); len(c.packages) > 0 {
		return nil
	}
	q := soap.NewElement("queryDef", "schema", "xtk:package", "operation", "select", "xtkschema", "xtk:queryDef").Add(
		soap.NewElement("select").Add(soap.NewElement("node", "expr", "@namespace"), soap.NewElement("node", "expr", "@name")))
	rows, err := c.queryCollection(ctx, q, "package")
	if err != nil {
		return fmt.Errorf("GetUserInfo listed no installed package, and reading xtk:package failed: %w", err)
	}
	for _, p := range rows {
		c.packages = append(c.packages, p.AttrOr("namespace", "")+":"+p.AttrOr("name", ""))
	}
	slices.Sort(c.packages)
	return nil
}

func packagesOf(userInfo *soap.Element) []string {
	out := []string{}
	for _, p := range userInfo.ChildrenNamed("installed-package") {
		out = append(out, p.AttrOr("namespace", "")+":"+p.AttrOr("name", ""))
	}
	slices.Sort(out)
	return out
}

// InstallPackage installs a standard package with xtk:builder#InstallVendorPackages
// (long timeout; not repeated after a lost answer), then checks with a fresh
// GetUserInfo that Campaign lists it as installed.
func (c *Client) InstallPackage(ctx context.Context, id string) error {
	ns, name, ok := strings.Cut(id, ":")
	if !ok {
		return fmt.Errorf("package %q is not of the form namespace:name", id)
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.cfg.InstallTimeout)
		defer cancel()
	}
	params := soap.NewElement("packages").Add(soap.NewElement("package", "namespace", ns, "name", name))
	c.pkgMu.Lock()
	defer c.pkgMu.Unlock()
	c.packages = nil
	if _, err := c.call(ctx, soap.Request{Service: "xtk:builder", Method: "InstallVendorPackages",
		Params: []soap.Param{soap.ElementParam("parameters", params)}}, callOptions{long: true}); err != nil {
		if !OutcomeUnknown(err) {
			return err
		}
		// The answer was lost: the installation may have run. It is never
		// sent twice; the package list settles what happened.
		if rerr := c.refreshPackages(ctx); rerr != nil {
			return &UnknownOutcomeError{What: "the installation of package " + id, Err: err, ReadErr: rerr}
		}
		if !slices.Contains(c.packages, id) {
			return &NotWrittenError{What: "the installation of package " + id, Err: err}
		}
		c.cfg.Logger.Warn(ctx, "the answer to InstallVendorPackages was lost; Campaign lists the package as installed", map[string]any{"package": id})
		return nil
	}
	if err := c.refreshPackages(ctx); err != nil {
		return fmt.Errorf("package %s: installation answered, but checking it failed: %w", id, err)
	}
	if !slices.Contains(c.packages, id) {
		return fmt.Errorf("package %s: installation answered, but Campaign does not list it as installed", id)
	}
	return nil
}
