package provider

import (
	"errors"

	"github.com/acc-terraform/terraform-provider-campaign/internal/imstoken"
)

// oauthCredential names, for the advice of a failed token exchange, the
// attributes that hold one OAuth server-to-server credential in the
// configuration: the provider's ims block, admin_console, or a technical
// operator's own.
type oauthCredential struct {
	clientID, clientSecret, scopes, tokenURL string // attribute paths
	env                                      string // the environment variables of the id and secret, "" when none
	scopeAdvice                              string // added when IMS refuses the scopes
}

func imsBlockCredential() oauthCredential {
	return oauthCredential{clientID: "ims.client_id", clientSecret: "ims.client_secret", scopes: "ims.scopes", tokenURL: "ims.token_url",
		env: EnvIMSClientID + " / " + EnvIMSClientSecret}
}

func adminConsoleCredential() oauthCredential {
	return oauthCredential{clientID: "admin_console.client_id", clientSecret: "admin_console.client_secret", scopes: "admin_console.scopes",
		tokenURL: "admin_console.token_url", env: EnvAdminConsoleClientID + " / " + EnvAdminConsoleClientSecret,
		scopeAdvice: " The Admin Console needs the User Management API in the Developer Console project of admin_console.client_id " +
			"(its scopes are openid, AdobeID, user_management_sdk)."}
}

func technicalOperatorCredential() oauthCredential {
	return oauthCredential{clientID: "client_id", clientSecret: "client_secret_wo", scopes: "scopes", tokenURL: "token_url"}
}

// tokenDiagnosis says why a token exchange failed and what to change in
// the configuration: the one reading of internal/imstoken's errors, for
// every credential (the clients return them as they are). ok is false
// when err is no token exchange's error.
func tokenDiagnosis(err error, cred oauthCredential) (reason, advice string, ok bool) {
	var (
		refused   *imstoken.RefusedError
		redirect  *imstoken.RedirectError
		status    *imstoken.StatusError
		transport *imstoken.TransportError
	)
	switch {
	case errors.As(err, &refused) && refused.ScopeRefused():
		return "IMS refused the scopes asked for", "The credential is not granted every scope of " + cred.scopes + ": set it to the scopes " +
			"the Developer Console lists for the credential of " + cred.clientID + "." + cred.scopeAdvice, true
	case errors.As(err, &refused):
		ids := cred.clientID + " and " + cred.clientSecret
		if cred.env != "" {
			ids += " (or " + cred.env + ")"
		}
		return "IMS refused the credential", "Check " + ids + " against the OAuth Server-to-Server credential of the Developer Console " +
			"project; a secret rotated in the Developer Console must be changed here too. The provider asked once and will not retry.", true
	case errors.As(err, &redirect):
		return "the IMS token endpoint answered a redirect", "Check " + cred.tokenURL + ": use Adobe's https:// token endpoint, e.g. " +
			imstoken.DefaultTokenURL + ", with no extra path. Redirects are never followed, so the secret never reached " + redirect.Location + ".", true
	case errors.As(err, &status):
		advice = cred.tokenURL + " (" + status.URL + ") gave no token and refused nothing: check that it is the IMS token endpoint of the " +
			"credential, e.g. " + imstoken.DefaultTokenURL + " (the default when " + cred.tokenURL + " is unset)."
		if status.StatusCode == 429 || status.StatusCode >= 502 {
			advice += " It may also be throttling or unavailable: the provider already retried; raise max_retries or retry_wait_max, or try again later."
		}
		return cred.tokenURL + " gave no token", advice, true
	case errors.As(err, &transport):
		return cred.tokenURL + " did not answer", "Check " + cred.tokenURL + " (" + transport.URL + ") and the network path to it; " +
			"max_retries and request_timeout apply.", true
	}
	return "", "", false
}
