package emulator_test

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net/http"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"
	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// TestLoggedOffTokenIsRefusedLikeAnExpiredOne: after Logoff the session no
// longer counts as open and its token gets XSV-350008, as Campaign answers
// an expired session.
func TestLoggedOffTokenIsRefusedLikeAnExpiredOne(t *testing.T) {
	srv := emulatortest.Start(t, emulator.Config{})
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(srv.CAPEM)
	httpc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
	call := func(req soap.Request, security string) (*soap.Response, error) {
		t.Helper()
		hreq, err := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+"/nl/jsp/soaprouter.jsp", bytes.NewReader(req.Marshal()))
		if err != nil {
			t.Fatal(err)
		}
		hreq.Header.Set("SOAPAction", req.Action())
		if req.SessionToken != "" {
			hreq.Header.Set("Cookie", "__sessiontoken="+req.SessionToken)
			hreq.Header.Set("X-Security-Token", security)
		}
		resp, err := httpc.Do(hreq)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		return soap.DecodeResponse(resp.Body)
	}
	logon, err := call(soap.Request{Service: "xtk:session", Method: "Logon", Params: []soap.Param{
		soap.String("login", emulator.DefaultLogin), soap.String("password", emulator.DefaultPassword), soap.ElementParam("parameters", nil)}}, "")
	if err != nil {
		t.Fatal(err)
	}
	token, _ := logon.String(0)
	security, _ := logon.String(2)
	if n := srv.Emulator.Stats().SessionsOpen; n != 1 {
		t.Fatalf("%d sessions open after a Logon, want 1", n)
	}
	if _, err := call(soap.Request{Service: "xtk:session", Method: "Logoff", SessionToken: token}, security); err != nil {
		t.Fatal(err)
	}
	if n := srv.Emulator.Stats().SessionsOpen; n != 0 {
		t.Fatalf("%d sessions open after Logoff, want 0", n)
	}
	_, err = call(soap.Request{Service: "xtk:session", Method: "GetUserInfo", SessionToken: token}, security)
	var f *soap.Fault
	if !errors.As(err, &f) || !f.Has("XSV-350008") {
		t.Fatalf("a call with a logged-off token answered %v, want the XSV-350008 fault of an expired session", err)
	}
}
