// Package soap is the wire codec of Campaign's SOAP router: a small XML tree,
// request envelopes in the style of the official SDK, and response/fault
// decoding that matches elements on local names only (Campaign varies the
// namespaces of its answers from one method to the next).
//
// It is the calling side of the wire format and the XML tree both sides use:
// the API client (internal/campaign) and every test client import it; the
// server side (reading calls in every style, writing Campaign's answers and
// faults) lives with the emulator. It has no knowledge of sessions,
// transport or Terraform.
package soap

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Limits that keep a hostile or broken server answer from exhausting memory.
const (
	// MaxDocumentBytes bounds any document the codec reads.
	MaxDocumentBytes = 8 << 20
	maxDepth         = 128
	maxElements      = 200_000
)

// ErrTooLarge is returned when a document exceeds MaxDocumentBytes.
var ErrTooLarge = errors.New("XML document exceeds the size limit (8 MiB)")

// Attr is an XML attribute. Name is the local name; Space is the namespace
// URI it was declared in (empty for the plain attributes of Campaign entities).
type Attr struct {
	Space string
	Name  string
	Value string
}

// Element is one node of a parsed or constructed XML document.
type Element struct {
	Space    string // namespace URI (decoded documents only)
	Name     string // local name
	Attrs    []Attr
	Children []*Element
	Text     string // concatenated character data directly inside the element
}

// NewElement builds an element with the given local name and attributes,
// given as name/value pairs.
func NewElement(name string, attrs ...string) *Element {
	e := &Element{Name: name}
	for i := 0; i+1 < len(attrs); i += 2 {
		e.SetAttr(attrs[i], attrs[i+1])
	}
	return e
}

// Attr returns the value of the attribute with the given local name.
func (e *Element) Attr(name string) (string, bool) {
	if e == nil {
		return "", false
	}
	for _, a := range e.Attrs {
		if a.Name == name && a.Space != "xmlns" {
			return a.Value, true
		}
	}
	return "", false
}

// AttrOr returns the attribute value, or def when it is absent.
func (e *Element) AttrOr(name, def string) string {
	if v, ok := e.Attr(name); ok {
		return v
	}
	return def
}

// SetAttr sets (or replaces) a plain attribute.
func (e *Element) SetAttr(name, value string) {
	for i, a := range e.Attrs {
		if a.Name == name && a.Space == "" {
			e.Attrs[i].Value = value
			return
		}
	}
	e.Attrs = append(e.Attrs, Attr{Name: name, Value: value})
}

// Add appends children and returns the receiver, for chaining.
func (e *Element) Add(children ...*Element) *Element {
	e.Children = append(e.Children, children...)
	return e
}

// Child returns the first child with the given local name.
func (e *Element) Child(name string) *Element {
	if e == nil {
		return nil
	}
	for _, c := range e.Children {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// ChildText returns the text of the first child with the given local name,
// or "" when there is none.
func (e *Element) ChildText(name string) string {
	if c := e.Child(name); c != nil {
		return c.Text
	}
	return ""
}

// ChildrenNamed returns every child with the given local name.
func (e *Element) ChildrenNamed(name string) []*Element {
	if e == nil {
		return nil
	}
	var out []*Element
	for _, c := range e.Children {
		if c.Name == name {
			out = append(out, c)
		}
	}
	return out
}

// FirstChild returns the first child element, or nil.
func (e *Element) FirstChild() *Element {
	if e == nil || len(e.Children) == 0 {
		return nil
	}
	return e.Children[0]
}

// Parse reads one XML document into a tree. Undeclared entities, DTDs with
// entity definitions, documents nested deeper than 128 levels and documents
// over MaxDocumentBytes are rejected, so that no answer can expand without bound.
func Parse(r io.Reader) (*Element, error) {
	lr := &io.LimitedReader{R: r, N: MaxDocumentBytes + 1}
	dec := xml.NewDecoder(lr)
	dec.Strict = true
	var (
		root  *Element
		stack []*Element
		count int
	)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if lr.N <= 0 {
			return nil, ErrTooLarge
		}
		if err != nil {
			return nil, fmt.Errorf("malformed XML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			count++
			if count > maxElements {
				return nil, errors.New("malformed XML: too many elements")
			}
			if len(stack) >= maxDepth {
				return nil, errors.New("malformed XML: nesting too deep")
			}
			el := &Element{Space: t.Name.Space, Name: t.Name.Local}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
					continue
				}
				el.Attrs = append(el.Attrs, Attr{Space: a.Name.Space, Name: a.Name.Local, Value: a.Value})
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, errors.New("malformed XML: more than one root element")
				}
				root = el
			} else {
				parent := stack[len(stack)-1]
				parent.Children = append(parent.Children, el)
			}
			stack = append(stack, el)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].Text += string(t)
			}
		case xml.Directive:
			// A DOCTYPE could declare entities; Campaign never sends one.
			return nil, errors.New("malformed XML: DTD directives are not accepted")
		}
	}
	if lr.N <= 0 {
		return nil, ErrTooLarge
	}
	if root == nil {
		return nil, errors.New("malformed XML: no root element")
	}
	if len(stack) != 0 {
		return nil, errors.New("malformed XML: unexpected end of document")
	}
	return root, nil
}

// ParseString is Parse on a string.
func ParseString(s string) (*Element, error) { return Parse(strings.NewReader(s)) }

// WriteTo serialises the element (plain attributes and children, no
// namespaces of its own) into buf.
func (e *Element) WriteTo(buf *bytes.Buffer) {
	buf.WriteByte('<')
	buf.WriteString(e.Name)
	for _, a := range e.Attrs {
		if a.Space != "" {
			continue // namespaced attributes of decoded documents are not re-emitted
		}
		buf.WriteByte(' ')
		buf.WriteString(a.Name)
		buf.WriteString(`="`)
		EscapeInto(buf, a.Value)
		buf.WriteByte('"')
	}
	text := e.Text
	if len(e.Children) > 0 && strings.TrimSpace(text) == "" {
		text = "" // the indentation of a parsed document, not content
	}
	if len(e.Children) == 0 && text == "" {
		buf.WriteString("/>")
		return
	}
	buf.WriteByte('>')
	escapeText(buf, text)
	for _, c := range e.Children {
		c.WriteTo(buf)
	}
	buf.WriteString("</")
	buf.WriteString(e.Name)
	buf.WriteByte('>')
}

// String serialises the element.
func (e *Element) String() string {
	var b bytes.Buffer
	e.WriteTo(&b)
	return b.String()
}

// escapeText writes character data: &, < and > escaped, line breaks and
// tabs as they are (only attribute values need them as references).
func escapeText(buf *bytes.Buffer, s string) {
	var esc bytes.Buffer
	EscapeInto(&esc, s)
	buf.WriteString(strings.NewReplacer("&#xA;", "\n", "&#x9;", "\t").Replace(esc.String()))
}

// EscapeInto writes s escaped for use in XML text or a double-quoted attribute.
// Characters XML 1.0 cannot carry become U+FFFD (see encoding/xml.EscapeText).
func EscapeInto(buf *bytes.Buffer, s string) {
	_ = xml.EscapeText(buf, []byte(s))
}
