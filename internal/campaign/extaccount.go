package campaign

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

const schemaExtAccount = "nms:extAccount"

// IMSAccount is the Adobe Experience Cloud external account (nms:extAccount),
// with the attribute names of CAMPAIGN_API.md (inferred, not published).
type IMSAccount struct {
	ID             string   // @id, set by Campaign
	Name           string   // @name, the internal name (unique key)
	Label          string   // @label
	Type           int      // @type, read only: Write always sets the discovered IMS type
	Active         bool     // @active ("Enabled")
	IMSServer      string   // @imsServer
	Scope          []string // @userScope, comma-separated in Campaign
	ClientID       string   // @clientId
	ClientSecret   string   // @clientSecret as stored: encrypted ("@…"), never plaintext
	CallbackServer string   // @callbackServer
	IMSOrgID       string   // @imsOrgId
	MatchingMask   string   // @imsRightsMask ("Association mask")
	ProductContext string   // @productContext
	Server         string   // @server (Experience Cloud server)
	Tenant         string   // @tenant
}

var imsAccountAttributes = []string{
	"id", "name", "label", "type", "active", "imsServer", "userScope", "clientId", "clientSecret",
	"callbackServer", "imsOrgId", "imsRightsMask", "productContext", "server", "tenant",
}

func accountFromElement(e *soap.Element) *IMSAccount {
	a := &IMSAccount{
		ID:             e.AttrOr("id", ""),
		Name:           e.AttrOr("name", ""),
		Label:          e.AttrOr("label", ""),
		IMSServer:      e.AttrOr("imsServer", ""),
		ClientID:       e.AttrOr("clientId", ""),
		ClientSecret:   e.AttrOr("clientSecret", ""),
		CallbackServer: e.AttrOr("callbackServer", ""),
		IMSOrgID:       e.AttrOr("imsOrgId", ""),
		MatchingMask:   e.AttrOr("imsRightsMask", ""),
		ProductContext: e.AttrOr("productContext", ""),
		Server:         e.AttrOr("server", ""),
		Tenant:         e.AttrOr("tenant", ""),
	}
	a.Type, _ = strconv.Atoi(e.AttrOr("type", ""))
	switch strings.ToLower(e.AttrOr("active", "")) {
	case "1", "true":
		a.Active = true
	}
	for _, s := range strings.Split(e.AttrOr("userScope", ""), ",") {
		if s = strings.TrimSpace(s); s != "" {
			a.Scope = append(a.Scope, s)
		}
	}
	return a
}

// accountQuery is an ExecuteQuery of the account attributes, with one condition.
func (c *Client) accountQuery(ctx context.Context, operation, condition string) (*soap.Element, error) {
	sel := soap.NewElement("select")
	for _, a := range imsAccountAttributes {
		sel.Add(soap.NewElement("node", "expr", "@"+a))
	}
	q := soap.NewElement("queryDef", "schema", schemaExtAccount, "operation", operation, "xtkschema", "xtk:queryDef").Add(
		sel,
		soap.NewElement("where").Add(soap.NewElement("condition", "expr", condition)),
	)
	if operation == "select" {
		q.Add(soap.NewElement("orderBy").Add(soap.NewElement("node", "expr", "@name")))
	}
	resp, err := c.call(ctx, soap.Request{Service: "xtk:queryDef", Method: "ExecuteQuery",
		Params: []soap.Param{soap.Document("entity", q)}}, callOptions{})
	if err != nil {
		return nil, err
	}
	return resp.Element(0)
}

// ListIMSAccounts lists every Adobe Experience Cloud account of the instance,
// sorted by internal name: one ExecuteQuery whatever their number (after the
// account type lookup, once per client). More than one breaks Adobe ID login:
// callers report duplicates.
func (c *Client) ListIMSAccounts(ctx context.Context) ([]IMSAccount, error) {
	accountType, err := c.IMSAccountType(ctx)
	if err != nil {
		return nil, err
	}
	out, err := c.accountQuery(ctx, "select", "@type="+strconv.Itoa(accountType))
	if err != nil {
		return nil, err
	}
	if out == nil || out.Name != "extAccount-collection" {
		return nil, fmt.Errorf("listing external accounts: Campaign answered %s where <extAccount-collection> was expected", describeElement(out))
	}
	var accounts []IMSAccount
	for _, e := range out.ChildrenNamed("extAccount") {
		accounts = append(accounts, *accountFromElement(e))
	}
	return accounts, nil
}

// GetIMSAccount reads the external account with that internal name: one
// ExecuteQuery. A missing account is a *NotFoundError.
func (c *Client) GetIMSAccount(ctx context.Context, name string) (*IMSAccount, error) {
	out, err := c.accountQuery(ctx, "getIfExists", "@name="+soap.QuoteXtk(name))
	if err != nil {
		return nil, err
	}
	// getIfExists answers an empty <extAccount/> when there is no match.
	// Anything else is not an answer to this query: taking it for "not
	// found" would drop the account from the Terraform state.
	if out == nil || out.Name != "extAccount" {
		return nil, fmt.Errorf("querying external account %q: Campaign answered %s where <extAccount> was expected", name, describeElement(out))
	}
	if out.AttrOr("id", "") == "" {
		return nil, &NotFoundError{Kind: "external account", Name: name}
	}
	if got := out.AttrOr("name", ""); got != name {
		return nil, fmt.Errorf("querying external account %q returned account %q", name, got)
	}
	return accountFromElement(out), nil
}

// WriteIMSAccount creates or updates the account keyed by its internal name
// (Write, insertOrUpdate, _key="@name"). The account type is the discovered
// Adobe Experience Cloud one. When clientSecret is not nil it is encrypted
// by Campaign (EncryptPassword) and written; otherwise the stored secret is
// left as it is. Write returns nothing: read the account back for its @id.
func (c *Client) WriteIMSAccount(ctx context.Context, a IMSAccount, clientSecret *string) error {
	accountType, err := c.IMSAccountType(ctx)
	if err != nil {
		return err
	}
	active := "0"
	if a.Active {
		active = "1"
	}
	doc := soap.NewElement("extAccount",
		"xtkschema", schemaExtAccount, "_operation", "insertOrUpdate", "_key", "@name",
		"name", a.Name, "label", a.Label, "type", strconv.Itoa(accountType), "active", active,
		"imsServer", a.IMSServer, "userScope", strings.Join(a.Scope, ","), "clientId", a.ClientID,
		"callbackServer", a.CallbackServer, "imsOrgId", a.IMSOrgID, "imsRightsMask", a.MatchingMask,
		"productContext", a.ProductContext, "server", a.Server, "tenant", a.Tenant)
	if clientSecret != nil {
		encrypted := ""
		if *clientSecret != "" {
			if encrypted, err = c.EncryptPassword(ctx, *clientSecret); err != nil {
				return err
			}
		}
		doc.SetAttr("clientSecret", encrypted)
	}
	return c.write(ctx, doc)
}

// DeleteIMSAccount deletes the account with that internal name. Deleting an
// account that does not exist is not an error.
func (c *Client) DeleteIMSAccount(ctx context.Context, name string) error {
	return c.write(ctx, soap.NewElement("extAccount",
		"xtkschema", schemaExtAccount, "_operation", "delete", "_key", "@name", "name", name))
}

// write calls the xtk:persist interface's Write, the SOAPAction Campaign
// accepts for it (never xtk:session#Write).
func (c *Client) write(ctx context.Context, doc *soap.Element) error {
	_, err := c.call(ctx, soap.Request{Service: "xtk:persist", Method: "Write",
		Params: []soap.Param{soap.Document("doc", doc)}}, callOptions{})
	return err
}

// EncryptPassword has Campaign encrypt a secret with the instance key.
func (c *Client) EncryptPassword(ctx context.Context, plaintext string) (string, error) {
	resp, err := c.call(ctx, soap.Request{Service: "xtk:session", Method: "EncryptPassword",
		Params: []soap.Param{soap.String("password", plaintext)}}, callOptions{})
	if err != nil {
		return "", err
	}
	enc, err := resp.String(0)
	if err == nil && enc == "" {
		err = errors.New("xtk:session#EncryptPassword returned an empty value")
	}
	return enc, err
}

// imsAccountTypeLabels are the labels of the nms:extAccount type enumeration
// entry for the Experience Cloud account, current and former.
var imsAccountTypeLabels = []string{"Adobe Experience Cloud", "Adobe Marketing Cloud"}

// IMSAccountType discovers the numeric @type of Adobe Experience Cloud
// external accounts, which Campaign does not publish, from the nms:extAccount
// schema enumeration (GetEntityIfMoreRecent). It is looked up once per client.
func (c *Client) IMSAccountType(ctx context.Context) (int, error) {
	c.typeMu.Lock()
	defer c.typeMu.Unlock()
	if c.imsTypeOK {
		return c.imsType, nil
	}
	resp, err := c.call(ctx, soap.Request{Service: "xtk:persist", Method: "GetEntityIfMoreRecent", Params: []soap.Param{
		soap.String("pk", "xtk:schema|"+schemaExtAccount), soap.String("md5", ""), soap.Bool("mustExist", false),
	}}, callOptions{})
	if err != nil {
		return 0, fmt.Errorf("reading the nms:extAccount schema to find the Adobe Experience Cloud account type: %w", err)
	}
	schema, err := resp.Element(0)
	if err != nil {
		return 0, err
	}
	if schema == nil || schema.Name != "schema" {
		return 0, fmt.Errorf("the instance did not return the nms:extAccount schema (Campaign answered %s where <schema> was expected)", describeElement(schema))
	}
	for _, enum := range schema.ChildrenNamed("enumeration") {
		if enum.AttrOr("name", "") != "type" {
			continue
		}
		for _, v := range enum.ChildrenNamed("value") {
			for _, label := range imsAccountTypeLabels {
				if strings.EqualFold(strings.TrimSpace(v.AttrOr("label", "")), label) {
					n, err := strconv.Atoi(v.AttrOr("value", ""))
					if err != nil {
						return 0, fmt.Errorf("the %q account type has a non-numeric value %q", label, v.AttrOr("value", ""))
					}
					c.imsType, c.imsTypeOK = n, true
					return n, nil
				}
			}
		}
	}
	return 0, errors.New(`the nms:extAccount type enumeration of this instance has no "Adobe Experience Cloud" entry; install the "Integration with the Adobe Experience Cloud" package first`)
}

// describeElement names an unexpected answer element for an error message.
func describeElement(e *soap.Element) string {
	if e == nil {
		return "no element"
	}
	return "<" + e.Name + ">"
}
