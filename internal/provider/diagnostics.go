package provider

import (
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

var objectAsOptions = basetypes.ObjectAsOptions{UnhandledNullAsEmpty: true, UnhandledUnknownAsEmpty: true}

// addClientError turns a Campaign client error into a diagnostic that says
// what failed, on which instance (a configuration may hold several), and
// what to check.
func addClientError(diags *diag.Diagnostics, client *campaign.Client, doing string, err error) {
	doing += " on " + client.Endpoint()
	summary := "Campaign error while " + doing
	var (
		auth      *campaign.AuthError
		fault     *campaign.Fault
		httpErr   *campaign.HTTPError
		transport *campaign.TransportError
		redirect  *campaign.RedirectError
	)
	detail := err.Error()
	switch {
	case campaign.IsCertificateError(err):
		summary = "Campaign TLS certificate not trusted while " + doing
		detail += "\n\nThe instance's certificate is not signed by a trusted CA. If it uses a private CA, give that CA's PEM " +
			"certificate in the provider's ca_certificate attribute (or CAMPAIGN_CA_CERTIFICATE). TLS verification cannot be disabled."
	case tokenFailed(err):
		reason, advice, _ := tokenDiagnosis(err, imsBlockCredential())
		summary = "IMS token request failed while " + doing + ": " + reason
		detail += "\n\n" + advice
	case errors.As(err, &auth):
		summary = "Campaign authentication failed while " + doing
		if auth.Advice != "" {
			detail += "\n\n" + auth.Advice
		}
	case errors.As(err, &redirect):
		summary = "Campaign endpoint redirected while " + doing
		detail += "\n\nCheck the endpoint: use the instance's https:// address as the console shows it, " +
			"with no path after the host. A redirect usually means http:// instead of https://, an extra path, an old host name, " +
			"or a login page or proxy in front of the instance. Redirects are never followed, so no credential reached " + redirect.Location + "."
	case errors.As(err, &fault):
		detail = fmt.Sprintf("Campaign answered with a SOAP fault: %s", err)
	case errors.As(err, &httpErr):
		if httpErr.StatusCode == 429 || httpErr.StatusCode >= 502 {
			detail += "\n\nCampaign or a proxy in front of it is throttling or unavailable. The provider already retried; raise max_retries or retry_wait_max, or try again later."
		}
	case errors.As(err, &transport):
		detail += fmt.Sprintf("\n\nCheck the endpoint and the network path to the instance; raise request_timeout for slow instances "+
			"or max_retries for unstable networks (this call was tried %d time(s)). When the instance never answered, "+
			"every other call of this run fails with this error without trying again.", transport.Attempts)
	}
	diags.AddError(summary, detail)
}

// tokenFailed reports whether err is a token exchange's (tokenDiagnosis
// explains it).
func tokenFailed(err error) bool {
	_, _, ok := tokenDiagnosis(err, oauthCredential{})
	return ok
}
