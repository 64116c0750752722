package campaign

import (
	"errors"
	"fmt"

	"github.com/acc-terraform/terraform-provider-campaign/internal/httpclient"
	"github.com/acc-terraform/terraform-provider-campaign/internal/soap"
)

// Fault is a SOAP fault answered by Campaign; use errors.As to get it.
type Fault = soap.Fault

// Campaign error codes the client reacts to.
const (
	CodeSessionExpired = "XSV-350008" // session or security token expired or invalid
	CodeIMSCallFailed  = "XSV-350114" // the IMS bearer token was refused by IMS
)

// ErrNotFound is matched (errors.Is) by every NotFoundError.
var ErrNotFound = errors.New("not found")

// NotFoundError says an object does not exist in Campaign.
type NotFoundError struct {
	Kind string // "external account", "package"
	Name string
}

func (e *NotFoundError) Error() string { return fmt.Sprintf("%s %q not found", e.Kind, e.Name) }

// Is makes errors.Is(err, ErrNotFound) true.
func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

// AuthMode names an authentication mode in errors and logs.
type AuthMode string

// Authentication modes.
const (
	AuthPassword    AuthMode = "login/password"
	AuthAccessToken AuthMode = "access token"
	AuthIMSOAuth    AuthMode = "IMS OAuth client credentials"
)

// AuthError is a refused authentication: wrong credentials, a locked login,
// an expired or invalid token. The client never retries it by itself. (A
// credential IMS refuses at the token endpoint is imstoken's RefusedError.)
type AuthError struct {
	Mode    AuthMode
	Message string
	Fault   *Fault // the Campaign fault, when there is one
	Advice  string // Config.AuthAdvice: what to check
}

func (e *AuthError) Error() string {
	return fmt.Sprintf("Campaign refused the %s authentication: %s", e.Mode, e.Message)
}

func (e *AuthError) Unwrap() error {
	if e.Fault == nil {
		return nil
	}
	return e.Fault
}

// HTTPError is an answer that is neither a SOAP result nor a SOAP fault
// (a throttle, a proxy error page, …), after the retries the policy allows.
type HTTPError struct {
	Action     string // SOAPAction or URL path
	StatusCode int
	Status     string
	Attempts   int
	Body       string // start of the body, for the error message
}

func (e *HTTPError) Error() string {
	msg := fmt.Sprintf("%s: HTTP %s", e.Action, e.Status)
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" after %d attempts", e.Attempts)
	}
	if e.Body != "" {
		msg += ": " + e.Body
	}
	return msg
}

// RedirectError is a 3xx answer. The client never follows a redirection:
// every request it sends carries a credential, and neither Campaign's SOAP
// router nor the IMS token endpoint redirects a POST, so a redirection means
// a wrong URL (http instead of https, an extra path, an old host name) or
// something between the client and the instance that must not see them.
type RedirectError struct {
	Action     string
	StatusCode int
	Status     string
	From       string // the URL that answered, without query
	Location   string // where it pointed, without user info or query; may be empty
}

func (e *RedirectError) Error() string {
	to := "no Location"
	if e.Location != "" {
		to = e.Location
	}
	return fmt.Sprintf("%s: %s answered HTTP %s, redirecting to %s; the provider does not follow redirections, "+
		"which would hand the credentials to another address", e.Action, e.From, e.Status, to)
}

// TransportError is a call that never got an answer: connection refused or
// dropped, TLS failure, timeout.
type TransportError struct {
	Action   string
	Attempts int
	Err      error
}

func (e *TransportError) Error() string {
	if e.Attempts > 1 {
		return fmt.Sprintf("%s: no answer from Campaign after %d attempts: %v", e.Action, e.Attempts, e.Err)
	}
	return fmt.Sprintf("%s: no answer from Campaign: %v", e.Action, e.Err)
}

func (e *TransportError) Unwrap() error { return e.Err }

// IsCertificateError reports whether err is a failed TLS certificate
// verification (unknown authority, wrong host name, expired certificate).
func IsCertificateError(err error) bool { return httpclient.IsCertificateError(err) }
