package soap

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// Namespaces and encoding styles of Campaign's SOAP dialect.
const (
	NSEnvelope      = "http://schemas.xmlsoap.org/soap/envelope/"
	NSXSD           = "http://www.w3.org/2001/XMLSchema"
	NSXSI           = "http://www.w3.org/2001/XMLSchema-instance"
	NSApacheSOAP    = "http://xml.apache.org/xml-soap"
	EncodingSOAP    = "http://schemas.xmlsoap.org/soap/encoding/"
	EncodingLiteral = "http://xml.apache.org/xml-soap/literalxml"
)

// xsi:type values used by parameters and outputs.
const (
	TypeString   = "xsd:string"
	TypeBoolean  = "xsd:boolean"
	TypeByte     = "xsd:byte"
	TypeInt      = "xsd:int"
	TypeElement  = "ns:Element" // XML element, literalxml encoding
	TypeDocument = ""           // DOMDocument: xsi:type="" and literalxml encoding
)

// Param is one positional parameter of a call, or one output of an answer.
// Names are informative only: Campaign reads parameters by position.
type Param struct {
	Name    string
	Type    string
	Value   string   // scalar types
	Element *Element // TypeElement and TypeDocument; nil means empty
}

// String is a string parameter.
func String(name, value string) Param { return Param{Name: name, Type: TypeString, Value: value} }

// Bool is a boolean parameter.
func Bool(name string, value bool) Param {
	v := "false"
	if value {
		v = "true"
	}
	return Param{Name: name, Type: TypeBoolean, Value: v}
}

// ElementParam is an XML element parameter (ns:Element, literal XML).
func ElementParam(name string, e *Element) Param {
	return Param{Name: name, Type: TypeElement, Element: e}
}

// Document is a DOMDocument parameter (xsi:type="", literal XML).
func Document(name string, e *Element) Param {
	return Param{Name: name, Type: TypeDocument, Element: e}
}

func (p Param) isXML() bool { return p.Type == TypeElement || p.Type == TypeDocument }

// Request is one SOAP call.
type Request struct {
	// Service is the schema id the call is dispatched to, e.g. "xtk:session";
	// interface methods use "xtk:persist" or "xtk:persist|xtk:session".
	Service string
	Method  string
	// SessionToken fills the mandatory first positional parameter; it stays
	// empty for bearer-token calls and for Logon.
	SessionToken string
	Params       []Param
}

// Action is the SOAPAction of the request: "<service>#<method>".
func (r *Request) Action() string { return r.Service + "#" + r.Method }

// Marshal renders the envelope in the SDK's style: UTF-8, an "m:" prefixed
// method element whose first child is always <sessiontoken>.
func (r *Request) Marshal() []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>`)
	b.WriteString(`<SOAP-ENV:Envelope xmlns:xsd="` + NSXSD + `" xmlns:xsi="` + NSXSI +
		`" xmlns:SOAP-ENV="` + NSEnvelope + `" xmlns:ns="` + NSApacheSOAP + `"><SOAP-ENV:Body>`)
	b.WriteString(`<m:` + r.Method + ` xmlns:m="urn:`)
	EscapeInto(&b, r.Service)
	b.WriteString(`" SOAP-ENV:encodingStyle="` + EncodingSOAP + `">`)
	WriteParam(&b, String("sessiontoken", r.SessionToken))
	for _, p := range r.Params {
		WriteParam(&b, p)
	}
	b.WriteString(`</m:` + r.Method + `></SOAP-ENV:Body></SOAP-ENV:Envelope>`)
	return b.Bytes()
}

// WriteParam renders one typed parameter or output element.
func WriteParam(b *bytes.Buffer, p Param) {
	b.WriteString("<" + p.Name + ` xsi:type="` + p.Type + `"`)
	if p.isXML() {
		b.WriteString(` SOAP-ENV:encodingStyle="` + EncodingLiteral + `"`)
	}
	switch {
	case p.isXML() && p.Element != nil:
		b.WriteByte('>')
		p.Element.WriteTo(b)
	case !p.isXML() && p.Value != "":
		b.WriteByte('>')
		EscapeInto(b, p.Value)
	default:
		b.WriteString("/>")
		return
	}
	b.WriteString("</" + p.Name + ">")
}

// Response is a decoded, successful answer: its outputs in order.
type Response struct {
	Method  string // local name of the response element, e.g. "LogonResponse"
	Outputs []*Element
}

// String returns output i as text.
func (r *Response) String(i int) (string, error) {
	if i >= len(r.Outputs) {
		return "", fmt.Errorf("%s: the answer lacks output #%d", r.Method, i+1)
	}
	return r.Outputs[i].Text, nil
}

// Element returns the XML content of output i (the element inside the
// literal-XML wrapper), or nil when the output is empty.
func (r *Response) Element(i int) (*Element, error) {
	if i >= len(r.Outputs) {
		return nil, fmt.Errorf("%s: the answer lacks output #%d", r.Method, i+1)
	}
	return r.Outputs[i].FirstChild(), nil
}

// DecodeResponse parses an answer. A SOAP fault, whatever the HTTP status it
// came with, is returned as a *Fault error.
func DecodeResponse(r io.Reader) (*Response, error) {
	root, err := Parse(r)
	if err != nil {
		return nil, err
	}
	body, err := EnvelopeBody(root)
	if err != nil {
		return nil, err
	}
	first := body.FirstChild()
	if first == nil {
		return nil, errors.New("SOAP body is empty")
	}
	if first.Name == "Fault" {
		return nil, faultFromElement(first)
	}
	return &Response{Method: first.Name, Outputs: first.Children}, nil
}

// EnvelopeBody returns the Body of a SOAP envelope.
func EnvelopeBody(root *Element) (*Element, error) {
	if root.Name != "Envelope" {
		return nil, fmt.Errorf("not a SOAP envelope (root element <%s>)", root.Name)
	}
	body := root.Child("Body")
	if body == nil {
		return nil, errors.New("SOAP envelope has no Body")
	}
	return body, nil
}

// Fault is a SOAP fault answered by Campaign.
type Fault struct {
	FaultCode   string // SOAP-ENV:Client, SOAP-ENV:Server, SOAP-ENV:Error
	FaultString string
	Detail      string
	// Code is the Campaign error code at the start of the fault string
	// (e.g. "SOP-330011"), or empty on builds that omit it.
	Code string
}

var errorCodePattern = regexp.MustCompile(`\b([A-Z]{3}-\d{6})\b`)

// NewFault builds a fault, deriving Code from the fault string.
func NewFault(faultCode, faultString, detail string) *Fault {
	f := &Fault{FaultCode: faultCode, FaultString: faultString, Detail: detail}
	if m := errorCodePattern.FindStringSubmatch(faultString); m != nil && strings.HasPrefix(faultString, m[1]) {
		f.Code = m[1]
	}
	return f
}

// BareFault reads an answer that is not SOAP but a line of text starting
// with a Campaign error code, as some builds send a refused Logon ("XSV-350012
// Invalid login or password…", HTTP 403) and as Adobe's SDK looks for an
// expired session (XSV-350008) in any failed answer; nil for any other text.
func BareFault(body []byte) *Fault {
	text := strings.Join(strings.Fields(string(body[:min(len(body), 1024)])), " ")
	if len(text) > 500 {
		text = text[:500] + "…"
	}
	if m := errorCodePattern.FindStringSubmatchIndex(text); m == nil || m[0] != 0 {
		return nil
	}
	return NewFault("", text, "")
}

func faultFromElement(e *Element) *Fault {
	return NewFault(strings.TrimSpace(e.ChildText("faultcode")),
		strings.TrimSpace(e.ChildText("faultstring")),
		strings.TrimSpace(e.ChildText("detail")))
}

func (f *Fault) Error() string {
	msg := f.FaultString
	if msg == "" {
		msg = "SOAP fault " + f.FaultCode
	}
	if f.Detail != "" {
		msg += " (" + f.Detail + ")"
	}
	return msg
}

// Has reports whether the given Campaign error code appears anywhere in the
// fault: the code in the fault string or a nested code in the detail.
func (f *Fault) Has(code string) bool {
	return f.Code == code || strings.Contains(f.FaultString, code) || strings.Contains(f.Detail, code)
}
