package campaign

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// OperatorGroupRecord describes a Campaign operator group (xtk:group): the
// association mask of the Adobe Experience Cloud account maps Admin Console
// product profiles to groups by internal name. The schema of xtk:group is
// not public (CAMPAIGN_API.md): @name and @label are inferred from the
// console, the description attribute and where named rights live are
// guesses that the schema check verifies on each instance before any write.
func OperatorGroupRecord() *RecordType {
	return &RecordType{
		Kind: "operator group", Example: "reviewers", Schema: "xtk:group", Element: "group",
		Console:  "Administration > Access management > Operator groups",
		ReadOnly: []string{"id"},
		Fields: []Field{
			{Campaign: "name", Terraform: "name", Console: "Internal name"},
			{Campaign: "label", Terraform: "label", Console: "Label"},
			{Campaign: "desc", Terraform: "description", Console: "Description"},
			{Campaign: "right", Terraform: "named_rights", Console: "Named rights (Content tab)", Kind: Collection, Key: "name"},
		},
	}
}

// OperatorGroups lists every operator group with its named rights, sorted by
// internal name: one ExecuteQuery per client, whatever the number of groups
// and of callers (the answer is kept until a group write). hinted are the
// attributes of an earlier read (Hint), so that no schema read is needed.
func (c *Client) OperatorGroups(ctx context.Context, hinted []string) ([]Record, error) {
	c.groupsMu.Lock()
	defer c.groupsMu.Unlock()
	if c.groupList != nil {
		return slices.Clone(c.groupList), nil
	}
	groups, err := c.selectRecords(ctx, c.groups, "listing operator groups", "", hinted)
	if err != nil {
		return nil, err
	}
	c.groupList = groups
	return slices.Clone(groups), nil
}

// ReadOperatorGroup reads one group (OperatorGroup) with the hint to keep.
func (c *Client) ReadOperatorGroup(ctx context.Context, name string, hint Hint) (RecordRead, error) {
	g, err := c.OperatorGroup(ctx, name, hint)
	if err != nil {
		return RecordRead{}, err
	}
	return RecordRead{Record: g, Hint: c.Hint(c.groups, 0, hint)}, nil
}

// OperatorGroup reads one group from OperatorGroups (no call of its own
// once the list is read). A missing group is a *NotFoundError.
func (c *Client) OperatorGroup(ctx context.Context, name string, hint Hint) (Record, error) {
	groups, err := c.OperatorGroups(ctx, hint.Attributes)
	if err != nil {
		return nil, err
	}
	for _, g := range groups {
		if g.Get("name") == name {
			return g, nil
		}
	}
	return nil, &NotFoundError{Kind: "operator group", Name: name}
}

// UndefinedRightError is a named right the instance does not define.
type UndefinedRightError struct {
	Rights  []string // the rights not defined
	Closest []string // the few defined rights close to them (closest first), for a suggestion
	Build   string
}

func (e *UndefinedRightError) Error() string {
	return fmt.Sprintf("the instance does not define the named right(s) %s", strings.Join(e.Rights, ", "))
}

// CreateOperatorGroup creates a group: the check that no group of that name
// holds other values uses the group list (one query per client), then one
// Write and one read-back. See WriteOperatorGroup.
func (c *Client) CreateOperatorGroup(ctx context.Context, g Record, defaulted map[string]bool) (RecordWrite, error) {
	attrs, err := c.groupWritable(ctx, g, defaulted)
	if err != nil {
		return RecordWrite{}, err
	}
	existing, err := c.OperatorGroup(ctx, g.Get("name"), Hint{})
	switch {
	case err == nil:
		if err := checkNotOverwriting(c.groups, g, existing, attrs); err != nil {
			return RecordWrite{}, err
		}
	case !errors.Is(err, ErrNotFound):
		return RecordWrite{}, err
	}
	return c.writeGroup(ctx, g, existing, attrs)
}

// CheckOperatorGroup runs, without writing, the checks a write of g runs
// first (the build's xtk:group schema, the named rights the instance
// defines): the same errors, at plan time, for one cached schema read.
func (c *Client) CheckOperatorGroup(ctx context.Context, g Record, defaulted map[string]bool) error {
	_, err := c.groupWritable(ctx, g, defaulted)
	return err
}

// WriteOperatorGroup updates the group keyed by internal name (Write,
// insertOrUpdate, _key="@name"; each named right with its _operation: the
// rights of previous, what Campaign held, that g lacks are deleted), then
// reads it back. Every field is checked first against the build's xtk:group
// schema (read once per client), and named rights against the rights the
// instance defines, before any write.
func (c *Client) WriteOperatorGroup(ctx context.Context, g, previous Record, defaulted map[string]bool) (RecordWrite, error) {
	attrs, err := c.groupWritable(ctx, g, defaulted)
	if err != nil {
		return RecordWrite{}, err
	}
	return c.writeGroup(ctx, g, previous, attrs)
}

func (c *Client) groupWritable(ctx context.Context, g Record, defaulted map[string]bool) ([]string, error) {
	s, err := c.schemaOf(ctx, c.groups)
	if err != nil {
		return nil, err
	}
	attrs, err := c.writable(c.groups, s, g, defaulted)
	if err != nil {
		return nil, err
	}
	rights, _ := c.groups.Field("right")
	if slices.Contains(attrs, rights.Campaign) {
		if err := c.checkRightsDefined(s, rights, g.List(rights.Campaign)); err != nil {
			return nil, err
		}
	}
	return attrs, nil
}

// checkRightsDefined: the schema's enumeration of the collection's key is
// the list of named rights the instance defines. A build whose schema gives
// no enumeration cannot be checked here: the read-back still is.
func (c *Client) checkRightsDefined(s *Schema, f Field, rights []string) error {
	enum := s.Collections[f.Campaign][f.Key]
	defined := s.Enumerations[enum]
	if enum == "" || len(defined) == 0 {
		return nil
	}
	var names []string
	for _, v := range defined {
		names = append(names, v.Name)
	}
	var unknown []string
	for _, r := range rights {
		if !slices.Contains(names, r) {
			unknown = append(unknown, r)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	return &UndefinedRightError{Rights: unknown, Closest: closest(unknown, names, 3), Build: c.build()}
}

func (c *Client) writeGroup(ctx context.Context, g, previous Record, attrs []string) (RecordWrite, error) {
	name := g.Get("name")
	doc := recordDocument(c.groups, g, previous, attrs)
	w, err := writeThenRead(ctx, c, "the Write of operator group "+strconv.Quote(name), doc, func(ctx context.Context) (Record, error) {
		return c.getRecord(ctx, c.groups, name, nil)
	})
	if err == nil && w.Stored != nil {
		c.keepGroup(name, w.Stored)
	} else {
		c.keepGroup(name, nil)
	}
	res := RecordWrite{Written: w, Attributes: attrs}
	c.settle(c.groups, &res, g, 0)
	return res, err
}

// keepGroup updates the kept group list after a write (stored: the group as
// read back) or a delete (nil), so that the next create or refresh of the
// same client needs no new list query.
func (c *Client) keepGroup(name string, stored Record) {
	c.groupsMu.Lock()
	defer c.groupsMu.Unlock()
	if c.groupList == nil {
		return
	}
	c.groupList = slices.DeleteFunc(c.groupList, func(g Record) bool { return g.Get("name") == name })
	if stored != nil {
		c.groupList = append(c.groupList, stored)
		slices.SortFunc(c.groupList, func(a, b Record) int { return strings.Compare(a.Get("name"), b.Get("name")) })
	}
}

// DeleteOperatorGroup deletes the group with that internal name (see
// deleteRecord). Callers check the members first (GroupMembers):
// deleting a group revokes its rights from its operators at once.
func (c *Client) DeleteOperatorGroup(ctx context.Context, name string) error {
	defer c.keepGroup(name, nil)
	return c.deleteRecord(ctx, c.groups, name)
}

// GroupMembers lists the logins of the operators of the group, sorted: one
// ExecuteQuery of the operator-group link (xtk:operatorGroup, links
// [@group-id] and operator, CAMPAIGN_API.md). A build whose link differs
// answers a fault: callers then refuse to delete rather than guess.
func (c *Client) GroupMembers(ctx context.Context, groupID string) ([]string, error) {
	q := soap.NewElement("queryDef", "schema", "xtk:operatorGroup", "operation", "select", "xtkschema", "xtk:queryDef").Add(
		soap.NewElement("select").Add(soap.NewElement("node", "expr", "[operator/@name]")),
		soap.NewElement("where").Add(soap.NewElement("condition", "expr", "@group-id="+soap.QuoteXtk(groupID))),
	)
	rows, err := c.queryCollection(ctx, q, "operatorGroup")
	if err != nil {
		return nil, fmt.Errorf("listing the operators of the group: %w", err)
	}
	var logins []string
	for _, r := range rows {
		if op := r.Child("operator"); op != nil {
			logins = append(logins, op.AttrOr("name", ""))
		}
	}
	sort.Strings(logins)
	return logins, nil
}

// closest returns up to n names of defined that are close to one of
// wanted, closest first: within an edit distance of a third of the wanted
// name (at least 2, case ignored), so that a typo gets its fix and a name
// like no other gets no suggestion rather than the first names on the list.
func closest(wanted, defined []string, n int) []string {
	type scored struct {
		name string
		d    int
	}
	var near []scored
	for _, d := range defined {
		best := -1
		for _, w := range wanted {
			dist := editDistance(strings.ToLower(w), strings.ToLower(d))
			if dist <= max(2, len([]rune(w))/3) && (best < 0 || dist < best) {
				best = dist
			}
		}
		if best >= 0 {
			near = append(near, scored{d, best})
		}
	}
	sort.SliceStable(near, func(i, j int) bool { return near[i].d < near[j].d })
	var out []string
	for _, s := range near[:min(n, len(near))] {
		out = append(out, s.name)
	}
	return out
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

// NamedRights are the named rights the instance defines: the enumeration
// of the xtk:group schema's named rights (one cached schema read); none on
// a build whose schema gives no enumeration.
func (c *Client) NamedRights(ctx context.Context) ([]string, error) {
	s, err := c.schemaOf(ctx, c.groups)
	if err != nil {
		return nil, err
	}
	rights, _ := c.groups.Field("right")
	var out []string
	for _, v := range s.Enumerations[s.Collections[rights.Campaign][rights.Key]] {
		out = append(out, v.Name)
	}
	return out, nil
}

// IMSLoginMask is the association mask Adobe ID logins go through: the
// mask of the instance's Adobe Experience Cloud account ("" when it has
// none, or no mask).
func (c *Client) IMSLoginMask(ctx context.Context) (string, error) {
	accounts, err := c.ListIMSAccounts(ctx)
	if err != nil {
		return "", err
	}
	mask, _ := c.accounts.Field("imsRightsMask")
	for _, a := range accounts {
		if m := a.Get(mask.Campaign); m != "" {
			return m, nil
		}
	}
	return "", nil
}
