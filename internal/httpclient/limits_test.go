package httpclient_test

import (
	"testing"
	"time"

	"github.com/acc-terraform/terraform-provider-campaign/internal/httpclient"
)

func TestLimitsWithDefaults(t *testing.T) {
	defaults := httpclient.Limits{MaxRetries: httpclient.DefaultMaxRetries, RetryWaitMin: httpclient.DefaultRetryWaitMin,
		RetryWaitMax: httpclient.DefaultRetryWaitMax, RequestTimeout: httpclient.DefaultRequestTimeout}
	for _, tt := range []struct {
		name     string
		in, want httpclient.Limits
	}{
		{"unset: the defaults", httpclient.Limits{}, defaults},
		{"negative retries: none", httpclient.Limits{MaxRetries: -1},
			httpclient.Limits{RetryWaitMin: httpclient.DefaultRetryWaitMin, RetryWaitMax: httpclient.DefaultRetryWaitMax, RequestTimeout: httpclient.DefaultRequestTimeout}},
		{"set: kept", httpclient.Limits{MaxRetries: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Second, RequestTimeout: time.Minute},
			httpclient.Limits{MaxRetries: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Second, RequestTimeout: time.Minute}},
		{"shortest wait above the longest: lowered to it", httpclient.Limits{MaxRetries: 1, RetryWaitMin: 2 * time.Second, RetryWaitMax: time.Second, RequestTimeout: -time.Second},
			httpclient.Limits{MaxRetries: 1, RetryWaitMin: time.Second, RetryWaitMax: time.Second, RequestTimeout: httpclient.DefaultRequestTimeout}},
	} {
		if got := tt.in.WithDefaults(); got != tt.want {
			t.Errorf("%s: %+v.WithDefaults() = %+v, want %+v", tt.name, tt.in, got, tt.want)
		}
	}
}
