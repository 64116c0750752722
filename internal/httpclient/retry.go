package httpclient

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
)

// Policy decides what is retried: connection errors, 429 and 502/503/504.
// Any other answer (a SOAP fault, a 401, a JSON error) is returned, never
// retried here; a TLS certificate failure is never retried either.
type Policy struct {
	WaitMin, WaitMax time.Duration
	// ThrottleFinal: a 429 or 503 asking to wait longer than WaitMax is
	// returned at once instead of retried after WaitMax (for an API whose
	// limit is per minute, a shorter wait only earns another 429).
	ThrottleFinal bool
}

// CheckRetry is retryablehttp's CheckRetry.
func (p Policy) CheckRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
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
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		if p.ThrottleFinal {
			if d, ok := ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok && d > p.WaitMax {
				return false, nil
			}
		}
		return true, nil
	case http.StatusBadGateway, http.StatusGatewayTimeout:
		return true, nil
	}
	return false, nil
}

// Backoff honours Retry-After on 429/503 but never waits longer than
// WaitMax (go-retryablehttp's default does not cap it); otherwise it is
// exponential with jitter between WaitMin and WaitMax.
func (p Policy) Backoff(_, _ time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if d, ok := ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return min(d, p.WaitMax)
		}
	}
	ceiling := p.WaitMin << min(attempt, 20)
	if ceiling <= 0 || ceiling > p.WaitMax {
		ceiling = p.WaitMax
	}
	if ceiling <= p.WaitMin {
		return ceiling
	}
	return p.WaitMin + rand.N(ceiling-p.WaitMin)
}

// ParseRetryAfter reads delay-seconds or an HTTP date.
func ParseRetryAfter(v string, now time.Time) (time.Duration, bool) {
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
