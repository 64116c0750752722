package campaign_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
	"github.com/acc-terraform/terraform-provider-campaign/internal/testdoc"
)

// allocationBound is what one call may allocate, whatever Campaign answers:
// a few times soap.MaxDocumentBytes (the body is read once, then parsed).
const allocationBound = 6 * soap.MaxDocumentBytes

// hostileAnswer is one row of RELIABILITY.md's hostile-answers table: the
// answer a broken or hostile server gives to one SOAP call, and what the
// client must say about it.
type hostileAnswer struct {
	call   string // the operation under test, see runOperation
	action string // SOAPAction whose answer is replaced
	what   string // how the table describes the answer
	status int
	body   func(w http.ResponseWriter)
	// want is a phrase of the error; empty: the answer is accepted.
	want string
}

func envelope(method, outputs string) string {
	return `<?xml version='1.0'?><SOAP-ENV:Envelope xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'><SOAP-ENV:Body><` +
		method + ` xmlns='urn:x' SOAP-ENV:encodingStyle='http://schemas.xmlsoap.org/soap/encoding/'>` + outputs +
		`</` + method + `></SOAP-ENV:Body></SOAP-ENV:Envelope>`
}

func fixed(s string) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) { _, _ = w.Write([]byte(s)) }
}

// endless streams 1 GiB of an element's text: a client that does not bound
// what it reads runs out of memory.
func endless(w http.ResponseWriter) {
	_, _ = w.Write([]byte("<a>"))
	chunk := []byte(strings.Repeat("x", 64<<10))
	for range (1 << 30) / len(chunk) {
		if _, err := w.Write(chunk); err != nil {
			return // the client stopped reading
		}
	}
}

func hostileAnswers() []hostileAnswer {
	const (
		logon   = emulator.ActionLogon
		query   = emulator.ActionExecuteQuery
		schema  = emulator.ActionGetEntityIfMoreRecent
		encrypt = emulator.ActionEncryptPassword
		write   = emulator.ActionWrite
	)
	laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
		`<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]><lolz>&lol2;</lolz>`
	return []hostileAnswer{
		{call: "logon", action: logon, what: "truncated envelope", status: 200,
			body: fixed(`<?xml version='1.0'?><SOAP-ENV:Envelope xmlns:SOAP-ENV='http://schemas.xmlsoap.org/soap/envelope/'><SOAP-ENV:Body><LogonResponse>`),
			want: "Campaign's answer is not a valid SOAP envelope: malformed XML"},
		{call: "logon", action: logon, what: "HTML page with HTTP 200", status: 200,
			body: fixed(`<html><body>Service Unavailable</body></html>`), want: "not a SOAP envelope (root element <html>)"},
		{call: "logon", action: logon, what: "HTML page with HTTP 502", status: 502,
			body: fixed(`<html><body>Bad gateway</body></html>`), want: "HTTP 502 Bad Gateway"},
		{call: "logon", action: logon, what: "entity expansion (billion laughs)", status: 200, body: fixed(laughs),
			want: "DTD directives are not accepted"},
		{call: "logon", action: logon, what: "external entity (XXE) naming /etc/passwd", status: 200,
			body: fixed(`<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>`),
			want: "DTD directives are not accepted"},
		{call: "logon", action: logon, what: "undeclared entity", status: 200, body: fixed(envelope("LogonResponse", `<pstrSessionToken>&xxe;</pstrSessionToken>`)),
			want: "malformed XML"},
		{call: "logon", action: logon, what: "200 nested elements", status: 200,
			body: fixed(strings.Repeat("<a>", 200) + strings.Repeat("</a>", 200)), want: "nesting too deep"},
		{call: "logon", action: logon, what: "9 MiB body", status: 200, body: fixed("<a>" + strings.Repeat("x", 9<<20) + "</a>"),
			want: "exceeds the size limit"},
		{call: "logon", action: logon, what: "endless body (1 GiB streamed) with HTTP 200", status: 200, body: endless,
			want: "exceeds the size limit"},
		{call: "logon", action: logon, what: "endless body (1 GiB streamed) with HTTP 500", status: 500, body: endless,
			want: "HTTP 500 Internal Server Error"},
		{call: "logon", action: logon, what: "envelope without session or security token", status: 200,
			body: fixed(envelope("LogonResponse", "")), want: "without a session token or a security token"},
		{call: "read account", action: query, what: "<html> element instead of <extAccount>", status: 200,
			body: fixed(envelope("ExecuteQueryResponse", `<pdomOutput xsi:type='ns:Element'><html id="1" name="Adobe_Marketing_Cloud"/></pdomOutput>`)),
			want: "Campaign answered <html> where <extAccount> was expected"},
		{call: "read account", action: query, what: "no output element", status: 200,
			body: fixed(envelope("ExecuteQueryResponse", "")), want: "the answer lacks output #1"},
		{call: "read account", action: query, what: "another account than the one asked for", status: 200,
			body: fixed(envelope("ExecuteQueryResponse", `<pdomOutput><extAccount id="7" name="Other"/></pdomOutput>`)),
			want: `returned account "Other"`},
		{call: "write account", action: schema, what: "<html> element instead of the nms:extAccount schema", status: 200,
			body: fixed(envelope("GetEntityIfMoreRecentResponse", `<pdomDoc><html/></pdomDoc>`)), want: "where <schema> was expected"},
		{call: "write account", action: schema, what: "schema without the account type enumeration", status: 200,
			body: fixed(envelope("GetEntityIfMoreRecentResponse", `<pdomDoc><schema name="extAccount" namespace="nms"/></pdomDoc>`)),
			want: `has no "Adobe Experience Cloud" entry`},
		{call: "write account", action: encrypt, what: "empty encrypted secret", status: 200,
			body: fixed(envelope("EncryptPasswordResponse", `<pstrEncrypted xsi:type='xsd:string'></pstrEncrypted>`)),
			want: "EncryptPassword returned an empty value"},
		{call: "write account", action: write, what: "unexpected elements in the Write answer (Write returns nothing)", status: 200,
			body: fixed(envelope("WriteResponse", `<junk><more/></junk>`))},
	}
}

// TestHostileAnswers serves each broken or hostile answer in place of the
// emulator's and checks that the client fails with a clear error, allocates
// a bounded amount of memory, and does not panic.
func TestHostileAnswers(t *testing.T) {
	cases := hostileAnswers()
	results := make([]string, len(cases))
	for i, tc := range cases {
		t.Run(tc.call+": "+tc.what, func(t *testing.T) {
			em, err := emulator.New(emulator.Config{Login: emulatortest.Login, Password: emulatortest.Password})
			if err != nil {
				t.Fatal(err)
			}
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Header.Get("SOAPAction") != tc.action {
					em.ServeHTTP(w, r)
					return
				}
				w.Header().Set("Content-Type", "text/xml")
				w.WriteHeader(tc.status)
				tc.body(w)
			}))
			defer ts.Close()
			c, err := campaign.New(campaign.Config{Endpoint: ts.URL, Login: emulatortest.Login, Password: emulatortest.Password, MaxRetries: -1})
			if err != nil {
				t.Fatal(err)
			}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			err = runOperation(c, tc.call)
			runtime.ReadMemStats(&after)
			if allocated := after.TotalAlloc - before.TotalAlloc; allocated > allocationBound {
				t.Errorf("allocated %d MiB, bound %d MiB", allocated>>20, allocationBound>>20)
			}
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("answer refused: %v", err)
			case tc.want == "":
				results[i] = "accepted"
			case err == nil:
				t.Fatal("answer accepted, want an error")
			case !strings.Contains(err.Error(), tc.want):
				t.Fatalf("error %q does not say %q", err, tc.want)
			default:
				results[i] = "error: “" + shorten(err.Error(), 140) + "”"
			}
		})
	}
	if t.Failed() {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "| Call | Campaign's answer | Status | The client says | Memory |\n|---|---|---|---|---|\n")
	for i, tc := range cases {
		fmt.Fprintf(&b, "| %s | %s | %d | %s | ≤ %d MiB |\n", tc.call, cell(tc.what), tc.status, cell(results[i]), allocationBound>>20)
	}
	testdoc.Check(t, testdoc.RepoFile("RELIABILITY.md"), "hostile-answers", b.String())
}

// runOperation is the client call a row exercises.
func runOperation(c *campaign.Client, call string) error {
	ctx := context.Background()
	switch call {
	case "logon":
		_, err := c.InstalledPackages(ctx)
		return err
	case "read account":
		_, err := c.GetIMSAccount(ctx, "Adobe_Marketing_Cloud")
		return err
	case "write account":
		secret := "s3cret"
		_, err := c.WriteIMSAccount(ctx, sampleAccount("Adobe_Marketing_Cloud"), &secret, nil)
		return err
	}
	panic("unknown operation " + call)
}

func shorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// cell escapes text for a Markdown table cell.
func cell(s string) string {
	return strings.NewReplacer("&", "&amp;", "|", `\|`, "<", "&lt;", ">", "&gt;", "\n", " ").Replace(s)
}
