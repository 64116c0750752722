package emulator

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// dispatchBench holds an emulator and a session opened by Logon.
type dispatchBench struct {
	e                           *Emulator
	sessionToken, securityToken string
}

func newDispatchBench(b *testing.B) *dispatchBench {
	b.Helper()
	e, err := New(Config{})
	if err != nil {
		b.Fatal(err)
	}
	d := &dispatchBench{e: e}
	resp := d.call(b, soap.Request{Service: "xtk:session", Method: "Logon", Params: []soap.Param{
		soap.String("login", DefaultLogin), soap.String("password", DefaultPassword), soap.ElementParam("parameters", nil)}})
	d.sessionToken, _ = resp.String(0)
	d.securityToken, _ = resp.String(2)
	return d
}

// call posts a request as the provider's client does and decodes the answer.
func (d *dispatchBench) call(b *testing.B, req soap.Request) *soap.Response {
	req.SessionToken = d.sessionToken
	hreq := httptest.NewRequestWithContext(b.Context(), http.MethodPost, "/nl/jsp/soaprouter.jsp", bytes.NewReader(req.Marshal()))
	hreq.Header.Set("SOAPAction", req.Action())
	if d.sessionToken != "" {
		hreq.Header.Set("X-Security-Token", d.securityToken)
	}
	rec := httptest.NewRecorder()
	d.e.ServeHTTP(rec, hreq)
	resp, err := soap.DecodeResponse(rec.Body)
	if rec.Code != http.StatusOK || err != nil {
		b.Fatalf("%s: HTTP %d, %v", req.Action(), rec.Code, err)
	}
	return resp
}

func writeAccountRequest() soap.Request {
	doc := soap.NewElement("extAccount", "xtkschema", "nms:extAccount", "_operation", "insertOrUpdate", "_key", "@name",
		"name", "Adobe_Marketing_Cloud", "label", "Adobe Experience Cloud", "type", "24", "active", "1",
		"clientId", "Campaign1", "callbackServer", "https://acme.example.com", "imsOrgId", "0123456789ABCDEF01234567@AdobeOrg",
		"imsRightsMask", "Campaign - acme - (.*)", "tenant", "acme")
	return soap.Request{Service: "xtk:persist", Method: "Write", Params: []soap.Param{soap.Document("doc", doc)}}
}

func BenchmarkDispatchLogon(b *testing.B) {
	d := newDispatchBench(b)
	d.sessionToken = ""
	req := soap.Request{Service: "xtk:session", Method: "Logon", Params: []soap.Param{
		soap.String("login", DefaultLogin), soap.String("password", DefaultPassword), soap.ElementParam("parameters", nil)}}
	b.ReportAllocs()
	for b.Loop() {
		d.call(b, req)
	}
}

func BenchmarkDispatchWrite(b *testing.B) {
	d := newDispatchBench(b)
	req := writeAccountRequest()
	b.ReportAllocs()
	for b.Loop() {
		d.call(b, req)
	}
}

func BenchmarkDispatchExecuteQuery(b *testing.B) {
	d := newDispatchBench(b)
	d.call(b, writeAccountRequest())
	sel := soap.NewElement("select")
	for _, a := range []string{"@id", "@name", "@label", "@type", "@active", "@clientId", "@callbackServer", "@imsOrgId", "@imsRightsMask", "@tenant"} {
		sel.Add(soap.NewElement("node", "expr", a))
	}
	q := soap.NewElement("queryDef", "schema", "nms:extAccount", "operation", "getIfExists", "xtkschema", "xtk:queryDef").Add(
		sel, soap.NewElement("where").Add(soap.NewElement("condition", "expr", "@name="+soap.QuoteXtk("Adobe_Marketing_Cloud"))))
	req := soap.Request{Service: "xtk:queryDef", Method: "ExecuteQuery", Params: []soap.Param{soap.Document("entity", q)}}
	b.ReportAllocs()
	for b.Loop() {
		out, _ := d.call(b, req).Element(0)
		if out.AttrOr("name", "") != "Adobe_Marketing_Cloud" {
			b.Fatal("the query did not find the account")
		}
	}
}
