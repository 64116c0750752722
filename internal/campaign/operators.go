package campaign

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/acc-terraform/terraform-provider-campaign/internal/httpclient"
	"github.com/acc-terraform/terraform-provider-campaign/internal/imstoken"
	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// OperatorRecord describes a Campaign operator (xtk:operator) as the
// technical-operator resource manages it: found by its login (@name, the
// technical account's email), it owns only the operator's own named
// rights. Operators are @type 0 rows of xtk:operator (public); where an
// operator's own named rights live, and the names of its authentication
// type and "account disabled" fields, are not public (CAMPAIGN_API.md): the
// client's guesses (a <right name=…/> collection as for groups,
// access/@authenticationType, access/@disabled) are checked against the
// instance's xtk:operator schema before any write. A write updates an
// operator, never creates one: Campaign creates it at its first login.
func OperatorRecord() *RecordType {
	return &RecordType{
		Kind: "operator", Example: "3A7F4C2B9E1D8A6F5C3B2E1D@techacct.adobe.com", Schema: "xtk:operator", Element: "operator",
		Console:  "Administration > Access management > Operators",
		ReadOnly: []string{"id", "label", "access/@authenticationType", "access/@disabled"},
		Fields: []Field{
			{Campaign: "name", Terraform: "login", Console: "Login"},
			{Campaign: "right", Terraform: "named_rights", Console: "Named rights (the operator's Content tab)", Kind: Collection, Key: "name"},
		},
		WriteOperation: "update",
	}
}

// TechnicalAccountDomain ends the email of every Adobe technical account:
// an operator whose login ends with it is a technical operator (inferred
// from Adobe's IMS migration notes, CAMPAIGN_API.md).
const TechnicalAccountDomain = "@techacct.adobe.com"

// IsTechnical reports whether a login is a technical account's.
func IsTechnical(login string) bool {
	return strings.HasSuffix(strings.ToLower(login), TechnicalAccountDomain)
}

// ReadOperator reads the operator of a login, with the groups it is a
// member of: two ExecuteQuery (the operator, its links). A missing operator
// is a *NotFoundError.
func (c *Client) ReadOperator(ctx context.Context, login string, hint Hint) (RecordRead, error) {
	op, err := c.getRecord(ctx, c.operators, login, hint.Attributes)
	if err != nil {
		return RecordRead{}, err
	}
	groups, err := c.operatorGroups(ctx, "@operator-id="+soap.QuoteXtk(op.ID()))
	if err != nil {
		return RecordRead{}, err
	}
	return RecordRead{Record: op, Groups: groups[login], Hint: c.Hint(c.operators, 0, hint)}, nil
}

// operatorGroups reads the operator-group links (xtk:operatorGroup) of
// the condition ("" for all), by login: one ExecuteQuery per page.
func (c *Client) operatorGroups(ctx context.Context, condition string) (map[string][]string, error) {
	q := soap.NewElement("queryDef", "schema", "xtk:operatorGroup", "operation", "select", "xtkschema", "xtk:queryDef").Add(
		soap.NewElement("select").Add(soap.NewElement("node", "expr", "[operator/@name]"), soap.NewElement("node", "expr", "[group/@name]")))
	if condition != "" {
		q.Add(soap.NewElement("where").Add(soap.NewElement("condition", "expr", condition)))
	}
	rows, err := c.queryAll(ctx, q, "operatorGroup")
	if err != nil {
		return nil, fmt.Errorf("reading the operators' groups: %w", err)
	}
	out := map[string][]string{}
	for _, r := range rows {
		login, group := r.Child("operator").AttrOr("name", ""), r.Child("group").AttrOr("name", "")
		out[login] = append(out[login], group)
	}
	for login := range out {
		slices.Sort(out[login])
	}
	return out, nil
}

// OperatorInfo is one operator of the instance, as the operators list reads it.
type OperatorInfo struct {
	Record Record
	Groups []string
}

// Operators lists every operator with its groups, sorted by login: one
// ExecuteQuery per page of operators and of links.
func (c *Client) Operators(ctx context.Context) ([]OperatorInfo, error) {
	ops, err := c.selectRecords(ctx, c.operators, "listing operators", "", nil)
	if err != nil {
		return nil, err
	}
	groups, err := c.operatorGroups(ctx, "")
	if err != nil {
		return nil, err
	}
	out := make([]OperatorInfo, 0, len(ops))
	for _, op := range ops {
		out = append(out, OperatorInfo{Record: op, Groups: groups[op.Name()]})
	}
	return out, nil
}

// CheckOperator runs, without writing, the checks a write of op runs
// first (the build's xtk:operator schema, the named rights the instance
// defines): one cached schema read.
func (c *Client) CheckOperator(ctx context.Context, op Record) error {
	_, err := c.operatorWritable(ctx, op)
	return err
}

// WriteOperator updates the operator's own named rights (Write, update,
// _key="@name"; each right with its _operation: those of previous, what
// the resource owned, that op lacks are deleted; rights the resource never
// owned are left alone), then reads it back. The operator must exist: an
// update of a missing one writes nothing, and the read-back says so.
func (c *Client) WriteOperator(ctx context.Context, op, previous Record) (RecordWrite, error) {
	attrs, err := c.operatorWritable(ctx, op)
	if err != nil {
		return RecordWrite{}, err
	}
	login := op.Name()
	doc := recordDocument(c.operators, op, previous, attrs)
	w, err := writeThenRead(ctx, c, "the Write of operator "+strconv.Quote(login), doc, func(ctx context.Context) (Record, error) {
		return c.getRecord(ctx, c.operators, login, nil)
	})
	res := RecordWrite{Written: w, Attributes: attrs}
	c.settle(c.operators, &res, op, 0)
	res.Differences = ownedDifferences(c.operators, op, previous, w.Stored, res.Differences)
	return res, err
}

// ownedDifferences keeps, of the differences of a write of an operator's
// named rights, only those of the rights the write owns: a right written
// that Campaign does not hold, or a right removed that it still holds.
// Rights others gave the operator are not a difference.
func ownedDifferences(rt *RecordType, wrote, previous, stored Record, diffs []AttributeDifference) []AttributeDifference {
	if stored == nil {
		return diffs
	}
	rights, _ := rt.Field("right")
	out := slices.DeleteFunc(slices.Clone(diffs), func(d AttributeDifference) bool { return d.Field.Campaign == rights.Campaign })
	held := stored.List(rights.Campaign)
	missing := slices.ContainsFunc(wrote.List(rights.Campaign), func(r string) bool { return !slices.Contains(held, r) })
	kept := slices.ContainsFunc(previous.List(rights.Campaign), func(r string) bool {
		return !slices.Contains(wrote.List(rights.Campaign), r) && slices.Contains(held, r)
	})
	if missing || kept {
		out = append(out, AttributeDifference{Field: rights, Wrote: wrote.Get(rights.Campaign), Stored: stored.Get(rights.Campaign)})
	}
	return out
}

func (c *Client) operatorWritable(ctx context.Context, op Record) ([]string, error) {
	s, err := c.schemaOf(ctx, c.operators)
	if err != nil {
		return nil, err
	}
	attrs, err := c.writable(c.operators, s, op, nil)
	if err != nil {
		return nil, err
	}
	rights, _ := c.operators.Field("right")
	if slices.Contains(attrs, rights.Campaign) {
		if err := c.checkRightsDefined(s, rights, op.List(rights.Campaign)); err != nil {
			return nil, err
		}
	}
	return attrs, nil
}

// NoMatchingRightError: Campaign refused a technical account's first
// call, as it refuses a login whose product profiles map to no operator
// group ("Login does not have any right matching the expression").
type NoMatchingRightError struct {
	Fault *Fault
	// Profiles are the product profiles IMS says the technical account
	// holds (nil when IMS's profile could not be read).
	Profiles []string
}

func (e *NoMatchingRightError) Error() string {
	return "Campaign refused the technical account's first call: " + e.Fault.Error()
}

func (e *NoMatchingRightError) Unwrap() error { return e.Fault }

// TechnicalTokenError: IMS did not give the technical account a token.
type TechnicalTokenError struct{ Err error }

func (e *TechnicalTokenError) Error() string {
	return "the technical account's IMS token request failed: " + e.Err.Error()
}

func (e *TechnicalTokenError) Unwrap() error { return e.Err }

// FirstCall makes one API call as a technical account, with its OAuth
// server-to-server credential: an IMS token, then xtk:session#GetUserInfo
// with it. Campaign creates the account's operator at its first call, with
// the groups its product profiles map to through the association mask;
// the answer says its login. The credential's secret and token are
// redacted from every error, never logged, and used for this call only.
func (c *Client) FirstCall(ctx context.Context, cred IMSCredentials) (string, error) {
	defer c.busy(ctx)()
	if cred.TokenURL == "" {
		cred.TokenURL = DefaultIMSTokenURL
	}
	c.rememberSecrets(cred.ClientSecret)
	tok, err := imstoken.Fetch(ctx, httpclient.Standard(c.http), imstoken.Credentials{
		ClientID: cred.ClientID, ClientSecret: cred.ClientSecret, Scopes: cred.Scopes, TokenURL: cred.TokenURL,
	})
	if err != nil {
		return "", &TechnicalTokenError{Err: err}
	}
	c.rememberSecrets(tok.AccessToken)
	resp, err := c.post(ctx, soap.Request{Service: "xtk:session", Method: "GetUserInfo"}, &session{bearer: tok.AccessToken}, callOptions{})
	var f *Fault
	switch {
	case errors.As(err, &f) && strings.Contains(f.Error(), "Login does not have any right"):
		refused := &NoMatchingRightError{Fault: f}
		if p, perr := imstoken.FetchProfile(ctx, httpclient.Standard(c.http), cred.TokenURL, tok.AccessToken); perr == nil {
			refused.Profiles = p.Profiles
		}
		return "", refused
	case err != nil:
		return "", err
	}
	ui, err := resp.Element(0)
	if err != nil {
		return "", err
	}
	login := ui.AttrOr("login", "")
	if login == "" {
		return "", errors.New("xtk:session#GetUserInfo answered the technical account's first call without a login")
	}
	c.cfg.Logger.Debug(ctx, "technical account's first call made", map[string]any{"client_id": cred.ClientID, "login": login})
	return login, nil
}

// rememberSecrets adds values no server text may show to what redact removes.
func (c *Client) rememberSecrets(values ...string) {
	c.tokensMu.Lock()
	defer c.tokensMu.Unlock()
	for _, v := range values {
		if v != "" {
			c.tokens = append(c.tokens, v)
		}
	}
}
