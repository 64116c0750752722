package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/acc-terraform/terraform-provider-campaign/internal/clitest"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"
)

var testAccProviders = map[string]func() (tfprotov6.ProviderServer, error){
	"campaign": providerserver.NewProtocol6WithError(New("test")()),
}

// startEmulator serves an emulated instance over TLS for one test, with the
// kit's credentials.
func startEmulator(t *testing.T, cfg emulator.Config) *emulator.Server {
	t.Helper()
	cfg.Login, cfg.Password = "", ""
	return emulatortest.StartInstance(t, cfg)
}

// providerConfig is a provider block for srv with login/password and the
// emulator's CA, retries kept short; extra lines go inside the block.
func providerConfig(srv *emulator.Server, extra ...string) string {
	return providerBlock(srv, emulatortest.AuthLines(srv, emulatortest.AuthPassword), extra...)
}

// providerBlock is the kit's provider block with other authentication lines.
func providerBlock(srv *emulator.Server, auth string, extra ...string) string {
	return emulatortest.ProviderBlockWith(srv, auth, append([]string{`retry_wait_max = "200ms"`}, extra...)...)
}

// errorLike matches a phrase in Terraform's output, whatever the line
// wrapping Terraform applied to it.
func errorLike(phrase string) *regexp.Regexp { return clitest.Phrase(phrase) }

// inAnyOrder matches the two patterns in Terraform's output whatever the
// order of the diagnostics that hold them.
func inAnyOrder(a, b string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)(?:` + a + `.*` + b + `|` + b + `.*` + a + `)`)
}

// expectStats checks the emulator's counters after a step.
func expectStats(srv *emulator.Server, check func(emulator.Stats) error) resource.TestCheckFunc {
	return func(*terraform.State) error { return check(srv.Emulator.Stats()) }
}

func stringValue(addr, attr, want string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New(attr), knownvalue.StringExact(want))
}
