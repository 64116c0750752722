package campaign

import (
	"context"
	"fmt"
	"strings"

	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// Schema is what an instance's schema says of a record type: the
// attributes and collections its build has (with their console labels), and
// its enumerations. Read once per client and schema (GetEntityIfMoreRecent).
type Schema struct {
	Name       string
	Attributes map[string]string // attribute, or collection child element -> label
	// Collections: child element -> its attributes.
	Collections  map[string]map[string]string
	Enumerations map[string][]EnumValue
}

// EnumValue is one value of a schema enumeration.
type EnumValue struct{ Name, Label, Value string }

// Has reports whether the build's schema has the field: an attribute, or for
// a Collection, the child element with its key attribute.
func (s *Schema) Has(f Field) bool {
	if f.Kind == Collection {
		_, ok := s.Collections[f.Campaign][f.Key]
		return ok
	}
	_, ok := s.Attributes[f.Campaign]
	return ok
}

// HasAttribute reports whether the schema has an attribute: of the record
// ("id"), or of a child element ("access/@authenticationType").
func (s *Schema) HasAttribute(name string) bool {
	if child, attr, ok := strings.Cut(name, "/@"); ok {
		_, has := s.Collections[child][attr]
		return has
	}
	_, ok := s.Attributes[name]
	return ok
}

// cachedSchema is the schema read so far, or nil.
func (c *Client) cachedSchema(name string) *Schema {
	c.schemaMu.Lock()
	defer c.schemaMu.Unlock()
	return c.schemas[name]
}

// schemaOf reads the schema of rt from the instance, once per client.
// schemaMu is held during the read, so concurrent callers wait for one
// GetEntityIfMoreRecent (lock order: schemaMu before the session's auth.mu).
func (c *Client) schemaOf(ctx context.Context, rt *RecordType) (*Schema, error) {
	c.schemaMu.Lock()
	defer c.schemaMu.Unlock()
	if s := c.schemas[rt.Schema]; s != nil {
		return s, nil
	}
	resp, err := c.call(ctx, soap.Request{Service: "xtk:persist", Method: "GetEntityIfMoreRecent", Params: []soap.Param{
		soap.String("pk", "xtk:schema|"+rt.Schema), soap.String("md5", ""), soap.Bool("mustExist", false),
	}}, callOptions{})
	if err != nil {
		return nil, fmt.Errorf("reading the %s schema: %w", rt.Schema, err)
	}
	doc, err := resp.Element(0)
	if err != nil {
		return nil, err
	}
	if doc == nil || doc.Name != "schema" {
		return nil, fmt.Errorf("the instance did not return the %s schema (Campaign answered %s where <schema> was expected)", rt.Schema, describeElement(doc))
	}
	s := parseSchema(rt, doc)
	if c.schemas == nil {
		c.schemas = map[string]*Schema{}
	}
	c.schemas[rt.Schema] = s
	return s, nil
}

func parseSchema(rt *RecordType, doc *soap.Element) *Schema {
	s := &Schema{Name: rt.Schema, Attributes: map[string]string{}, Collections: map[string]map[string]string{}, Enumerations: map[string][]EnumValue{}}
	for _, el := range doc.ChildrenNamed("element") {
		if el.AttrOr("name", "") != rt.Element {
			continue
		}
		for _, a := range el.ChildrenNamed("attribute") {
			s.Attributes[a.AttrOr("name", "")] = a.AttrOr("label", "")
		}
		for _, child := range el.ChildrenNamed("element") {
			attrs := map[string]string{}
			for _, a := range child.ChildrenNamed("attribute") {
				attrs[a.AttrOr("name", "")] = a.AttrOr("enum", "")
			}
			s.Collections[child.AttrOr("name", "")] = attrs
			s.Attributes[child.AttrOr("name", "")] = child.AttrOr("label", "")
		}
	}
	for _, enum := range doc.ChildrenNamed("enumeration") {
		var values []EnumValue
		for _, v := range enum.ChildrenNamed("value") {
			values = append(values, EnumValue{Name: v.AttrOr("name", ""), Label: v.AttrOr("label", ""), Value: v.AttrOr("value", "")})
		}
		s.Enumerations[enum.AttrOr("name", "")] = values
	}
	return s
}

// selectable are the attributes of rt that a query may name on a build:
// those its schema has, or every one the client knows without a schema.
func selectable(rt *RecordType, s *Schema) []string {
	if s == nil {
		return rt.attributes()
	}
	var out []string
	for _, a := range rt.ReadOnly {
		if s.HasAttribute(a) {
			out = append(out, a)
		}
	}
	for _, f := range rt.Fields {
		if s.Has(f) {
			out = append(out, f.Campaign)
		}
	}
	return out
}

// build is the instance's build number from the session, or "" when the
// session does not say (bearer tokens).
func (c *Client) build() string {
	c.auth.mu.Lock()
	defer c.auth.mu.Unlock()
	if s := c.auth.current; s != nil && s.info != nil {
		return s.info.Child("serverInfo").AttrOr("buildNumber", "")
	}
	return ""
}
