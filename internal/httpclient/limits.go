package httpclient

import (
	"context"
	"time"
)

// Defaults of every client's retries and per-request timeout (the
// provider's max_retries, retry_wait_min, retry_wait_max and
// request_timeout, for Campaign and the Admin Console alike).
const (
	DefaultMaxRetries     = 4
	DefaultRetryWaitMin   = 500 * time.Millisecond
	DefaultRetryWaitMax   = 30 * time.Second
	DefaultRequestTimeout = 60 * time.Second
)

// Limits are a client's retries and per-request timeout as configured.
type Limits struct {
	MaxRetries     int // 0: DefaultMaxRetries; negative: none
	RetryWaitMin   time.Duration
	RetryWaitMax   time.Duration
	RequestTimeout time.Duration
}

// WithDefaults fills what is unset (zero or negative) with the defaults,
// turns a negative MaxRetries into 0 (none), and keeps RetryWaitMin at
// most RetryWaitMax.
func (l Limits) WithDefaults() Limits {
	switch {
	case l.MaxRetries == 0:
		l.MaxRetries = DefaultMaxRetries
	case l.MaxRetries < 0:
		l.MaxRetries = 0
	}
	if l.RetryWaitMin <= 0 {
		l.RetryWaitMin = DefaultRetryWaitMin
	}
	if l.RetryWaitMax <= 0 {
		l.RetryWaitMax = DefaultRetryWaitMax
	}
	l.RetryWaitMin = min(l.RetryWaitMin, l.RetryWaitMax)
	if l.RequestTimeout <= 0 {
		l.RequestTimeout = DefaultRequestTimeout
	}
	return l
}

// Logger receives a client's log lines. Fields never hold a secret.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
	Warn(ctx context.Context, msg string, fields map[string]any)
}

// NopLogger drops every line: a client's logger when its caller gives none.
type NopLogger struct{}

func (NopLogger) Debug(context.Context, string, map[string]any) {}
func (NopLogger) Warn(context.Context, string, map[string]any)  {}
