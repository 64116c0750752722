package campaign_test

import (
	"context"
	"errors"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
)

// TestLostAnswersAreSettledByReading: after a write whose answer is lost,
// the client reads the record and reports what happened, one case per row
// of writeThenRead's table; a create that finds the account as planned (an
// earlier lost answer) writes it again, one with other values is refused.
func TestLostAnswersAreSettledByReading(t *testing.T) {
	ctx := context.Background()
	retryOnce := func(cfg *campaign.Config) { cfg.MaxRetries = 1 }
	dropAfter := func(action string) emulator.FaultRule {
		return emulator.FaultRule{Action: action, Kind: emulator.FaultDropAfter, Times: 10}
	}
	t.Run("answer lost on every attempt, account there", func(t *testing.T) {
		srv := start(t, emulator.Config{})
		c := clientFor(t, srv, retryOnce)
		srv.Emulator.InjectFaults(dropAfter(emulator.ActionWrite))
		res, err := c.CreateIMSAccount(ctx, sampleAccount("Adobe_Marketing_Cloud"), nil, nil)
		if err != nil || !res.AnswerLost || res.Stored == nil || res.Stored.Get("id") == "" {
			t.Fatalf("got %+v, %v; want the account read back, AnswerLost", res, err)
		}
	})
	t.Run("answer lost, instance unreachable for the read", func(t *testing.T) {
		srv := start(t, emulator.Config{})
		c := clientFor(t, srv, retryOnce)
		if _, err := c.ListIMSAccounts(ctx); err != nil { // the schema is read before the faults
			t.Fatal(err)
		}
		srv.Emulator.InjectFaults(dropAfter(emulator.ActionWrite), emulator.FaultRule{Action: emulator.ActionExecuteQuery, Kind: emulator.FaultDrop, Skip: 1, Times: 10})
		_, err := c.CreateIMSAccount(ctx, sampleAccount("Adobe_Marketing_Cloud"), nil, nil)
		var unknown *campaign.UnknownOutcomeError
		if !errors.As(err, &unknown) {
			t.Fatalf("got %v, want *UnknownOutcomeError", err)
		}
		if _, ok := srv.Emulator.Account("Adobe_Marketing_Cloud"); !ok {
			t.Fatal("the emulator did not do the write: the case tests nothing")
		}
		// The next create (the next apply) finds it as planned and writes it again.
		srv.Emulator.ClearFaults()
		res, err := c.CreateIMSAccount(ctx, sampleAccount("Adobe_Marketing_Cloud"), nil, nil)
		if err != nil || res.Stored == nil {
			t.Fatalf("the next create: %+v, %v; want it to adopt the account it wrote", res, err)
		}
	})
	t.Run("no answer, nothing written", func(t *testing.T) {
		srv := start(t, emulator.Config{})
		c := clientFor(t, srv, retryOnce)
		srv.Emulator.InjectFaults(emulator.FaultRule{Action: emulator.ActionWrite, Kind: emulator.FaultDrop, Times: 10})
		_, err := c.CreateIMSAccount(ctx, sampleAccount("Adobe_Marketing_Cloud"), nil, nil)
		var notWritten *campaign.NotWrittenError
		if !errors.As(err, &notWritten) {
			t.Fatalf("got %v, want *NotWrittenError", err)
		}
	})
	t.Run("write answered, read-back lost", func(t *testing.T) {
		srv := start(t, emulator.Config{})
		c := clientFor(t, srv, retryOnce)
		srv.Emulator.InjectFaults(emulator.FaultRule{Action: emulator.ActionExecuteQuery, Kind: emulator.FaultDrop, Skip: 1, Times: 10})
		res, err := c.CreateIMSAccount(ctx, sampleAccount("Adobe_Marketing_Cloud"), nil, nil)
		if err != nil || res.ReadBackErr == nil || res.Stored != nil {
			t.Fatalf("got %+v, %v; want ReadBackErr", res, err)
		}
	})
	t.Run("create refuses an account of that name with other values", func(t *testing.T) {
		srv := start(t, emulator.Config{})
		c := clientFor(t, srv, nil)
		if _, err := c.WriteIMSAccount(ctx, sampleAccount("Adobe_Marketing_Cloud"), nil, nil); err != nil {
			t.Fatal(err)
		}
		other := sampleAccount("Adobe_Marketing_Cloud")
		other["imsRightsMask"] = "Campaign - other - (.*)"
		srv.Emulator.ResetStats()
		_, err := c.CreateIMSAccount(ctx, other, nil, nil)
		var existing *campaign.ExistingRecordError
		if !errors.As(err, &existing) || len(existing.Differences) != 1 || existing.Differences[0].Field.Campaign != "imsRightsMask" {
			t.Fatalf("got %v, want *ExistingRecordError on imsRightsMask", err)
		}
		if n := srv.Emulator.Stats().ByAction[emulator.ActionWrite]; n != 0 {
			t.Fatalf("%d Write: a refused create writes nothing", n)
		}
	})
	t.Run("package installation answer lost", func(t *testing.T) {
		srv := start(t, emulator.Config{})
		c := clientFor(t, srv, nil)
		srv.Emulator.InjectFaults(emulator.FaultRule{Action: emulator.ActionInstallVendorPackages, Kind: emulator.FaultDropAfter})
		if err := c.InstallPackage(ctx, emulator.DefaultIMSPackage); err != nil {
			t.Fatalf("a lost answer to an installation that happened: %v", err)
		}
		if n := srv.Emulator.Stats().ByAction[emulator.ActionInstallVendorPackages]; n != 1 {
			t.Fatalf("%d InstallVendorPackages: an installation is never sent twice", n)
		}
	})
}
