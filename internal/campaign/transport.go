package campaign

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
)

// retryPolicy decides what is retried: connection errors, 429 and
// 502/503/504. A SOAP fault (HTTP 200 or 500 with a Fault body) is an answer,
// never retried here; a TLS certificate failure is never retried either.
type retryPolicy struct {
	waitMin, waitMax time.Duration
}

type ctxKey int

const (
	attemptsKey ctxKey = iota
	noTransportRetryKey
)

// withoutTransportRetry marks a call whose repetition after a lost answer
// could do the work twice (package installation): only throttling answers,
// which prove the server did nothing, are retried.
func withoutTransportRetry(ctx context.Context) context.Context {
	return context.WithValue(ctx, noTransportRetryKey, true)
}

func (p retryPolicy) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if err != nil {
		if IsCertificateError(err) {
			return false, err
		}
		if ctx.Value(noTransportRetryKey) != nil {
			return false, err
		}
		return true, nil
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true, nil
	}
	return false, nil
}

// backoff honours Retry-After on 429/503 but never waits longer than
// waitMax (go-retryablehttp's default does not cap it); otherwise it is
// exponential with jitter between waitMin and waitMax.
func (p retryPolicy) backoff(_, _ time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return min(d, p.waitMax)
		}
	}
	ceiling := p.waitMin << min(attempt, 20)
	if ceiling <= 0 || ceiling > p.waitMax {
		ceiling = p.waitMax
	}
	if ceiling <= p.waitMin {
		return ceiling
	}
	return p.waitMin + rand.N(ceiling-p.waitMin)
}

// parseRetryAfter reads delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0, false
		}
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// attemptCounter records how many attempts a call took (for error messages).
func attemptCounter(ctx context.Context) (context.Context, *int) {
	n := new(int)
	return context.WithValue(ctx, attemptsKey, n), n
}

func newHTTPClient(cfg *Config, timeout time.Duration) (*retryablehttp.Client, error) {
	transport := cleanhttp.DefaultPooledTransport()
	tlsCfg, err := tlsConfig(cfg.CACertificatePEM)
	if err != nil {
		return nil, err
	}
	transport.TLSClientConfig = tlsCfg
	policy := retryPolicy{waitMin: cfg.RetryWaitMin, waitMax: cfg.RetryWaitMax}
	rc := &retryablehttp.Client{
		HTTPClient: &http.Client{Transport: transport, Timeout: timeout,
			// Every request of this client carries a credential (password,
			// session and security tokens, bearer token, IMS client secret),
			// and Go would resend headers, and on 307/308 the body, to the
			// redirect target. Campaign's SOAP router and IMS never redirect
			// a POST: a 3xx is returned as is and becomes a *RedirectError.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		Logger:       nil, // the library logs to stderr by default; we log through cfg.Logger
		RetryWaitMin: cfg.RetryWaitMin,
		RetryWaitMax: cfg.RetryWaitMax,
		RetryMax:     cfg.MaxRetries,
		CheckRetry:   policy.checkRetry,
		Backoff:      policy.backoff,
		RequestLogHook: func(_ retryablehttp.Logger, req *http.Request, attempt int) {
			if n, ok := req.Context().Value(attemptsKey).(*int); ok {
				*n = attempt + 1
			}
			if attempt > 0 {
				cfg.Logger.Warn(req.Context(), "retrying Campaign call", map[string]any{
					"soap_action": req.Header.Get("SOAPAction"), "attempt": attempt + 1,
				})
			}
		},
		// Keep the last answer (its body explains the failure) instead of
		// the library's generic "giving up" error.
		ErrorHandler: func(resp *http.Response, err error, _ int) (*http.Response, error) {
			if err != nil {
				if resp != nil {
					_ = resp.Body.Close()
				}
				return nil, err
			}
			return resp, nil
		},
	}
	return rc, nil
}

// isRedirect reports whether resp is a redirection the client refused to follow.
func isRedirect(resp *http.Response) bool {
	return resp.StatusCode >= 300 && resp.StatusCode < 400
}

// redirectError describes a refused redirection. Location is reduced to
// scheme, host and path: a query or user info may carry a token.
func redirectError(action string, resp *http.Response) *RedirectError {
	loc := resp.Header.Get("Location")
	if u, err := resp.Request.URL.Parse(loc); err == nil && loc != "" {
		u.User, u.RawQuery, u.Fragment, u.RawFragment, u.ForceQuery = nil, "", "", "", false
		loc = u.String()
	}
	return &RedirectError{Action: action, StatusCode: resp.StatusCode, Status: describeStatus(resp),
		From: resp.Request.URL.Scheme + "://" + resp.Request.URL.Host + resp.Request.URL.Path, Location: loc}
}

func describeStatus(resp *http.Response) string {
	if resp.Status != "" {
		return resp.Status
	}
	return fmt.Sprintf("%d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
}
