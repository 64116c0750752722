package emulator

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// session logs on and returns a function that sends one authenticated
// call (the method element's XML after the session token) and its answer.
func loggedOn(t *testing.T, e *Emulator) func(action, inner string) (int, string) {
	t.Helper()
	code, body := soapPost(t, e, ActionLogon, `<SOAP-ENV:Envelope xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'><SOAP-ENV:Body><Logon xmlns='urn:xtk:session'><sessiontoken/><login>admin</login><password>admin</password><parameters/></Logon></SOAP-ENV:Body></SOAP-ENV:Envelope>`)
	resp, err := soap.DecodeResponse(bytes.NewReader([]byte(body)))
	if code != 200 || err != nil {
		t.Fatalf("logon: %d %v", code, err)
	}
	token, _ := resp.String(0)
	security, _ := resp.String(2)
	return func(action, inner string) (int, string) {
		svc, method, _ := strings.Cut(action, "#")
		req := httptest.NewRequestWithContext(t.Context(), http.MethodPost, "/nl/jsp/soaprouter.jsp", strings.NewReader(
			`<SOAP-ENV:Envelope xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'><SOAP-ENV:Body><`+method+` xmlns='urn:`+svc+`'><sessiontoken>`+token+`</sessiontoken>`+inner+`</`+method+`></SOAP-ENV:Body></SOAP-ENV:Envelope>`))
		req.Header.Set("SOAPAction", action)
		req.Header.Set("X-Security-Token", security)
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		return rec.Code, rec.Body.String()
	}
}

func newEmulator(t *testing.T, cfg Config) *Emulator {
	t.Helper()
	e, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func query(schema, selects, where string) string {
	q := `<entity><queryDef schema='` + schema + `' operation='select' xtkschema='xtk:queryDef'><select>` + selects + `</select>`
	if where != "" {
		q += `<where><condition expr="` + where + `"/></where>`
	}
	return q + `</queryDef></entity>`
}

// TestAnswersAsTheEvidenceSays holds the emulator to what public evidence
// shows of real Campaign answers (CAMPAIGN_API.md, "Corrections"), where it
// once was more lenient or looked otherwise.
func TestAnswersAsTheEvidenceSays(t *testing.T) {
	e := newEmulator(t, Config{})
	call := loggedOn(t, e)
	for _, tc := range []struct {
		name, action, inner string
		status              int
		want                []string
	}{
		{"a where condition on an attribute the schema lacks faults", ActionExecuteQuery,
			query("nms:extAccount", `<node expr="@name"/>`, "@nope='x'"), 500,
			[]string{"Attribute 'nope' unknown (see definition of schema 'External accounts (nms:extAccount)'). XTK-170036 Unable to parse expression '@nope='x''"}},
		{"a select node the schema lacks faults", ActionExecuteQuery,
			query("xtk:group", `<node expr="@name"/><node expr="@nope"/>`, ""), 500,
			[]string{"Attribute 'nope' unknown (see definition of schema 'Operator groups (xtk:group)'). XTK-170036"}},
		{"a collection the schema lacks faults", ActionExecuteQuery,
			query("xtk:group", `<node expr="[nope]"/>`, ""), 500, []string{"Element 'nope' unknown", "XTK-170036"}},
		{"GetEntityIfMoreRecent on xtk:session is SOP-330024", "xtk:session#GetEntityIfMoreRecent",
			`<pk>xtk:schema|nms:extAccount</pk><md5/><mustExist>false</mustExist>`, 500, []string{"SOP-330024 Unspecified function library"}},
		{"documents are ns:Element, schemas carry xtkschema, no &#xA; runs", ActionGetEntityIfMoreRecent,
			`<pk>xtk:schema|nms:extAccount</pk><md5/><mustExist>false</mustExist>`, 200,
			[]string{`<pdomDoc xsi:type="ns:Element"`, `<schema namespace="nms" name="extAccount"`, `xtkschema="xtk:schema"`}},
		{"query answers are ns:Element", ActionExecuteQuery, query("nms:extAccount", `<node expr="@name"/>`, "@name='x'"), 200,
			[]string{`<pdomOutput xsi:type="ns:Element"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := call(tc.action, tc.inner)
			if status != tc.status {
				t.Fatalf("status %d, want %d: %s", status, tc.status, body)
			}
			text := body
			if _, err := soap.DecodeResponse(strings.NewReader(body)); err != nil {
				text = err.Error()
			}
			for _, w := range tc.want {
				if !strings.Contains(text, w) && !strings.Contains(text, strings.ReplaceAll(w, `"`, `'`)) {
					t.Errorf("the answer lacks %q:\n%s", w, body)
				}
			}
			if strings.Contains(body, "&#xA;&#xA;") || strings.Contains(body, ">&#xA;<") {
				t.Errorf("the answer has &#xA; runs between elements:\n%s", body)
			}
		})
	}
	_, body := soapPost(t, e, ActionLogon, `<SOAP-ENV:Envelope xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'><SOAP-ENV:Body><Logon xmlns='urn:xtk:session'><sessiontoken/><login>admin</login><password>admin</password><parameters/></Logon></SOAP-ENV:Body></SOAP-ENV:Envelope>`)
	if !strings.Contains(body, `servicePack="2"`) && !strings.Contains(body, `servicePack='2'`) {
		t.Errorf("servicePack is not the version's third number (%s):\n%s", Version, body)
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequestWithContext(t.Context(), http.MethodGet, "/r/test", nil)
	req.RemoteAddr = "192.0.2.7:51234"
	e.ServeHTTP(rec, req)
	if !strings.Contains(rec.Body.String(), "sourceIP='192.0.2.7'") {
		t.Errorf("/r/test: %s (sourceIP has no port in real answers)", rec.Body.String())
	}
}

// TestBareTextAnswers: the build variants that refuse with a bare line of
// text instead of a SOAP fault.
func TestBareTextAnswers(t *testing.T) {
	hosted, _ := ProfileNamed("hosted-7.4")
	e := newEmulator(t, Config{Profile: hosted})
	req := httptest.NewRequestWithContext(t.Context(), http.MethodPost, "/nl/jsp/soaprouter.jsp", strings.NewReader(
		`<SOAP-ENV:Envelope xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'><SOAP-ENV:Body><Logon xmlns='urn:xtk:session'><sessiontoken/><login>admin</login><password>wrong</password><parameters/></Logon></SOAP-ENV:Body></SOAP-ENV:Envelope>`))
	req.Header.Set("SOAPAction", ActionLogon)
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	if rec.Code != 403 || strings.TrimSpace(rec.Body.String()) != "XSV-350012 Invalid login or password. Connection denied." ||
		!strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain") {
		t.Errorf("hosted-7.4 refused Logon: %d %q %s", rec.Code, rec.Body.String(), rec.Header().Get("Content-Type"))
	}

	bare, _ := ProfileNamed("bare-session-expiry")
	e = newEmulator(t, Config{Profile: bare})
	call := loggedOn(t, e)
	e.ExpireSessions()
	status, body := call(ActionGetUserInfo, "")
	if status != 401 || strings.TrimSpace(body) != faultSessionExpired {
		t.Errorf("bare-session-expiry, expired session: %d %q", status, body)
	}
}
