package campaign

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// InstalledPackages lists the installed packages ("namespace:name", sorted).
// With a Logon session the list comes from the Logon answer (no extra call);
// with a bearer token from one GetUserInfo. The list is kept until an install.
func (c *Client) InstalledPackages(ctx context.Context) ([]string, error) {
	c.pkgMu.Lock()
	defer c.pkgMu.Unlock()
	if c.packages != nil {
		return slices.Clone(c.packages), nil
	}
	s, err := c.session(ctx)
	if err != nil {
		return nil, err
	}
	if s.info != nil {
		c.packages = packagesOf(s.info.Child("userInfo"))
		return slices.Clone(c.packages), nil
	}
	if err := c.refreshPackages(ctx); err != nil {
		return nil, err
	}
	return slices.Clone(c.packages), nil
}

// refreshPackages reads the list from GetUserInfo, or, on builds whose
// GetUserInfo lists no package (bearer sessions may not carry them), from
// the xtk:package table. Caller holds pkgMu.
func (c *Client) refreshPackages(ctx context.Context) error {
	resp, err := c.call(ctx, soap.Request{Service: "xtk:session", Method: "GetUserInfo"}, callOptions{})
	if err != nil {
		return err
	}
	ui, err := resp.Element(0)
	if err != nil {
		return err
	}
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

// InstanceInfo is what /r/test tells about an instance (anonymous, not SOAP).
type InstanceInfo struct {
	Status   string
	Instance string
	Build    string
	Version  string
}

// Instance reads /r/test.
func (c *Client) Instance(ctx context.Context) (*InstanceInfo, error) {
	ctx, attempts := attemptCounter(ctx)
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodGet, c.endpoint.String()+"/r/test", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	resp, err := c.send(ctx, c.http, req, "GET /r/test", attempts)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if isRedirect(resp) {
		return nil, c.redactRedirect(redirectError("GET /r/test", resp))
	}
	root, err := soap.Parse(resp.Body)
	if resp.StatusCode != http.StatusOK || err != nil || root.Name != "redir" {
		return nil, &HTTPError{Action: "GET /r/test", StatusCode: resp.StatusCode, Status: describeStatus(resp), Attempts: *attempts,
			Body: "the answer is not Campaign's <redir> test document"}
	}
	return &InstanceInfo{
		Status:   root.AttrOr("status", ""),
		Instance: root.AttrOr("instance", ""),
		Build:    root.AttrOr("build", ""),
		Version:  root.AttrOr("version", ""),
	}, nil
}

// OperatorGroup is a Campaign operator group (xtk:group): the association
// mask of the Adobe Experience Cloud account maps Admin Console product
// profiles to groups by internal name.
type OperatorGroup struct {
	Name  string
	Label string
}

// OperatorGroups lists the operator groups, sorted by internal name: one ExecuteQuery.
func (c *Client) OperatorGroups(ctx context.Context) ([]OperatorGroup, error) {
	q := soap.NewElement("queryDef", "schema", "xtk:group", "operation", "select", "xtkschema", "xtk:queryDef").Add(
		soap.NewElement("select").Add(soap.NewElement("node", "expr", "@name"), soap.NewElement("node", "expr", "@label")),
		soap.NewElement("orderBy").Add(soap.NewElement("node", "expr", "@name")),
	)
	out, err := c.queryCollection(ctx, q, "group")
	if err != nil {
		return nil, err
	}
	groups := []OperatorGroup{}
	for _, g := range out {
		groups = append(groups, OperatorGroup{Name: g.AttrOr("name", ""), Label: g.AttrOr("label", "")})
	}
	return groups, nil
}

// queryCollection runs a select queryDef and returns the rows named row.
func (c *Client) queryCollection(ctx context.Context, q *soap.Element, row string) ([]*soap.Element, error) {
	out, err := c.executeQuery(ctx, q)
	if err != nil {
		return nil, err
	}
	return collectionRows(out, "querying "+q.AttrOr("schema", ""), row)
}

// executeQuery is one xtk:queryDef#ExecuteQuery; it returns the output element.
func (c *Client) executeQuery(ctx context.Context, q *soap.Element) (*soap.Element, error) {
	resp, err := c.call(ctx, soap.Request{Service: "xtk:queryDef", Method: "ExecuteQuery",
		Params: []soap.Param{soap.Document("entity", q)}}, callOptions{})
	if err != nil {
		return nil, err
	}
	return resp.Element(0)
}

// collectionRows checks that out is the <row-collection> a select answers
// and returns its rows.
func collectionRows(out *soap.Element, what, row string) ([]*soap.Element, error) {
	if out == nil || out.Name != row+"-collection" {
		return nil, fmt.Errorf("%s: Campaign answered %s where <%s-collection> was expected", what, describeElement(out), row)
	}
	return out.ChildrenNamed(row), nil
}
