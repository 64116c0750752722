package soap

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// Answers shaped like the public captures of CAMPAIGN_API.md (Logon, Write, ExecuteQuery, faults).
const logonResponse = `<?xml version='1.0'?>
    <SOAP-ENV:Envelope xmlns:xsd='http://www.w3.org/2001/XMLSchema' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xmlns:ns='urn:xtk:session' xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'>
    <SOAP-ENV:Body>
        <LogonResponse xmlns='urn:xtk:session' SOAP-ENV:encodingStyle='http://schemas.xmlsoap.org/soap/encoding/'>
            <pstrSessionToken xsi:type='xsd:string'>___$session_token$</pstrSessionToken>
            <pSessionInfo xsi:type='ns:Element' SOAP-ENV:encodingStyle='http://xml.apache.org/xml-soap/literalxml'>
            <sessionInfo>
                <serverInfo advisedClientBuildNumber="0" allowSQL="false" buildNumber="9219" commitId="f5f3ec3" databaseId="uFE80000000000000F1FA913DD7CC7C480041161C" defaultNameSpace="cus" fohVersion="2" instanceName="ffdamkt" majNumber="6" minClientBuildNumber="8969" minNumber="7" minNumberTechnical="0" releaseName="20.3" securityTimeOut="86400" serverDate="2020-07-05 14:11:31.986Z" servicePack="0" sessionTimeOut="86400" useVault="false"/>
                    <userInfo datakitInDatabase="true" homeDir="" instanceLocale="en" locale="en" login="admin" loginCS="Administrator (admin)" loginId="1059" noConsoleCnx="false" orgUnitId="0" theme="" timezone="Europe/Paris">
                        <login-group id="1060"/>
                        <login-right right="admin"/>
                        <installed-package name="campaign" namespace="nms"/>
                        <installed-package name="core" namespace="nms"/>
                    </userInfo>
                </sessionInfo>
            </pSessionInfo>
            <pstrSecurityToken xsi:type='xsd:string'>@$security_token$==</pstrSecurityToken>
        </LogonResponse>
    </SOAP-ENV:Body>
    </SOAP-ENV:Envelope>`

const writeResponse = `<?xml version='1.0'?>
<SOAP-ENV:Envelope xmlns:xsd='http://www.w3.org/2001/XMLSchema' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xmlns:ns='urn:wpp:default' xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'>
<SOAP-ENV:Body>
<WriteResponse xmlns='urn:wpp:default' SOAP-ENV:encodingStyle='http://schemas.xmlsoap.org/soap/encoding/'>
</WriteResponse>
</SOAP-ENV:Body>
</SOAP-ENV:Envelope>`

const executeQueryResponse = `<?xml version='1.0'?>
<SOAP-ENV:Envelope
	xmlns:xsd='http://www.w3.org/2001/XMLSchema'
	xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'
	xmlns:ns='urn:xtk:queryDef'
	xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'>
	<SOAP-ENV:Body>
		<ExecuteQueryResponse
			xmlns='urn:xtk:queryDef' SOAP-ENV:encodingStyle='http://schemas.xmlsoap.org/soap/encoding/'>
			<pdomOutput xsi:type='ns:Element' SOAP-ENV:encodingStyle='http://xml.apache.org/xml-soap/literalxml'>
				<extAccount account="postgres" active="1" dbName="fda" dbSchema="public" id="4510" label="Postgres (2)" name="pg2" password="@S/U/D7xOdZfRAwf3+WRM3w==" port="" provider="PostgreSQL" server="localhost" timezone="_server_" unicodeData="1"></extAccount>
			</pdomOutput>
		</ExecuteQueryResponse>
	</SOAP-ENV:Body>
</SOAP-ENV:Envelope>`

const faultResponse = `<?xml version='1.0'?>
    <SOAP-ENV:Envelope xmlns:xsd='http://www.w3.org/2001/XMLSchema' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'>
    <SOAP-ENV:Body>
    <SOAP-ENV:Fault>
       <faultcode>SOAP-ENV:Client</faultcode>
       <faultstring xsi:type='xsd:string'>SOP-330011 Error while executing the method 'GetModifiedEntities' of service 'xtk:session'.</faultstring>
    </SOAP-ENV:Fault>
    </SOAP-ENV:Body>
    </SOAP-ENV:Envelope>`

const writeFaultNoCode = `<?xml version='1.0'?>
<SOAP-ENV:Envelope xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'>
  <SOAP-ENV:Body>
    <SOAP-ENV:Fault>
      <faultcode>SOAP-ENV:Server</faultcode>
      <faultstring xsi:type="xsd:string">Error while executing the method 'Write' of service 'xtk:persist'.</faultstring>
      <detail xsi:type="xsd:string">PostgreSQL error: ERROR:  duplicate key violates unique constraint &quot;nmsrecipient_id&quot;Impossible to save document of type 'Recipients (nms:recipient)'</detail>
    </SOAP-ENV:Fault>
  </SOAP-ENV:Body>
</SOAP-ENV:Envelope>`

func TestDecodeLogonResponse(t *testing.T) {
	resp, err := DecodeResponse(strings.NewReader(logonResponse))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Method != "LogonResponse" || len(resp.Outputs) != 3 {
		t.Fatalf("got %s with %d outputs", resp.Method, len(resp.Outputs))
	}
	session, _ := resp.String(0)
	security, _ := resp.String(2)
	if session != "___$session_token$" || security != "@$security_token$==" {
		t.Fatalf("tokens: %q %q", session, security)
	}
	info, err := resp.Element(1)
	if err != nil || info == nil || info.Name != "sessionInfo" {
		t.Fatalf("session info: %v %v", info, err)
	}
	if got := info.Child("serverInfo").AttrOr("instanceName", ""); got != "ffdamkt" {
		t.Fatalf("instanceName %q", got)
	}
	pkgs := info.Child("userInfo").ChildrenNamed("installed-package")
	if len(pkgs) != 2 || pkgs[1].AttrOr("name", "") != "core" {
		t.Fatalf("installed packages: %v", pkgs)
	}
}

func TestDecodeEmptyAndQueryResponses(t *testing.T) {
	resp, err := DecodeResponse(strings.NewReader(writeResponse))
	if err != nil || resp.Method != "WriteResponse" || len(resp.Outputs) != 0 {
		t.Fatalf("write: %+v %v", resp, err)
	}
	resp, err = DecodeResponse(strings.NewReader(executeQueryResponse))
	if err != nil {
		t.Fatal(err)
	}
	acc, _ := resp.Element(0)
	if acc.Name != "extAccount" || acc.AttrOr("password", "") != "@S/U/D7xOdZfRAwf3+WRM3w==" || acc.AttrOr("id", "") != "4510" {
		t.Fatalf("account: %s", acc)
	}
	if _, err := resp.String(3); err == nil {
		t.Fatal("reading a missing output must fail")
	}
}

func TestDecodeFaults(t *testing.T) {
	_, err := DecodeResponse(strings.NewReader(faultResponse))
	var f *Fault
	if !errors.As(err, &f) {
		t.Fatalf("want *Fault, got %v", err)
	}
	if f.Code != "SOP-330011" || f.FaultCode != "SOAP-ENV:Client" || !f.Has("SOP-330011") {
		t.Fatalf("fault: %+v", f)
	}
	_, err = DecodeResponse(strings.NewReader(writeFaultNoCode))
	if !errors.As(err, &f) {
		t.Fatalf("want *Fault, got %v", err)
	}
	if f.Code != "" || !strings.Contains(f.Detail, `"nmsrecipient_id"`) || !strings.Contains(f.Error(), "duplicate key") {
		t.Fatalf("fault without code: %+v", f)
	}
}

func TestMarshalRequestMatchesSDKShape(t *testing.T) {
	req := &Request{Service: "xtk:session", Method: "Logon", Params: []Param{
		String("login", "admin"), String("password", `p<a"ss'&`), ElementParam("parameters", nil),
	}}
	got := string(req.Marshal())
	want := `<m:Logon xmlns:m="urn:xtk:session" SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><sessiontoken xsi:type="xsd:string"/><login xsi:type="xsd:string">admin</login><password xsi:type="xsd:string">p&lt;a&#34;ss&#39;&amp;</password><parameters xsi:type="ns:Element" SOAP-ENV:encodingStyle="http://xml.apache.org/xml-soap/literalxml"/></m:Logon>`
	if !strings.Contains(got, want) {
		t.Fatalf("body:\n%s\nwant it to contain\n%s", got, want)
	}
}

func TestParseRejectsHostileDocuments(t *testing.T) {
	cases := map[string]string{
		"entity expansion":  `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><a>&lol2;</a>`,
		"undeclared entity": `<a>&xxe;</a>`,
		"truncated":         `<SOAP-ENV:Envelope xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'><SOAP-ENV:Body><LogonResp`,
		"too deep":          strings.Repeat("<a>", 200) + strings.Repeat("</a>", 200),
		"not xml":           "<html>Bad gateway",
	}
	for name, doc := range cases {
		if _, err := ParseString(doc); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	huge := "<a>" + strings.Repeat("x", MaxDocumentBytes+10) + "</a>"
	if _, err := ParseString(huge); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("huge document: %v", err)
	}
}

func TestQuoteXtk(t *testing.T) {
	for in, want := range map[string]string{
		"Adobe_Marketing_Cloud": "'Adobe_Marketing_Cloud'",
		`a'b`:                   `'a\'b'`,
		`a\'b`:                  `'a\\\'b'`,
		"":                      "''",
	} {
		if got := QuoteXtk(in); got != want {
			t.Errorf("QuoteXtk(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzDecodeResponse(f *testing.F) {
	for _, s := range []string{logonResponse, writeResponse, executeQueryResponse, faultResponse, writeFaultNoCode} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		resp, err := DecodeResponse(bytes.NewReader(data))
		if err == nil && resp == nil {
			t.Fatal("nil response without error")
		}
		if resp != nil {
			for i := range resp.Outputs {
				_, _ = resp.String(i)
				_, _ = resp.Element(i)
			}
		}
	})
}
