package adminconsole

import (
	"fmt"
	"time"
)

// The errors of the client. Each names the URL that answered (never a
// secret or a token) and says what it means; the provider adds what to
// change, attribute by attribute. A failed token exchange is
// internal/imstoken's error, as it is.

// AccessError: the User Management API refused the token (401: invalid or
// expired token, or an organization the credential does not belong to) or
// the client's access (403: no access to the organization or to the API).
type AccessError struct {
	URL        string
	StatusCode int
	Status     string
	Reason     string // WWW-Authenticate's error_description, or the JSON message
}

func (e *AccessError) Error() string {
	msg := fmt.Sprintf("the User Management API %s answered %s", e.URL, e.Status)
	if e.Reason != "" {
		msg += ": " + e.Reason
	}
	return msg
}

// InvalidOrganization: the 401 says the organization is not the credential's.
func (e *AccessError) InvalidOrganization() bool { return e.Reason == "Invalid Organization" }

// ThrottledError: 429 after the waits the retry policy allows.
type ThrottledError struct {
	URL        string
	RetryAfter time.Duration // what the last answer asked for; 0 if it did not say
	Attempts   int
}

func (e *ThrottledError) Error() string {
	msg := fmt.Sprintf("the User Management API %s throttled the listing (429 Too Many Requests, %d attempt(s))", e.URL, e.Attempts)
	if e.RetryAfter > 0 {
		msg += fmt.Sprintf("; it asked to wait %s", e.RetryAfter)
	}
	return msg
}

// RedirectError: a redirect, never followed (the request carries a token or a secret).
type RedirectError struct {
	From, Location string
	Status         string
}

func (e *RedirectError) Error() string {
	return fmt.Sprintf("%s answered %s, a redirect to %s, which was not followed", e.From, e.Status, e.Location)
}

// UnavailableError: no answer, or an answer that is no listing (5xx, a
// proxy page, an unreadable body), after the retries.
type UnavailableError struct {
	URL      string
	Problem  string
	Attempts int
}

func (e *UnavailableError) Error() string {
	return fmt.Sprintf("%s: %s (%d attempt(s))", e.URL, e.Problem, e.Attempts)
}
