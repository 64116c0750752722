package provider

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/adminconsole"
	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
	"github.com/acc-terraform/terraform-provider-campaign/internal/imstoken"
)

// TestTokenDiagnosis holds the one reading of a failed token exchange:
// each of imstoken's errors, however wrapped, names the attributes of the
// credential that failed and what to change; other errors are not its.
func TestTokenDiagnosis(t *testing.T) {
	const url = "https://ims.example/ims/token/v3"
	refused := &imstoken.RefusedError{URL: url, StatusCode: 400, Status: "400 Bad Request", Code: "invalid_client", Description: "invalid client_secret parameter"}
	scope := &imstoken.RefusedError{URL: url, StatusCode: 400, Status: "400 Bad Request", Code: "invalid_scope"}
	redirect := &imstoken.RedirectError{StatusCode: 302, Status: "302 Found", From: url, Location: "https://login.example/"}
	status := &imstoken.StatusError{URL: url, StatusCode: 404, Status: "404 Not Found", Attempts: 1}
	throttled := &imstoken.StatusError{URL: url, StatusCode: 503, Status: "503 Service Unavailable", Attempts: 3}
	down := &imstoken.TransportError{URL: url, Attempts: 3, Err: errors.New("connection refused")}
	for _, tt := range []struct {
		name       string
		err        error
		cred       oauthCredential
		wantReason string
		wantAdvice []string
	}{
		{"ims: credential refused", refused, imsBlockCredential(), "IMS refused the credential", []string{"ims.client_id", "ims.client_secret", EnvIMSClientSecret}},
		{"admin_console: scopes refused", scope, adminConsoleCredential(), "IMS refused the scopes", []string{"admin_console.scopes", "user_management_sdk"}},
		{"technical operator: refused, wrapped by the client", &campaign.TechnicalTokenError{Err: refused}, technicalOperatorCredential(),
			"IMS refused the credential", []string{"client_id and client_secret_wo"}},
		{"redirect", redirect, imsBlockCredential(), "redirect", []string{"ims.token_url", "https://login.example/", "never followed"}},
		{"no token, nothing refused", status, adminConsoleCredential(), "admin_console.token_url gave no token", []string{"admin_console.token_url (" + url + ")", imstoken.DefaultTokenURL}},
		{"throttled after the retries", throttled, imsBlockCredential(), "ims.token_url gave no token", []string{"already retried"}},
		{"no answer", fmt.Errorf("reading: %w", down), technicalOperatorCredential(), "token_url did not answer", []string{"token_url (" + url + ")", "max_retries"}},
	} {
		reason, advice, ok := tokenDiagnosis(tt.err, tt.cred)
		if !ok || !strings.Contains(reason, tt.wantReason) {
			t.Errorf("%s: reason %q (ok %v), want %q", tt.name, reason, ok, tt.wantReason)
		}
		for _, want := range tt.wantAdvice {
			if !strings.Contains(advice, want) {
				t.Errorf("%s: advice %q does not say %q", tt.name, advice, want)
			}
		}
	}
	for _, other := range []error{errors.New("boom"), &campaign.AuthError{Mode: campaign.AuthPassword}, &adminconsole.AccessError{StatusCode: 403}} {
		if _, _, ok := tokenDiagnosis(other, imsBlockCredential()); ok {
			t.Errorf("%T is not a token exchange's error", other)
		}
	}
}
