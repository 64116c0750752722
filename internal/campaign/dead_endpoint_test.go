package campaign_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"
	"github.com/acc-terraform/terraform-provider-campaign/internal/imstoken"
)

// TestDeadEndpointCostsOneRetryCycle sends 10 concurrent reads to an
// endpoint that is down, in each authentication mode: the first contact is
// tried max_retries+1 times, and every caller (those waiting for it and those
// that come later) gets that same error at once, instead of repeating the
// cycle one after another.
func TestDeadEndpointCostsOneRetryCycle(t *testing.T) {
	const maxRetries, callers = 2, 10
	modes := map[string]func(*campaign.Config, string){
		"login/password": func(cfg *campaign.Config, _ string) {
			cfg.Login, cfg.Password = emulatortest.Login, emulatortest.Password
		},
		"access token": func(cfg *campaign.Config, _ string) { cfg.AccessToken = emulatortest.AccessToken },
		"IMS OAuth (token URL down)": func(cfg *campaign.Config, url string) {
			cfg.IMS = &campaign.IMSCredentials{ClientID: emulatortest.IMSClientID, ClientSecret: emulatortest.IMSClientSecret, TokenURL: url + "/ims/token/v3"}
		},
	}
	endpoints := map[string]func(testing.TB) *emulatortest.DeadEndpoint{"hung": emulatortest.Hung, "closed port": emulatortest.Closed}
	for epName, newEndpoint := range endpoints {
		for modeName, auth := range modes {
			t.Run(epName+"/"+modeName, func(t *testing.T) {
				t.Parallel()
				dead := newEndpoint(t)
				log := &recordingLogger{}
				cfg := campaign.Config{
					Endpoint: dead.URL, MaxRetries: maxRetries, RequestTimeout: 300 * time.Millisecond,
					RetryWaitMin: 5 * time.Millisecond, RetryWaitMax: 20 * time.Millisecond, Logger: log,
				}
				auth(&cfg, dead.URL)
				c, err := campaign.New(cfg)
				if err != nil {
					t.Fatal(err)
				}
				errs := make([]error, callers, callers+1)
				var wg sync.WaitGroup
				for i := range callers {
					wg.Go(func() { _, errs[i] = c.GetIMSAccount(context.Background(), "Adobe_Marketing_Cloud") })
				}
				wg.Wait()
				_, late := c.GetIMSAccount(context.Background(), "Adobe_Marketing_Cloud")
				errs = append(errs, late)

				for i, err := range errs {
					attempts, ok := unansweredAttempts(err)
					if !ok {
						t.Fatalf("caller %d: err = %v, want a *campaign.TransportError (or, at the token URL, imstoken's)", i, err)
					}
					if attempts != maxRetries+1 {
						t.Errorf("caller %d: error says %d attempts, want %d", i, attempts, maxRetries+1)
					}
					if !strings.Contains(err.Error(), strings.TrimPrefix(dead.URL, "https://")) {
						t.Errorf("caller %d: error %q does not name the endpoint", i, err)
					}
					if err.Error() != errs[0].Error() {
						t.Errorf("caller %d got another error than the first: %v", i, err)
					}
				}
				retries := 0
				for _, line := range log.lines {
					if strings.HasPrefix(line, "retrying") {
						retries++
					}
				}
				if retries != maxRetries {
					t.Errorf("%d retries logged for %d callers, want %d (one retry cycle in all)", retries, callers+1, maxRetries)
				}
				if epName == "hung" && dead.Connections() != maxRetries+1 {
					t.Errorf("the hung endpoint accepted %d connections, want %d", dead.Connections(), maxRetries+1)
				}
			})
		}
	}
}

// unansweredAttempts reads a call that got no answer: Campaign's, or the
// IMS token endpoint's, which the client returns as imstoken gives it.
func unansweredAttempts(err error) (attempts int, ok bool) {
	var campaignDown *campaign.TransportError
	var tokenDown *imstoken.TransportError
	switch {
	case errors.As(err, &campaignDown):
		return campaignDown.Attempts, true
	case errors.As(err, &tokenDown):
		return tokenDown.Attempts, true
	}
	return 0, false
}
