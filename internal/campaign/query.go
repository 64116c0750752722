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

// executeQuery is one xtk:queryDef#ExecuteQuery; it returns the output element.
func (c *Client) executeQuery(ctx context.Context, q *soap.Element) (*soap.Element, error) {
	resp, err := c.call(ctx, soap.Request{Service: "xtk:queryDef", Method: "ExecuteQuery",
		Params: []soap.Param{soap.Document("entity", q)}}, callOptions{})
	if err != nil {
		return nil, err
	}
	return resp.Element(0)
}

// queryCollection runs a select queryDef and returns the rows named row.
func (c *Client) queryCollection(ctx context.Context, q *soap.Element, row string) ([]*soap.Element, error) {
	out, err := c.executeQuery(ctx, q)
	if err != nil {
		return nil, err
	}
	return collectionRows(out, "querying "+q.AttrOr("schema", ""), row)
}

// queryPage is the rows a query asks for at a time: Campaign answers 200
// rows unless asked for more (Adobe's SDK docs), so lists are read page by page.
const queryPage = 500

// queryAll runs a select page by page (lineCount, startLine) until a page
// is not full.
func (c *Client) queryAll(ctx context.Context, q *soap.Element, row string) ([]*soap.Element, error) {
	var all []*soap.Element
	for start := 0; ; start += queryPage {
		q.SetAttr("lineCount", strconv.Itoa(queryPage))
		q.SetAttr("startLine", strconv.Itoa(start))
		rows, err := c.queryCollection(ctx, q, row)
		if err != nil {
			return nil, err
		}
		all = append(all, rows...)
		if len(rows) < queryPage {
			return all, nil
		}
	}
}

// collectionRows checks that out is the <row-collection> a select answers
// and returns its rows.
func collectionRows(out *soap.Element, what, row string) ([]*soap.Element, error) {
	if out == nil || out.Name != row+"-collection" {
		return nil, fmt.Errorf("%s: Campaign answered %s where <%s-collection> was expected", what, describeElement(out), row)
	}
	return out.ChildrenNamed(row), nil
}

// recordQuery is an ExecuteQuery of rt's attributes with one condition
// ("" for none). It selects the attributes of the schema when it was read,
// else those of the hint, else every attribute the client knows; a build
// without one of them refuses the query, and then the query is sent again
// with the attributes the schema has (one schema read per client).
func (c *Client) recordQuery(ctx context.Context, rt *RecordType, operation, condition string, hinted []string) (*soap.Element, error) {
	schema := c.cachedSchema(rt.Schema)
	attrs := selectable(rt, schema)
	if schema == nil && len(hinted) > 0 {
		attrs = hinted
	}
	out, err := c.recordQueryOf(ctx, rt, operation, condition, attrs)
	var f *Fault
	if schema != nil || !errors.As(err, &f) {
		return out, err
	}
	if schema, serr := c.schemaOf(ctx, rt); serr == nil && !slices.Equal(selectable(rt, schema), attrs) {
		return c.recordQueryOf(ctx, rt, operation, condition, selectable(rt, schema))
	}
	return out, err
}

func (c *Client) recordQueryOf(ctx context.Context, rt *RecordType, operation, condition string, attrs []string) (*soap.Element, error) {
	sel := soap.NewElement("select")
	for _, a := range attrs {
		expr := "@" + a
		if f, ok := rt.Field(a); (ok && f.Kind == Collection) || strings.Contains(a, "/@") {
			expr = "[" + a + "]" // the child elements, whole, or an attribute of a child
		}
		sel.Add(soap.NewElement("node", "expr", expr))
	}
	q := soap.NewElement("queryDef", "schema", rt.Schema, "operation", operation, "xtkschema", "xtk:queryDef").Add(sel)
	if condition != "" {
		q.Add(soap.NewElement("where").Add(soap.NewElement("condition", "expr", condition)))
	}
	if operation != "select" {
		return c.executeQuery(ctx, q)
	}
	q.Add(soap.NewElement("orderBy").Add(soap.NewElement("node", "expr", "@name")))
	rows, err := c.queryAll(ctx, q, rt.Element)
	if err != nil {
		return nil, err
	}
	return soap.NewElement(rt.Element + "-collection").Add(rows...), nil
}

// selectRecords runs a select of rt and decodes the collection.
func (c *Client) selectRecords(ctx context.Context, rt *RecordType, what, condition string, hinted []string) ([]Record, error) {
	out, err := c.recordQuery(ctx, rt, "select", condition, hinted)
	if err != nil {
		return nil, err
	}
	rows, err := collectionRows(out, what, rt.Element)
	if err != nil {
		return nil, err
	}
	records := []Record{}
	for _, e := range rows {
		records = append(records, recordFromElement(rt, e))
	}
	return records, nil
}

// getRecord reads the record of rt with that internal name (getIfExists).
// A missing record is a *NotFoundError; an answer that is not the record's
// element is an error, never "not found" (which would drop it from state).
func (c *Client) getRecord(ctx context.Context, rt *RecordType, name string, hinted []string) (Record, error) {
	out, err := c.recordQuery(ctx, rt, "getIfExists", "@name="+soap.QuoteXtk(name), hinted)
	if err != nil {
		return nil, err
	}
	// getIfExists answers an empty element when there is no match.
	if out == nil || out.Name != rt.Element {
		return nil, fmt.Errorf("querying %s %q: Campaign answered %s where <%s> was expected", rt.Kind, name, describeElement(out), rt.Element)
	}
	if out.AttrOr("id", "") == "" {
		return nil, &NotFoundError{Kind: rt.Kind, Name: name}
	}
	if got := out.AttrOr("name", ""); got != name {
		return nil, fmt.Errorf("querying %s %q returned %s %q", rt.Kind, name, strings.TrimPrefix(rt.Kind, "external "), got)
	}
	return recordFromElement(rt, out), nil
}

// describeElement names an unexpected answer element for an error message.
func describeElement(e *soap.Element) string {
	if e == nil {
		return "no element"
	}
	return "<" + e.Name + ">"
}
