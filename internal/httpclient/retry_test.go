package httpclient

import (
	"context"
	"crypto/x509"
	"errors"
	"net/http"
	"testing"
	"time"
)

func TestRetryPolicyCheckRetry(t *testing.T) {
	p := Policy{WaitMin: 10 * time.Millisecond, WaitMax: time.Second}
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name   string
		ctx    context.Context
		status int // 0: no answer
		err    error
		retry  bool
	}{
		{"connection error", context.Background(), 0, errors.New("connection reset by peer"), true},
		{"certificate error", context.Background(), 0, x509.UnknownAuthorityError{}, false},
		{"connection error of an installation", WithoutTransportRetry(context.Background()), 0, errors.New("EOF"), false},
		{"429", context.Background(), 429, nil, true},
		{"429 of an installation (nothing was done)", WithoutTransportRetry(context.Background()), 429, nil, true},
		{"502", context.Background(), 502, nil, true},
		{"503", context.Background(), 503, nil, true},
		{"504", context.Background(), 504, nil, true},
		{"200 (an answer, fault or not)", context.Background(), 200, nil, false},
		{"500 (a SOAP fault)", context.Background(), 500, nil, false},
		{"302 (refused redirect)", context.Background(), 302, nil, false},
		{"401", context.Background(), 401, nil, false},
		{"canceled by the caller", canceled, 503, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var resp *http.Response
			if tt.status != 0 {
				resp = &http.Response{StatusCode: tt.status, Header: http.Header{}, Body: http.NoBody}
				defer resp.Body.Close()
			}
			retry, _ := p.CheckRetry(tt.ctx, resp, tt.err)
			if retry != tt.retry {
				t.Errorf("retry = %v, want %v", retry, tt.retry)
			}
		})
	}
}

func TestRetryPolicyBackoff(t *testing.T) {
	p := Policy{WaitMin: 100 * time.Millisecond, WaitMax: 2 * time.Second}
	tests := []struct {
		name       string
		attempt    int
		status     int // 0: no answer
		retryAfter string
		min, max   time.Duration
	}{
		{"Retry-After honoured on 429", 0, 429, "1", time.Second, time.Second},
		{"Retry-After capped at waitMax", 0, 503, "3600", 2 * time.Second, 2 * time.Second},
		{"Retry-After ignored on 502", 0, 502, "3600", 100 * time.Millisecond, 200 * time.Millisecond},
		{"invalid Retry-After: exponential", 1, 503, "soon", 100 * time.Millisecond, 400 * time.Millisecond},
		{"no answer, first retry", 0, 0, "", 100 * time.Millisecond, 200 * time.Millisecond},
		{"no answer, late retry is capped", 30, 0, "", 100 * time.Millisecond, 2 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var resp *http.Response
			if tt.status != 0 {
				resp = &http.Response{StatusCode: tt.status, Header: http.Header{"Retry-After": []string{tt.retryAfter}}, Body: http.NoBody}
				defer resp.Body.Close()
			}
			for range 50 { // jitter: every draw stays in bounds
				if d := p.Backoff(0, 0, tt.attempt, resp); d < tt.min || d > tt.max {
					t.Fatalf("backoff = %v, want within [%v, %v]", d, tt.min, tt.max)
				}
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		value string
		want  time.Duration
		ok    bool
	}{
		{"0", 0, true},
		{"7", 7 * time.Second, true},
		{"-1", 0, false},
		{"", 0, false},
		{"soon", 0, false},
		{"Wed, 25 Nov 2026 10:00:30 GMT", 30 * time.Second, true},
		{"Wed, 25 Nov 2026 09:59:00 GMT", 0, true}, // in the past: no wait
	}
	for _, tt := range tests {
		got, ok := ParseRetryAfter(tt.value, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseRetryAfter(%q) = %v, %v; want %v, %v", tt.value, got, ok, tt.want, tt.ok)
		}
	}
}

func TestThrottleFinalReturnsLongWaits(t *testing.T) {
	p := Policy{WaitMin: 10 * time.Millisecond, WaitMax: 5 * time.Second, ThrottleFinal: true}
	tests := []struct {
		status     int
		retryAfter string
		retry      bool
	}{
		{429, "5", true},   // within WaitMax: waited out
		{429, "38", false}, // longer than WaitMax: returned at once
		{503, "60", false},
		{429, "", true}, // no Retry-After: exponential backoff
		{502, "60", true},
	}
	for _, tt := range tests {
		resp := &http.Response{StatusCode: tt.status, Header: http.Header{"Retry-After": []string{tt.retryAfter}}, Body: http.NoBody}
		if retry, _ := p.CheckRetry(context.Background(), resp, nil); retry != tt.retry {
			t.Errorf("%d Retry-After %q: retry = %v, want %v", tt.status, tt.retryAfter, retry, tt.retry)
		}
	}
}
