package campaign

import (
	"net/http"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/acc-terraform/terraform-provider-campaign/internal/httpclient"
)

// newHTTPClient is the shared transport (internal/httpclient) with the
// client's retry settings: every request of this client carries a credential
// (password, session and security tokens, bearer token, IMS client secret),
// so no redirect is followed; Campaign's SOAP router and IMS never redirect a
// POST, and a 3xx becomes a *RedirectError.
func newHTTPClient(cfg *Config, timeout time.Duration) (*retryablehttp.Client, error) {
	return httpclient.New(httpclient.Options{
		CACertificatePEM: cfg.CACertificatePEM,
		Timeout:          timeout,
		MaxRetries:       cfg.MaxRetries,
		Policy:           httpclient.Policy{WaitMin: cfg.RetryWaitMin, WaitMax: cfg.RetryWaitMax},
		OnRetry: func(req *http.Request, attempt int) {
			cfg.Logger.Warn(req.Context(), "retrying Campaign call", map[string]any{
				"soap_action": req.Header.Get("SOAPAction"), "attempt": attempt,
			})
		},
	})
}

// redirectError describes a refused redirection.
func redirectError(action string, resp *http.Response) *RedirectError {
	from, loc := httpclient.Redirect(resp)
	return &RedirectError{Action: action, StatusCode: resp.StatusCode, Status: httpclient.DescribeStatus(resp), From: from, Location: loc}
}
