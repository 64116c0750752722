package provider

import (
	"context"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
)

// TestStopProviderLogsOff: Terraform's StopProvider (Ctrl-C) logs off the
// sessions the process opened, through the server the binary serves; the
// client opens none afterwards.
func TestStopProviderLogsOff(t *testing.T) {
	srv := startEmulator(t, emulator.Config{})
	sessions := NewSessions(0)
	server := NewProtocol6Server("test", sessions)()
	client, err := campaign.New(campaign.Config{Endpoint: srv.URL, Login: emulatortest.Login, Password: emulatortest.Password, CACertificatePEM: srv.CAPEM})
	if err != nil {
		t.Fatal(err)
	}
	sessions.add(client)
	ctx := context.Background()
	if _, err := client.ListIMSAccounts(ctx); err != nil {
		t.Fatal(err)
	}
	if n := srv.Emulator.Stats().SessionsOpen; n != 1 {
		t.Fatalf("%d sessions open before the stop, want 1", n)
	}
	if _, err := server.StopProvider(ctx, &tfprotov6.StopProviderRequest{}); err != nil {
		t.Fatal(err)
	}
	st := srv.Emulator.Stats()
	if st.SessionsOpen != 0 || st.ByAction[emulator.ActionLogoff] != 1 {
		t.Fatalf("after StopProvider: %d sessions open, %d Logoff; want 0 and 1", st.SessionsOpen, st.ByAction[emulator.ActionLogoff])
	}
	if _, err := client.ListIMSAccounts(ctx); err == nil {
		t.Fatal("a stopped provider's client opened a session again")
	}
}
