package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"
)

var testAccProviders = map[string]func() (tfprotov6.ProviderServer, error){
	"campaign": providerserver.NewProtocol6WithError(New("test")()),
}

const (
	accLogin    = "tf-admin"
	accPassword = "acc-password-do-not-log"
	accToken    = "eyJacc-bearer-do-not-log"
	accIMSID    = "acc-ims-client"
	accIMSKey   = "acc-ims-secret-do-not-log"
)

// startEmulator serves an emulated instance over TLS for one test.
func startEmulator(t *testing.T, cfg emulator.Config) *emulator.Server {
	t.Helper()
	cfg.Login, cfg.Password = accLogin, accPassword
	cfg.AccessTokens = []string{accToken}
	cfg.IMSClientID, cfg.IMSClientSecret = accIMSID, accIMSKey
	return emulatortest.Start(t, cfg)
}

// providerConfig is a provider block for srv with login/password and the
// emulator's CA; extra lines go inside the block.
func providerConfig(srv *emulator.Server, extra ...string) string {
	return providerBlock(srv, fmt.Sprintf("login = %q\n  password = %q", accLogin, accPassword), extra...)
}

func providerBlock(srv *emulator.Server, auth string, extra ...string) string {
	return fmt.Sprintf(`
provider "campaign" {
  endpoint = %q
  %s
  ca_certificate = <<-EOT
%sEOT
  retry_wait_max = "200ms"
  %s
}
`, srv.URL, auth, indent(string(srv.CAPEM)), strings.Join(extra, "\n  "))
}

func indent(s string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		if line != "" {
			b.WriteString("    " + line)
		}
	}
	return b.String()
}

// errorLike matches a phrase in Terraform's output, whatever the line
// wrapping Terraform applied to it.
func errorLike(phrase string) *regexp.Regexp {
	words := strings.Fields(phrase)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(strings.Join(words, `\s+`))
}

// expectStats checks the emulator's counters after a step.
func expectStats(srv *emulator.Server, check func(emulator.Stats) error) resource.TestCheckFunc {
	return func(*terraform.State) error { return check(srv.Emulator.Stats()) }
}

func stringValue(addr, attr, want string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New(attr), knownvalue.StringExact(want))
}
