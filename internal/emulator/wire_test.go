package emulator

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// The emulator reads what the provider's client sends, positionally.
func TestDecodeRequestReadsTheClientsEnvelope(t *testing.T) {
	req := &soap.Request{Service: "xtk:session", Method: "Logon", Params: []soap.Param{
		soap.String("login", "admin"), soap.String("password", `p<a"ss'&`), soap.ElementParam("parameters", nil),
	}}
	in, err := decodeRequest(bytes.NewReader(req.Marshal()))
	if err != nil {
		t.Fatal(err)
	}
	if in.Service != "xtk:session" || in.Method != "Logon" || in.Text(1) != "admin" || in.Text(2) != `p<a"ss'&` {
		t.Fatalf("decoded: %+v", in)
	}
}

// A fault the emulator renders is decoded by the client's decoder as sent.
func TestMarshalFaultRoundTrips(t *testing.T) {
	var f *soap.Fault
	_, err := soap.DecodeResponse(bytes.NewReader(marshalFault(soap.NewFault("SOAP-ENV:Client", "XSV-350008 Session has expired or is invalid. Please reconnect.", "a <b> & c"))))
	if !errors.As(err, &f) || f.Code != "XSV-350008" || f.Detail != "a <b> & c" {
		t.Fatalf("round trip: %+v", err)
	}
}

func TestDecodeRequestStyles(t *testing.T) {
	// (b) Adobe documentation style and (c) console style from §2.1, plus the SDK ExecuteQuery of §2.7.
	docs := `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:xtk:session">
<soapenv:Header/>
<soapenv:Body>
<urn:Logon>
<urn:sessiontoken></urn:sessiontoken>
<urn:strLogin>LOGIN_HERE</urn:strLogin>
<urn:strPassword>PASSWORD_HERE</urn:strPassword>
<urn:elemParameters></urn:elemParameters>
</urn:Logon>
</soapenv:Body>
</soapenv:Envelope>`
	console := `<?xml version='1.0'?>
<SOAP-ENV:Envelope xmlns:xsd='http://www.w3.org/2001/XMLSchema'
    xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xmlns:ns='urn:xtk:session'
    xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'>
    <SOAP-ENV:Body>
        <Logon xmlns='urn:xtk:session'
            SOAP-ENV:encodingStyle='http://schemas.xmlsoap.org/soap/encoding/'>
            <__sessiontoken xsi:type='xsd:string'></__sessiontoken>
            <strLogin xsi:type='xsd:string'>admin</strLogin>
            <strPassword xsi:type='xsd:string'>admin</strPassword>
            <elemParameters xsi:type='ns:Element'
                SOAP-ENV:encodingStyle='http://xml.apache.org/xml-soap/literalxml'>
            </elemParameters>
        </Logon>
    </SOAP-ENV:Body>
</SOAP-ENV:Envelope>`
	for name, body := range map[string]string{"docs": docs, "console": console} {
		in, err := decodeRequest(strings.NewReader(body))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if in.Service != "xtk:session" || in.Method != "Logon" || len(in.Params) != 4 {
			t.Fatalf("%s: %+v", name, in)
		}
	}
	sdkQuery := `<SOAP-ENV:Envelope xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns="http://xml.apache.org/xml-soap"><SOAP-ENV:Header><Cookie>__sessiontoken=___$session_token$</Cookie><X-Security-Token>@$security_token$==</X-Security-Token></SOAP-ENV:Header><SOAP-ENV:Body><m:ExecuteQuery xmlns:m="urn:xtk:queryDef" SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><sessiontoken xsi:type="xsd:string">___$session_token$</sessiontoken><document xsi:type="" SOAP-ENV:encodingStyle="http://xml.apache.org/xml-soap/literalxml"><queryDef schema="nms:extAccount" operation="getIfExists" xtkschema="xtk:queryDef"><select><node expr="@id"/><node expr="@name"/><node expr="@password"/></select><where><condition expr="@name='Adobe_Marketing_Cloud'"/></where></queryDef></document></m:ExecuteQuery></SOAP-ENV:Body></SOAP-ENV:Envelope>`
	in, err := decodeRequest(strings.NewReader(sdkQuery))
	if err != nil {
		t.Fatal(err)
	}
	q := in.XML(1)
	if in.Service != "xtk:queryDef" || q.Name != "queryDef" || q.Child("where").Child("condition").AttrOr("expr", "") != "@name='Adobe_Marketing_Cloud'" {
		t.Fatalf("query: %+v", in)
	}
	if in.Header.Child("X-Security-Token").Text != "@$security_token$==" {
		t.Fatal("security token header element not read")
	}
}
