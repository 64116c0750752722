package campaign

import (
	"context"
	"errors"
	"fmt"
	"slices"
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
	// SecretReadable is false when Campaign answered without @clientSecret:
	// an operator without the right to read it (accessibleIf) gets no
	// attribute at all, which says nothing of the stored secret.
	SecretReadable bool
}

// accountValues are the written attributes of a, in order, by Campaign name.
func (a *IMSAccount) accountValues() [][2]string {
	active := "0"
	if a.Active {
		active = "1"
	}
	return [][2]string{
		{"name", a.Name}, {"label", a.Label}, {"active", active}, {"imsServer", a.IMSServer},
		{"userScope", strings.Join(a.Scope, ",")}, {"clientId", a.ClientID}, {"callbackServer", a.CallbackServer},
		{"imsOrgId", a.IMSOrgID}, {"imsRightsMask", a.MatchingMask}, {"productContext", a.ProductContext},
		{"server", a.Server}, {"tenant", a.Tenant},
	}
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
	_, a.SecretReadable = e.Attr("clientSecret")
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

// AccountHint is what an earlier read learnt of the instance, which the
// caller keeps between runs (the provider keeps it in private state) so that
// a new client needs no schema read to query the account: the account type,
// and the account attributes the build has.
type AccountHint struct {
	Type       int      `json:"type,omitempty"`
	Attributes []string `json:"attributes,omitempty"`
}

// Hint is what this client knows of the instance, for an account of accountType:
// the attributes of the schema when it was read, else those of previous.
func (c *Client) Hint(accountType int, previous AccountHint) AccountHint {
	c.schemaMu.Lock()
	defer c.schemaMu.Unlock()
	h := AccountHint{Type: accountType, Attributes: previous.Attributes}
	if c.schema != nil {
		h.Attributes = selectable(c.schema)
	}
	return h
}

// accountQuery is an ExecuteQuery of the account attributes with one
// condition. It selects the attributes of the schema when it was read, else
// those of the hint, else every attribute the client knows; a build without
// one of them refuses the query, and then the query is sent again with the
// attributes the schema has (one schema read per client).
func (c *Client) accountQuery(ctx context.Context, operation, condition string, hinted []string) (*soap.Element, error) {
	c.schemaMu.Lock()
	schema := c.schema
	c.schemaMu.Unlock()
	attrs := selectable(schema)
	if schema == nil && len(hinted) > 0 {
		attrs = hinted
	}
	out, err := c.accountQueryOf(ctx, operation, condition, attrs)
	var f *Fault
	if schema != nil || !errors.As(err, &f) {
		return out, err
	}
	if schema, serr := c.AccountSchema(ctx); serr == nil && !slices.Equal(selectable(schema), attrs) {
		return c.accountQueryOf(ctx, operation, condition, selectable(schema))
	}
	return out, err
}

// selectable are the account attributes a query may name on a build.
func selectable(schema *AccountSchema) []string {
	if schema == nil {
		return imsAccountAttributes
	}
	var out []string
	for _, a := range imsAccountAttributes {
		if schema.Has(a) {
			out = append(out, a)
		}
	}
	return out
}

func (c *Client) accountQueryOf(ctx context.Context, operation, condition string, attrs []string) (*soap.Element, error) {
	sel := soap.NewElement("select")
	for _, a := range attrs {
		sel.Add(soap.NewElement("node", "expr", "@"+a))
	}
	q := soap.NewElement("queryDef", "schema", schemaExtAccount, "operation", operation, "xtkschema", "xtk:queryDef").Add(
		sel,
		soap.NewElement("where").Add(soap.NewElement("condition", "expr", condition)),
	)
	if operation == "select" {
		q.Add(soap.NewElement("orderBy").Add(soap.NewElement("node", "expr", "@name")))
	}
	return c.executeQuery(ctx, q)
}

// selectAccounts runs a select and decodes the collection.
func (c *Client) selectAccounts(ctx context.Context, what, condition string, hinted []string) ([]IMSAccount, error) {
	out, err := c.accountQuery(ctx, "select", condition, hinted)
	if err != nil {
		return nil, err
	}
	rows, err := collectionRows(out, what, "extAccount")
	if err != nil {
		return nil, err
	}
	var accounts []IMSAccount
	for _, e := range rows {
		accounts = append(accounts, *accountFromElement(e))
	}
	return accounts, nil
}

// ListIMSAccounts lists every Adobe Experience Cloud account of the instance,
// sorted by internal name: one ExecuteQuery whatever their number (after the
// schema read, once per client). More than one breaks Adobe ID login:
// callers report duplicates.
func (c *Client) ListIMSAccounts(ctx context.Context) ([]IMSAccount, error) {
	accountType, err := c.IMSAccountType(ctx)
	if err != nil {
		return nil, err
	}
	return c.selectAccounts(ctx, "listing external accounts", "@type="+strconv.Itoa(accountType), nil)
}

// GetIMSAccount reads the external account with that internal name: one
// ExecuteQuery. A missing account is a *NotFoundError.
func (c *Client) GetIMSAccount(ctx context.Context, name string) (*IMSAccount, error) {
	a, _, err := c.ReadIMSAccount(ctx, name, AccountHint{})
	return a, err
}

// ReadIMSAccount reads the account with that internal name and, when the
// Adobe Experience Cloud type is known (hint, from an earlier read), the
// names of the other accounts of that type, in the same ExecuteQuery: there
// must be only one. A missing account is a *NotFoundError.
func (c *Client) ReadIMSAccount(ctx context.Context, name string, hint AccountHint) (*IMSAccount, []string, error) {
	accountType := hint.Type
	if accountType == 0 {
		out, err := c.accountQuery(ctx, "getIfExists", "@name="+soap.QuoteXtk(name), hint.Attributes)
		if err != nil {
			return nil, nil, err
		}
		// getIfExists answers an empty <extAccount/> when there is no match.
		// Anything else is not an answer to this query: taking it for "not
		// found" would drop the account from the Terraform state.
		if out == nil || out.Name != "extAccount" {
			return nil, nil, fmt.Errorf("querying external account %q: Campaign answered %s where <extAccount> was expected", name, describeElement(out))
		}
		if out.AttrOr("id", "") == "" {
			return nil, nil, &NotFoundError{Kind: "external account", Name: name}
		}
		if got := out.AttrOr("name", ""); got != name {
			return nil, nil, fmt.Errorf("querying external account %q returned account %q", name, got)
		}
		return accountFromElement(out), nil, nil
	}
	accounts, err := c.selectAccounts(ctx, "querying external account "+strconv.Quote(name),
		"@name="+soap.QuoteXtk(name)+" or @type="+strconv.Itoa(accountType), hint.Attributes)
	if err != nil {
		return nil, nil, err
	}
	var (
		found  *IMSAccount
		others []string
	)
	for i := range accounts {
		switch {
		case accounts[i].Name == name:
			found = &accounts[i]
		case accounts[i].Type == accountType:
			others = append(others, accounts[i].Name)
		}
	}
	if found == nil {
		return nil, others, &NotFoundError{Kind: "external account", Name: name}
	}
	return found, others, nil
}

// DuplicateAccountError refuses to create a second Adobe Experience Cloud
// account: Campaign's IMS troubleshooting guide requires exactly one.
type DuplicateAccountError struct {
	Name     string   // the account to create
	Existing []string // the accounts of the type already there
}

func (e *DuplicateAccountError) Error() string {
	return fmt.Sprintf("the instance already has an Adobe Experience Cloud external account (%s); Campaign's IMS login needs exactly one, so %q was not created",
		strings.Join(e.Existing, ", "), e.Name)
}

// ExistingAccountError refuses to create an account when one of the same
// internal name already holds other values (or is of another type): a
// create never overwrites what it did not write. An account holding exactly
// the planned values is not refused: it is what an earlier create whose
// answer was lost left, and writing it again changes nothing.
type ExistingAccountError struct {
	Name        string
	OtherType   int // the type of the existing account, when it is not the Adobe Experience Cloud one
	Differences []AttributeDifference
}

func (e *ExistingAccountError) Error() string {
	if e.OtherType != 0 {
		return fmt.Sprintf("the instance already has an external account named %q, of another type (%d); it was not overwritten", e.Name, e.OtherType)
	}
	var diffs []string
	for _, d := range e.Differences {
		diffs = append(diffs, fmt.Sprintf("@%s is %q, the configuration says %q", d.Attribute, d.Stored, d.Wrote))
	}
	return fmt.Sprintf("the instance already has an external account named %q with other values (%s); it was not overwritten",
		e.Name, strings.Join(diffs, "; "))
}

// CreateIMSAccount creates an account after checking, in one ExecuteQuery
// (@name = name or @type = the IMS type), that the instance has no other
// Adobe Experience Cloud account and no account of that name holding other
// values. An account of that name holding exactly the planned values is
// written again (idempotent): that is how a create whose answer was lost is
// completed, never by deleting it. The creates of one client are
// serialized, so that two accounts created in the same run see each other.
func (c *Client) CreateIMSAccount(ctx context.Context, a IMSAccount, clientSecret *string, defaulted map[string]bool) (AccountWrite, error) {
	c.createMu.Lock()
	defer c.createMu.Unlock()
	schema, err := c.AccountSchema(ctx)
	if err != nil {
		return AccountWrite{}, err
	}
	values, err := c.accountWriteValues(schema, a, defaulted)
	if err != nil {
		return AccountWrite{}, err
	}
	existing, others, err := c.ReadIMSAccount(ctx, a.Name, AccountHint{Type: schema.Type})
	switch {
	case len(others) > 0:
		return AccountWrite{}, &DuplicateAccountError{Name: a.Name, Existing: others}
	case err == nil && existing.Type != schema.Type:
		return AccountWrite{}, &ExistingAccountError{Name: a.Name, OtherType: existing.Type}
	case err == nil:
		if diffs := a.StoredDifferences(existing, attributeNames(values)); len(diffs) > 0 {
			return AccountWrite{}, &ExistingAccountError{Name: a.Name, Differences: diffs}
		}
		c.cfg.Logger.Debug(ctx, "an account of that name holds the planned values (an earlier create whose answer was lost); writing it again", map[string]any{"name": a.Name})
	case !errors.Is(err, ErrNotFound):
		return AccountWrite{}, err
	}
	return c.writeAccount(ctx, schema, a, values, clientSecret)
}

// AccountWrite is what a create or an update of the account did.
type AccountWrite struct {
	Written[*IMSAccount]
	Attributes []string // Campaign attributes written
	Secret     bool     // the client secret was written
}

// WriteIMSAccount creates or updates the account keyed by its internal name
// (Write, insertOrUpdate, _key="@name"), then reads it back (see
// writeThenRead for what a lost answer gives). The account type is the
// discovered Adobe Experience Cloud one. When clientSecret is not nil it is
// encrypted by Campaign (EncryptPassword) and written; otherwise the stored
// secret is left as it is.
//
// Campaign ignores attributes its schema does not have, so every attribute is
// checked first against the build's schema (read once with the type): one
// the build lacks is left out when it is empty or in defaulted (a value the
// user did not set), and is otherwise a *MissingAttributeError, before any write.
func (c *Client) WriteIMSAccount(ctx context.Context, a IMSAccount, clientSecret *string, defaulted map[string]bool) (AccountWrite, error) {
	schema, err := c.AccountSchema(ctx)
	if err != nil {
		return AccountWrite{}, err
	}
	values, err := c.accountWriteValues(schema, a, defaulted)
	if err != nil {
		return AccountWrite{}, err
	}
	return c.writeAccount(ctx, schema, a, values, clientSecret)
}

// accountWriteValues are the attributes of a that the build's schema has,
// by Campaign name; see WriteIMSAccount. No call.
func (c *Client) accountWriteValues(schema *AccountSchema, a IMSAccount, defaulted map[string]bool) ([][2]string, error) {
	var out [][2]string
	for _, kv := range a.accountValues() {
		switch name, value := kv[0], kv[1]; {
		case schema.Has(name):
			out = append(out, kv)
		case value == "" || defaulted[name]:
			// the build lacks it and the user set nothing: leave it out
		default:
			return nil, &MissingAttributeError{Attribute: name, Build: c.Build()}
		}
	}
	return out, nil
}

func attributeNames(values [][2]string) []string {
	names := make([]string, len(values))
	for i, kv := range values {
		names[i] = kv[0]
	}
	return names
}

func (c *Client) writeAccount(ctx context.Context, schema *AccountSchema, a IMSAccount, values [][2]string, clientSecret *string) (AccountWrite, error) {
	res := AccountWrite{Attributes: attributeNames(values), Secret: clientSecret != nil}
	doc := soap.NewElement("extAccount", "xtkschema", schemaExtAccount, "_operation", "insertOrUpdate", "_key", "@name",
		"type", strconv.Itoa(schema.Type))
	for _, kv := range values {
		doc.SetAttr(kv[0], kv[1])
	}
	if clientSecret != nil {
		if !schema.Has("clientSecret") {
			return AccountWrite{}, &MissingAttributeError{Attribute: "clientSecret", Build: c.Build()}
		}
		encrypted := ""
		if *clientSecret != "" {
			var err error
			if encrypted, err = c.EncryptPassword(ctx, *clientSecret); err != nil {
				return AccountWrite{}, err
			}
		}
		doc.SetAttr("clientSecret", encrypted)
	}
	var err error
	res.Written, err = writeThenRead(ctx, c, "the Write of external account "+strconv.Quote(a.Name), doc, func(ctx context.Context) (*IMSAccount, error) {
		return c.GetIMSAccount(ctx, a.Name)
	})
	return res, err
}

// StoredDifferences compares what Campaign stored with what was written:
// the Campaign attributes of written whose stored value differs.
func (a *IMSAccount) StoredDifferences(stored *IMSAccount, written []string) []AttributeDifference {
	wrote, got := map[string]string{}, map[string]string{}
	for _, kv := range a.accountValues() {
		wrote[kv[0]] = kv[1]
	}
	for _, kv := range stored.accountValues() {
		got[kv[0]] = kv[1]
	}
	var out []AttributeDifference
	for _, name := range written {
		if wrote[name] != got[name] {
			out = append(out, AttributeDifference{Attribute: name, Wrote: wrote[name], Stored: got[name]})
		}
	}
	return out
}

// AttributeDifference is an attribute Campaign did not store as written.
type AttributeDifference struct {
	Attribute     string
	Wrote, Stored string
}

// DeleteIMSAccount deletes the account with that internal name. Deleting an
// account that does not exist is not an error; after a lost answer, an
// account that reads as gone is deleted.
func (c *Client) DeleteIMSAccount(ctx context.Context, name string) error {
	err := c.write(ctx, soap.NewElement("extAccount",
		"xtkschema", schemaExtAccount, "_operation", "delete", "_key", "@name", "name", name))
	if OutcomeUnknown(err) {
		if _, rerr := c.GetIMSAccount(ctx, name); errors.Is(rerr, ErrNotFound) {
			return nil
		}
	}
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

// describeElement names an unexpected answer element for an error message.
func describeElement(e *soap.Element) string {
	if e == nil {
		return "no element"
	}
	return "<" + e.Name + ">"
}
