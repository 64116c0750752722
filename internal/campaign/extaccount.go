package campaign

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// IMSAccountRecord describes the Adobe Experience Cloud external account
// (nms:extAccount), with the attribute names of CAMPAIGN_API.md (inferred,
// not published). A new account attribute is one more field here, plus the
// provider's schema attribute.
func IMSAccountRecord() *RecordType {
	return &RecordType{
		Kind: "external account", Example: "Adobe_Marketing_Cloud", Schema: "nms:extAccount", Element: "extAccount",
		Console:  "Administration > Platform > External accounts",
		ReadOnly: []string{"id", "type"},
		Fields: []Field{
			{Campaign: "name", Terraform: "name", Console: "Internal name"},
			{Campaign: "label", Terraform: "label", Console: "Label"},
			{Campaign: "active", Terraform: "enabled", Console: "Enabled", Kind: Flag},
			{Campaign: "imsServer", Terraform: "ims_server", Console: "IMS server"},
			{Campaign: "userScope", Terraform: "ims_scope", Console: "IMS scope", Kind: CommaList},
			{Campaign: "clientId", Terraform: "client_id", Console: "IMS client identifier"},
			{Campaign: "clientSecret", Terraform: "client_secret", Console: "IMS client secret", Kind: Secret},
			{Campaign: "callbackServer", Terraform: "callback_server", Console: "Callback server"},
			{Campaign: "imsOrgId", Terraform: "ims_org_id", Console: "IMS organization ID"},
			{Campaign: "imsRightsMask", Terraform: "matching_mask", Console: "Association mask"},
			{Campaign: "productContext", Terraform: "product_context", Console: "Product context"},
			{Campaign: "server", Terraform: "experience_cloud_server", Console: "Server"},
			{Campaign: "tenant", Terraform: "tenant", Console: "Tenant"},
		},
	}
}

// imsAccountTypeLabels are the labels of the nms:extAccount type enumeration
// entry for the Experience Cloud account, current and former.
var imsAccountTypeLabels = []string{"Adobe Experience Cloud", "Adobe Marketing Cloud"}

// IMSAccountType is the numeric @type of Adobe Experience Cloud accounts on
// this instance, from the type enumeration of the nms:extAccount schema (not
// public: read once per client, with the attributes of the build).
func (c *Client) IMSAccountType(ctx context.Context) (int, error) {
	s, err := c.schemaOf(ctx, c.accounts)
	if err != nil {
		return 0, fmt.Errorf("finding the Adobe Experience Cloud account type: %w", err)
	}
	for _, v := range s.Enumerations["type"] {
		for _, label := range imsAccountTypeLabels {
			if strings.EqualFold(strings.TrimSpace(v.Label), label) {
				n, err := strconv.Atoi(v.Value)
				if err != nil {
					return 0, fmt.Errorf("the %q account type has a non-numeric value %q", label, v.Value)
				}
				return n, nil
			}
		}
	}
	return 0, errors.New(`the nms:extAccount type enumeration of this instance has no "Adobe Experience Cloud" entry (nor the former "Adobe Marketing Cloud"); install the "Integration with the Adobe Experience Cloud" package first`)
}

// ListIMSAccounts lists every Adobe Experience Cloud account of the instance,
// sorted by internal name: one ExecuteQuery whatever their number (after the
// schema read, once per client). More than one breaks Adobe ID login:
// callers report duplicates.
func (c *Client) ListIMSAccounts(ctx context.Context) ([]Record, error) {
	accountType, err := c.IMSAccountType(ctx)
	if err != nil {
		return nil, err
	}
	return c.selectRecords(ctx, c.accounts, "listing external accounts", "@type="+strconv.Itoa(accountType), nil)
}

// GetIMSAccount reads the external account with that internal name: one
// ExecuteQuery. A missing account is a *NotFoundError.
func (c *Client) GetIMSAccount(ctx context.Context, name string) (Record, error) {
	a, _, err := c.readIMSAccount(ctx, name, Hint{})
	return a, err
}

// ReadIMSAccount reads the account with that internal name and, when the
// Adobe Experience Cloud type is known (hint, from an earlier read), the
// names of the other accounts of that type, in the same ExecuteQuery: there
// must be only one (see Hint for the calls of each path). A missing account
// is a *NotFoundError.
func (c *Client) ReadIMSAccount(ctx context.Context, name string, hint Hint) (RecordRead, error) {
	a, others, err := c.readIMSAccount(ctx, name, hint)
	if err != nil {
		return RecordRead{Others: others}, err
	}
	return RecordRead{Record: a, Others: others, Hint: c.Hint(c.accounts, a.Int("type"), hint)}, nil
}

func (c *Client) readIMSAccount(ctx context.Context, name string, hint Hint) (Record, []string, error) {
	if hint.Type == 0 {
		a, err := c.getRecord(ctx, c.accounts, name, hint.Attributes)
		return a, nil, err
	}
	accounts, err := c.selectRecords(ctx, c.accounts, "querying external account "+strconv.Quote(name),
		"@name="+soap.QuoteXtk(name)+" or @type="+strconv.Itoa(hint.Type), hint.Attributes)
	if err != nil {
		return nil, nil, err
	}
	var (
		found  Record
		others []string
	)
	for _, a := range accounts {
		switch {
		case a.Get("name") == name:
			found = a
		case a.Int("type") == hint.Type:
			others = append(others, a.Get("name"))
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

// CreateIMSAccount creates an account after checking, in one ExecuteQuery
// (@name = name or @type = the IMS type), that the instance has no other
// Adobe Experience Cloud account and no account of that name holding other
// values. An account of that name holding exactly the planned values is
// written again (idempotent): that is how a create whose answer was lost is
// completed, never by deleting it. The creates of one client are
// serialized, so that two accounts created in the same run see each other.
func (c *Client) CreateIMSAccount(ctx context.Context, a Record, clientSecret *string, defaulted map[string]bool) (RecordWrite, error) {
	c.createMu.Lock()
	defer c.createMu.Unlock()
	accountType, attrs, err := c.accountWritable(ctx, a, defaulted)
	if err != nil {
		return RecordWrite{}, err
	}
	name := a.Get("name")
	existing, others, err := c.readIMSAccount(ctx, name, Hint{Type: accountType})
	switch {
	case len(others) > 0:
		return RecordWrite{}, &DuplicateAccountError{Name: name, Existing: others}
	case err == nil && existing.Int("type") != accountType:
		return RecordWrite{}, &ExistingRecordError{Record: c.accounts, Name: name, OtherType: existing.Int("type")}
	case err == nil:
		if err := checkNotOverwriting(c.accounts, a, existing, attrs); err != nil {
			return RecordWrite{}, err
		}
		c.cfg.Logger.Debug(ctx, "an account of that name holds the planned values (an earlier create whose answer was lost); writing it again", map[string]any{"name": name})
	case !errors.Is(err, ErrNotFound):
		return RecordWrite{}, err
	}
	return c.writeAccount(ctx, accountType, a, attrs, clientSecret)
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
func (c *Client) WriteIMSAccount(ctx context.Context, a Record, clientSecret *string, defaulted map[string]bool) (RecordWrite, error) {
	accountType, attrs, err := c.accountWritable(ctx, a, defaulted)
	if err != nil {
		return RecordWrite{}, err
	}
	return c.writeAccount(ctx, accountType, a, attrs, clientSecret)
}

// accountWritable reads the type and checks a against the build's schema.
func (c *Client) accountWritable(ctx context.Context, a Record, defaulted map[string]bool) (int, []string, error) {
	accountType, err := c.IMSAccountType(ctx)
	if err != nil {
		return 0, nil, err
	}
	attrs, err := c.writable(c.accounts, c.cachedSchema(c.accounts.Schema), a, defaulted)
	return accountType, attrs, err
}

func (c *Client) writeAccount(ctx context.Context, accountType int, a Record, attrs []string, clientSecret *string) (RecordWrite, error) {
	res := RecordWrite{Attributes: attrs, Secret: clientSecret != nil}
	doc := recordDocument(c.accounts, a, nil, attrs, "type", strconv.Itoa(accountType))
	if clientSecret != nil {
		secret, _ := c.accounts.Field("clientSecret")
		if !c.cachedSchema(c.accounts.Schema).Has(secret) {
			return RecordWrite{}, &MissingAttributeError{Record: c.accounts, Field: secret, Build: c.build()}
		}
		encrypted := ""
		if *clientSecret != "" {
			var err error
			if encrypted, err = c.encryptPassword(ctx, *clientSecret); err != nil {
				return RecordWrite{}, err
			}
		}
		doc.SetAttr(secret.Campaign, encrypted)
	}
	name := a.Get("name")
	var err error
	res.Written, err = writeThenRead(ctx, c, "the Write of external account "+strconv.Quote(name), doc, func(ctx context.Context) (Record, error) {
		return c.GetIMSAccount(ctx, name)
	})
	c.settle(c.accounts, &res, a, accountType)
	return res, err
}

// DeleteIMSAccount deletes the account with that internal name (see deleteRecord).
func (c *Client) DeleteIMSAccount(ctx context.Context, name string) error {
	return c.deleteRecord(ctx, c.accounts, name)
}

// encryptPassword has Campaign encrypt a secret with the instance key.
func (c *Client) encryptPassword(ctx context.Context, plaintext string) (string, error) {
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
