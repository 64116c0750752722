package campaign_test

import (
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

// TestEveryModeIsRedacted: for every authentication mode of the client, the
// secrets it is configured with never survive in a text that comes from the
// server. A new mode without an entry here fails, and so does one whose
// secrets its table entry does not list.
func TestEveryModeIsRedacted(t *testing.T) {
	configs := map[campaign.AuthMode]struct {
		cfg     campaign.Config
		secrets []string
	}{
		campaign.AuthPassword:    {campaign.Config{Login: "op", Password: "pw-redact-me"}, []string{"pw-redact-me"}},
		campaign.AuthAccessToken: {campaign.Config{AccessToken: "eyJ-redact-me"}, []string{"eyJ-redact-me"}},
		campaign.AuthIMSOAuth: {campaign.Config{IMS: &campaign.IMSCredentials{ClientID: "id", ClientSecret: "ims-redact-me",
			TokenURL: "https://ims.example.com/ims/token/v3"}}, []string{"ims-redact-me"}},
	}
	for _, mode := range campaign.AuthModes() {
		t.Run(string(mode), func(t *testing.T) {
			c, ok := configs[mode]
			if !ok {
				t.Fatalf("mode %q has no redaction case: add one with the secrets it carries", mode)
			}
			c.cfg.Endpoint = "https://campaign.example.com"
			client, err := campaign.New(c.cfg)
			if err != nil {
				t.Fatal(err)
			}
			for _, secret := range c.secrets {
				text := "XSV-350000 rejected credentials " + secret + " for " + string(mode)
				if got := client.Redact(text); strings.Contains(got, secret) {
					t.Errorf("a server text keeps the %s secret: %q", mode, got)
				}
			}
		})
	}
}
