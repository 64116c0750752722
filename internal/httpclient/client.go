// Package httpclient is the HTTP transport every client of the provider
// shares (Campaign's SOAP router, IMS's token endpoint, Adobe's User
// Management API): TLS verified against the system roots or a private CA,
// never turned off; redirects refused, because every request carries a
// credential; retries of what proves the server did nothing or got nothing
// (connection errors, 429, 502/503/504), honouring Retry-After within a
// bound. The clients' shared defaults (Limits) and Logger live here too. It
// has no Terraform imports.
package httpclient

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
)

// Options configure a client.
type Options struct {
	CACertificatePEM []byte
	// Timeout bounds one attempt; zero means none (a long installation).
	Timeout time.Duration
	// MaxRetries after the first attempt; negative means none.
	MaxRetries int
	Policy     Policy
	// OnRetry is called before each retry (attempt counts from 2), for a log line.
	OnRetry func(req *http.Request, attempt int)
}

// New builds a client. Its answers are returned as they are, the last one
// after the retries (its body explains the failure), 3xx included: callers
// turn a redirect into an error that names where it pointed.
func New(opts Options) (*retryablehttp.Client, error) {
	transport := cleanhttp.DefaultPooledTransport()
	tlsCfg, err := TLSConfig(opts.CACertificatePEM)
	if err != nil {
		return nil, err
	}
	transport.TLSClientConfig = tlsCfg
	maxRetries := opts.MaxRetries
	if maxRetries < 0 {
		maxRetries = 0
	}
	return &retryablehttp.Client{
		HTTPClient: &http.Client{Transport: transport, Timeout: opts.Timeout,
			// Go would resend headers, and on 307/308 the body, to the
			// redirect target: a 3xx is returned as is.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		Logger:       nil, // the library logs to stderr by default; callers log through OnRetry
		RetryWaitMin: opts.Policy.WaitMin,
		RetryWaitMax: opts.Policy.WaitMax,
		RetryMax:     maxRetries,
		CheckRetry:   opts.Policy.CheckRetry,
		Backoff:      opts.Policy.Backoff,
		RequestLogHook: func(_ retryablehttp.Logger, req *http.Request, attempt int) {
			if n, ok := req.Context().Value(attemptsKey).(*int); ok {
				*n = attempt + 1
			}
			if attempt > 0 && opts.OnRetry != nil {
				opts.OnRetry(req, attempt+1)
			}
		},
		ErrorHandler: func(resp *http.Response, err error, _ int) (*http.Response, error) {
			if err != nil {
				if resp != nil {
					_ = resp.Body.Close()
				}
				return nil, err
			}
			return resp, nil
		},
	}, nil
}

type ctxKey int

const (
	attemptsKey ctxKey = iota
	noTransportRetryKey
)

// WithoutTransportRetry marks a call whose repetition after a lost answer
// could do the work twice (a package installation): only throttling
// answers, which prove the server did nothing, are retried.
func WithoutTransportRetry(ctx context.Context) context.Context {
	return context.WithValue(ctx, noTransportRetryKey, true)
}

// AttemptCounter records how many attempts a call took (for error messages).
func AttemptCounter(ctx context.Context) (context.Context, *int) {
	n := new(int)
	return context.WithValue(ctx, attemptsKey, n), n
}

// IsRedirect reports whether resp is a redirection the client refused to follow.
func IsRedirect(resp *http.Response) bool {
	return resp.StatusCode >= 300 && resp.StatusCode < 400
}

// Redirect describes a refused redirection: the URL that answered and where
// it pointed, both reduced to scheme, host and path (a query or user info
// may carry a token).
func Redirect(resp *http.Response) (from, location string) {
	loc := resp.Header.Get("Location")
	if u, err := resp.Request.URL.Parse(loc); err == nil && loc != "" {
		loc = StripURL(u)
	}
	return StripURL(resp.Request.URL), loc
}

// StripURL is u without user info, query or fragment.
func StripURL(u *url.URL) string {
	c := *u
	c.User, c.RawQuery, c.Fragment, c.RawFragment, c.ForceQuery = nil, "", "", "", false
	return c.String()
}

// DescribeStatus is "404 Not Found".
func DescribeStatus(resp *http.Response) string {
	if resp.Status != "" {
		return resp.Status
	}
	return fmt.Sprintf("%d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
}

// IsCertificateError reports whether err is a failed TLS certificate
// verification (unknown authority, wrong host name, expired certificate).
func IsCertificateError(err error) bool {
	var (
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
		verify   *tls.CertificateVerificationError
	)
	return errors.As(err, &unknown) || errors.As(err, &hostname) || errors.As(err, &invalid) || errors.As(err, &verify)
}

// Standard is rc as a *http.Client, for libraries that take one (oauth2).
// retryablehttp's own StandardClient wraps it in a client that follows
// redirects, which would resend a credential to wherever a 3xx points:
// this one refuses them too.
func Standard(rc *retryablehttp.Client) *http.Client {
	return &http.Client{
		Transport:     &retryablehttp.RoundTripper{Client: rc},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
