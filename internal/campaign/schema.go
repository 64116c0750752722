package campaign

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// AccountSchema is what the instance's nms:extAccount schema says about the
// Adobe Experience Cloud account: its numeric type (not public) and the
// attributes this build has. Both come from one GetEntityIfMoreRecent, read
// once per client.
type AccountSchema struct {
	Type       int
	Attributes map[string]string // name -> console label
}

// Has reports whether the build's schema has the attribute.
func (s *AccountSchema) Has(attr string) bool {
	_, ok := s.Attributes[attr]
	return ok
}

// imsAccountTypeLabels are the labels of the nms:extAccount type enumeration
// entry for the Experience Cloud account, current and former.
var imsAccountTypeLabels = []string{"Adobe Experience Cloud", "Adobe Marketing Cloud"}

// IMSAccountType is the numeric @type of Adobe Experience Cloud accounts on
// this instance (see AccountSchema).
func (c *Client) IMSAccountType(ctx context.Context) (int, error) {
	s, err := c.AccountSchema(ctx)
	if err != nil {
		return 0, err
	}
	return s.Type, nil
}

// AccountSchema reads the nms:extAccount schema of the instance, once per client.
func (c *Client) AccountSchema(ctx context.Context) (*AccountSchema, error) {
	c.schemaMu.Lock()
	defer c.schemaMu.Unlock()
	if c.schema != nil {
		return c.schema, nil
	}
	resp, err := c.call(ctx, soap.Request{Service: "xtk:persist", Method: "GetEntityIfMoreRecent", Params: []soap.Param{
		soap.String("pk", "xtk:schema|"+schemaExtAccount), soap.String("md5", ""), soap.Bool("mustExist", false),
	}}, callOptions{})
	if err != nil {
		return nil, fmt.Errorf("reading the nms:extAccount schema to find the Adobe Experience Cloud account type: %w", err)
	}
	doc, err := resp.Element(0)
	if err != nil {
		return nil, err
	}
	if doc == nil || doc.Name != "schema" {
		return nil, fmt.Errorf("the instance did not return the nms:extAccount schema (Campaign answered %s where <schema> was expected)", describeElement(doc))
	}
	s, err := parseAccountSchema(doc)
	if err != nil {
		return nil, err
	}
	c.schema = s
	return s, nil
}

func parseAccountSchema(doc *soap.Element) (*AccountSchema, error) {
	s := &AccountSchema{Attributes: map[string]string{}}
	for _, el := range doc.ChildrenNamed("element") {
		if el.AttrOr("name", "") != "extAccount" {
			continue
		}
		for _, a := range el.ChildrenNamed("attribute") {
			s.Attributes[a.AttrOr("name", "")] = a.AttrOr("label", "")
		}
	}
	for _, enum := range doc.ChildrenNamed("enumeration") {
		if enum.AttrOr("name", "") != "type" {
			continue
		}
		for _, v := range enum.ChildrenNamed("value") {
			for _, label := range imsAccountTypeLabels {
				if strings.EqualFold(strings.TrimSpace(v.AttrOr("label", "")), label) {
					n, err := strconv.Atoi(v.AttrOr("value", ""))
					if err != nil {
						return nil, fmt.Errorf("the %q account type has a non-numeric value %q", label, v.AttrOr("value", ""))
					}
					s.Type = n
					return s, nil
				}
			}
		}
	}
	return nil, errors.New(`the nms:extAccount type enumeration of this instance has no "Adobe Experience Cloud" entry (nor the former "Adobe Marketing Cloud"); install the "Integration with the Adobe Experience Cloud" package first`)
}

// MissingAttributeError is a value the configuration sets for an attribute
// this build's nms:extAccount schema does not have: Campaign would ignore it
// silently, so nothing is written.
type MissingAttributeError struct {
	Attribute string // Campaign attribute, e.g. "imsRightsMask"
	Build     string // the instance's build number, when known
}

func (e *MissingAttributeError) Error() string {
	build := "this Campaign build"
	if e.Build != "" {
		build = "Campaign build " + e.Build
	}
	return fmt.Sprintf("%s has no nms:extAccount attribute %q: Campaign would ignore the value without an error, so nothing was written", build, e.Attribute)
}

// Build is the instance's build number from the session, or "" when the
// session does not say (bearer tokens).
func (c *Client) Build() string {
	c.auth.mu.Lock()
	defer c.auth.mu.Unlock()
	if s := c.auth.current; s != nil && s.info != nil {
		return s.info.Child("serverInfo").AttrOr("buildNumber", "")
	}
	return ""
}
