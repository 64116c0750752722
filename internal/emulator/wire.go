package emulator

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// The server half of Campaign's SOAP wire format: reading calls in every
// style Campaign accepts, writing answers and faults the way Campaign does.
// The calling half (and the XML tree both use) is internal/soap.

// incomingRequest is a call as a server receives it.
type incomingRequest struct {
	Service string // from the namespace of the method element, without "urn:"
	Method  string
	Header  *soap.Element   // SOAP-ENV:Header, may be nil
	Params  []*soap.Element // positional; Params[0] is the session token
}

// decodeRequest parses a call in any of the styles Campaign accepts (SDK,
// console, plain WSDL/soapUI): names and prefixes are ignored, positions count.
func decodeRequest(r io.Reader) (*incomingRequest, error) {
	root, err := soap.Parse(r)
	if err != nil {
		return nil, err
	}
	body, err := soap.EnvelopeBody(root)
	if err != nil {
		return nil, err
	}
	m := body.FirstChild()
	if m == nil {
		return nil, errors.New("SOAP body is empty")
	}
	return &incomingRequest{
		Service: strings.TrimPrefix(m.Space, "urn:"),
		Method:  m.Name,
		Header:  root.Child("Header"),
		Params:  m.Children,
	}, nil
}

// Text returns the text of parameter i, or "" when absent.
func (r *incomingRequest) Text(i int) string {
	if i >= len(r.Params) {
		return ""
	}
	return r.Params[i].Text
}

// XML returns the element carried by parameter i, or nil.
func (r *incomingRequest) XML(i int) *soap.Element {
	if i >= len(r.Params) {
		return nil
	}
	return r.Params[i].FirstChild()
}

// marshalResponse renders an answer the way Campaign does: single-quoted
// prolog, unprefixed <MethodResponse xmlns='urn:…'>, typed outputs.
func marshalResponse(service, method string, outputs ...soap.Param) []byte {
	var b bytes.Buffer
	ns := &bytes.Buffer{}
	soap.EscapeInto(ns, service)
	b.WriteString("<?xml version='1.0'?>\n<SOAP-ENV:Envelope xmlns:xsd='" + soap.NSXSD + "' xmlns:xsi='" + soap.NSXSI +
		"' xmlns:ns='urn:" + ns.String() + "' xmlns:SOAP-ENV='" + soap.NSEnvelope + "'>\n<SOAP-ENV:Body>\n")
	b.WriteString("<" + method + "Response xmlns='urn:" + ns.String() + "' SOAP-ENV:encodingStyle='" + soap.EncodingSOAP + "'>")
	for _, o := range outputs {
		soap.WriteParam(&b, o)
	}
	b.WriteString("</" + method + "Response>\n</SOAP-ENV:Body>\n</SOAP-ENV:Envelope>\n")
	return b.Bytes()
}

// marshalFault renders the fault envelope as Campaign sends it.
func marshalFault(f *soap.Fault) []byte {
	var b bytes.Buffer
	b.WriteString("<?xml version='1.0'?>\n<SOAP-ENV:Envelope xmlns:xsd='" + soap.NSXSD + "' xmlns:xsi='" + soap.NSXSI +
		"' xmlns:SOAP-ENV='" + soap.NSEnvelope + "'>\n<SOAP-ENV:Body>\n<SOAP-ENV:Fault>\n<faultcode>")
	soap.EscapeInto(&b, f.FaultCode)
	b.WriteString("</faultcode>\n<faultstring xsi:type='xsd:string'>")
	soap.EscapeInto(&b, f.FaultString)
	b.WriteString("</faultstring>\n")
	if f.Detail != "" {
		b.WriteString("<detail xsi:type='xsd:string'>")
		soap.EscapeInto(&b, f.Detail)
		b.WriteString("</detail>\n")
	}
	b.WriteString("</SOAP-ENV:Fault>\n</SOAP-ENV:Body>\n</SOAP-ENV:Envelope>\n")
	return b.Bytes()
}
