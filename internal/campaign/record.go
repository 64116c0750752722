package campaign

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// FieldKind says how a field's value travels between Campaign and the
// client's callers.
type FieldKind int

// Field kinds.
const (
	// Text is a string attribute, written and read as it is.
	Text FieldKind = iota
	// Flag is a boolean attribute: "1" or "true" reads as true; written "1" or "0".
	Flag
	// CommaList is a list kept comma-separated in one attribute.
	CommaList
	// Secret is written encrypted (xtk:session#EncryptPassword) and read
	// back encrypted: never compared, never returned in clear.
	Secret
	// Collection is a set of names kept as child elements of the record,
	// <Campaign Key="name"/>, written as the whole set.
	Collection
)

// Field is one attribute of a record type, described once: its name in
// Campaign's schema, in the provider, in the console, and how its value
// travels. The queries, the writes, the schema check and every message about
// the attribute derive from it. Campaign's attribute names are inferred
// (CAMPAIGN_API.md): the schema check tells when a build disagrees.
type Field struct {
	Campaign  string // attribute in Campaign's schema, e.g. "imsRightsMask"; for a Collection, the child element
	Terraform string // provider attribute, e.g. "matching_mask"
	Console   string // console label, e.g. "Association mask"
	Kind      FieldKind
	// Key is, for a Collection, the attribute of a child element that holds its name.
	Key string
}

// Path is where the field lives in the schema, for messages: "nms:extAccount/@imsRightsMask".
func (f Field) Path(schema string) string {
	if f.Kind == Collection {
		return schema + "/" + f.Campaign + "/@" + f.Key
	}
	return schema + "/@" + f.Campaign
}

// RecordType describes one kind of record the client reads and writes.
type RecordType struct {
	Kind    string // "external account", "operator group"
	Example string // an internal name of this kind, for messages: "Adobe_Marketing_Cloud"
	Schema  string // "nms:extAccount"
	Element string // "extAccount"
	Console string // where the console edits it
	// ReadOnly attributes are read, never written (Campaign sets them): an
	// attribute of the record ("id"), or of a child element
	// ("access/@authenticationType").
	ReadOnly []string
	// WriteOperation is the _operation of a write: "insertOrUpdate" (the
	// default), or "update" for a record a write must never create (an
	// operator: Campaign creates it at its first login).
	WriteOperation string
	// Fields are the written attributes, the internal name ("name") first.
	Fields []Field
}

// RecordTypes are every record type the client reads and writes; a new
// one is listed here (the client's tests hold each against the emulator's
// schema).
func RecordTypes() []*RecordType {
	return []*RecordType{IMSAccountRecord(), OperatorGroupRecord(), OperatorRecord()}
}

// Field finds a field by its Campaign or its Terraform name.
func (rt *RecordType) Field(name string) (Field, bool) {
	for _, f := range rt.Fields {
		if f.Campaign == name || f.Terraform == name {
			return f, true
		}
	}
	return Field{}, false
}

// attributes are every attribute a query may select, in order: read-only
// ones, then the fields (collections are selected as their child element).
func (rt *RecordType) attributes() []string {
	out := slices.Clone(rt.ReadOnly)
	for _, f := range rt.Fields {
		out = append(out, f.Campaign)
	}
	return out
}

// Record is one record as Campaign holds it: wire values by Campaign
// attribute. It has only the attributes Campaign answered: an absent one
// (an attribute the operator may not read) is not an empty one. A
// Collection's value is its names, sorted, joined by commas.
type Record map[string]string

// Name is the record's internal name (an operator's login).
func (r Record) Name() string { return r.Get("name") }

// ID is the record's @id ("" when not read).
func (r Record) ID() string { return r.Get("id") }

// Secret is the value of rt's secret field in r (the account's client
// secret, as Campaign returns it: encrypted), and whether Campaign returned
// the attribute at all (an operator may not be allowed to read it).
func (rt *RecordType) Secret(r Record) (string, bool) {
	for _, f := range rt.Fields {
		if f.Kind == Secret {
			return r.Get(f.Campaign), r.Has(f.Campaign)
		}
	}
	return "", false
}

// Get is the value of attr, "" when absent.
func (r Record) Get(attr string) string { return r[attr] }

// Has reports whether Campaign answered attr.
func (r Record) Has(attr string) bool {
	_, ok := r[attr]
	return ok
}

// Int is the value of attr as a number, 0 when absent or not a number.
func (r Record) Int(attr string) int {
	n, _ := strconv.Atoi(r[attr])
	return n
}

// List splits a CommaList or Collection value.
func (r Record) List(attr string) []string { return soap.SplitList(r[attr]) }

// SetList sets a CommaList value (kept in order) or, sorted, a Collection value.
func (r Record) SetList(f Field, values []string) {
	if f.Kind == Collection {
		values = slices.Sorted(slices.Values(values))
		values = slices.Compact(values)
	}
	r[f.Campaign] = strings.Join(values, ",")
}

// FlagValue is the wire value of a boolean.
func FlagValue(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// IsTrue reads a Flag value.
func IsTrue(v string) bool { return v == "1" || strings.EqualFold(v, "true") }

// recordFromElement reads a record from an answer element.
func recordFromElement(rt *RecordType, e *soap.Element) Record {
	r := Record{}
	for _, a := range rt.ReadOnly {
		el, attr := e, a
		if child, name, ok := strings.Cut(a, "/@"); ok {
			el, attr = e.Child(child), name
		}
		if v, ok := el.Attr(attr); ok {
			r[a] = v
		}
	}
	for _, f := range rt.Fields {
		if f.Kind != Collection {
			if v, ok := e.Attr(f.Campaign); ok {
				r[f.Campaign] = v
			}
			continue
		}
		var names []string
		for _, child := range e.ChildrenNamed(f.Campaign) {
			names = append(names, child.AttrOr(f.Key, ""))
		}
		r.SetList(f, names)
	}
	return r
}

// AttributeDifference is an attribute Campaign did not store as written.
type AttributeDifference struct {
	Field         Field
	Wrote, Stored string
}

// storedDifferences compares what Campaign stored with what was written:
// the attributes of written (Campaign names) whose values differ. Flags and
// lists compare by meaning ("true" is "1"; a collection is a set).
func storedDifferences(rt *RecordType, wrote, stored Record, written []string) []AttributeDifference {
	var out []AttributeDifference
	for _, name := range written {
		f, ok := rt.Field(name)
		if !ok || f.Kind == Secret {
			continue
		}
		w, s := wrote.Get(name), stored.Get(name)
		if f.Kind == Flag {
			w, s = FlagValue(IsTrue(w)), FlagValue(IsTrue(s))
		}
		if w != s {
			out = append(out, AttributeDifference{Field: f, Wrote: wrote.Get(name), Stored: stored.Get(name)})
		}
	}
	return out
}

// Hint is what a read learnt of the instance, which the caller keeps between
// provider processes (the provider keeps Bytes in private state), so that a
// new process reads a record without reading its schema first. It holds the
// attributes the build's schema has (older builds refuse a query naming an
// attribute they lack) and, for the account, its numeric type.
//
// What a read costs, per path:
//
//	account, no hint (first refresh after an import, or a state from before hints):
//	    1 ExecuteQuery: getIfExists by name, every attribute the client knows;
//	    it cannot see other accounts of the type, so duplicates are reported
//	    from the next refresh on. A build that lacks an attribute refuses the
//	    query: +1 schema read, +1 query with the attributes the build has.
//	account, with a hint:
//	    1 ExecuteQuery: select by name or by type, the hinted attributes;
//	    it also finds the other accounts of the type.
//	operator groups, any number of them, with or without a hint:
//	    1 ExecuteQuery per client for all groups and their named rights,
//	    whatever the number of groups (the client keeps the answer).
//
// A create or an update reads the schema once per client (the check of the
// written attributes needs it), so the hint matters to refreshes.
type Hint struct {
	Type       int      `json:"type,omitempty"`
	Attributes []string `json:"attributes,omitempty"`
}

// ParseHint reads a hint kept by the caller; anything unreadable is no hint.
func ParseHint(b []byte) Hint {
	var h Hint
	_ = json.Unmarshal(b, &h)
	return h
}

// Bytes is the hint for the caller to keep.
func (h Hint) Bytes() []byte {
	b, _ := json.Marshal(h)
	return b
}

// Hint is what this client knows of rt on the instance, to keep: the
// attributes of the schema when it was read (else those of previous), and
// recordType (0 for records without one).
func (c *Client) Hint(rt *RecordType, recordType int, previous Hint) Hint {
	h := Hint{Type: recordType, Attributes: previous.Attributes}
	if s := c.cachedSchema(rt.Schema); s != nil {
		h.Attributes = selectable(rt, s)
	}
	return h
}
