package emulator

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// FuzzQuotedNameSelectsOnlyItself: whatever the name, the client's quoting,
// carried through an XML attribute, parses back as one comparison with
// exactly that literal, so no name can alter a query.
func FuzzQuotedNameSelectsOnlyItself(f *testing.F) {
	for _, seed := range []string{"Adobe_Marketing_Cloud", `x' or @name!='`, `a\' or 1=1 or @name='`, `q"<x>&amp;]]>`, `x') or (@name='victim`, "été 名前", `\`, `'`, ""} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if !utf8.ValidString(name) || strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0xFFFD }) {
			t.Skip("not text XML 1.0 can carry")
		}
		cond := soap.NewElement("condition", "expr", "@name="+soap.QuoteXtk(name))
		parsed, err := soap.ParseString(cond.String())
		if err != nil {
			t.Fatalf("XML: %v", err)
		}
		node, err := parseCondition(parsed.AttrOr("expr", ""))
		if err != nil {
			t.Fatalf("XTK: %v", err)
		}
		cmp, ok := node.(cmpNode)
		if !ok || cmp.negate || cmp.left.attr != "name" || cmp.right.attr != "" || cmp.right.literal != name {
			t.Fatalf("name %q parsed as %#v", name, node)
		}
	})
}

func soapPost(t *testing.T, e *Emulator, action, body string) (int, string) {
	t.Helper()
	req := httptest.NewRequestWithContext(t.Context(), http.MethodPost, "/nl/jsp/soaprouter.jsp", strings.NewReader(body))
	if action != "" {
		req.Header.Set("SOAPAction", action)
	}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

func TestProtocolBasics(t *testing.T) {
	e, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	// Console-style Logon (no SOAPAction header: dispatched on the body element).
	code, body := soapPost(t, e, "", `<SOAP-ENV:Envelope xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'><SOAP-ENV:Body><Logon xmlns='urn:xtk:session'><__sessiontoken/><strLogin>admin</strLogin><strPassword>admin</strPassword><elemParameters/></Logon></SOAP-ENV:Body></SOAP-ENV:Envelope>`)
	resp, err := soap.DecodeResponse(bytes.NewReader([]byte(body)))
	if code != 200 || err != nil || len(resp.Outputs) != 3 {
		t.Fatalf("logon: %d %v %s", code, err, body)
	}
	// Unknown method, with a session: SOP-330006.
	token, _ := resp.String(0)
	security, _ := resp.String(2)
	req := httptest.NewRequestWithContext(t.Context(), http.MethodPost, "/nl/jsp/soaprouter.jsp?soapAction=xtk%3Asession%23Nope", strings.NewReader(
		`<SOAP-ENV:Envelope xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'><SOAP-ENV:Body><Nope xmlns='urn:xtk:session'><sessiontoken>`+token+`</sessiontoken></Nope></SOAP-ENV:Body></SOAP-ENV:Envelope>`))
	req.Header.Set("X-Security-Token", security)
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	_, err = soap.DecodeResponse(rec.Body)
	var f *soap.Fault
	if rec.Code != 500 || !errors.As(err, &f) || f.Code != "SOP-330006" || f.FaultString != "SOP-330006 The method 'Nope' is not defined in SOAP service 'xtk:session'." {
		t.Fatalf("unknown method: %d %v", rec.Code, err)
	}
	// Without the security token the session is refused.
	code, body = soapPost(t, e, ActionGetUserInfo, `<SOAP-ENV:Envelope xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'><SOAP-ENV:Body><GetUserInfo xmlns='urn:xtk:session'><sessiontoken>`+token+`</sessiontoken></GetUserInfo></SOAP-ENV:Body></SOAP-ENV:Envelope>`)
	if code != 500 || !strings.Contains(body, "XSV-350008") {
		t.Fatalf("missing security token: %d %s", code, body)
	}
	if s := e.Stats(); s.Total != 3 || s.ByAction[ActionLogon] != 1 || s.ByAction["xtk:session#Nope"] != 1 {
		t.Fatalf("stats: %+v", s)
	}
	rec = httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequestWithContext(t.Context(), http.MethodPost, "/emulator/reset", nil))
	if e.Stats().Total != 0 {
		t.Fatal("reset did not zero the counters")
	}
}
