// Package emulatortest starts emulated Campaign instances for tests, the way
// net/http/httptest starts servers: over TLS on a free loopback port, closed
// when the test ends.
package emulatortest

import (
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
)

// Start serves an emulator configured by cfg over TLS on a free loopback
// port until the test ends. The server's CAPEM is the CA clients must trust.
func Start(t testing.TB, cfg emulator.Config) *emulator.Server {
	t.Helper()
	em, err := emulator.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := emulator.Listen("127.0.0.1:0", em, emulator.TLSMode{Enabled: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}
