package campaign_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
)

// TestCloseLogsOffEverySession: Close logs off the session the client
// opened and the one it opened again after an expiry, the instance then
// refuses the old token like an expired one, and the client opens no new
// session. Bearer modes have none and send no Logoff.
func TestCloseLogsOffEverySession(t *testing.T) {
	ctx := context.Background()
	t.Run("login/password", func(t *testing.T) {
		srv := start(t, emulator.Config{})
		c := clientFor(t, srv, nil)
		if _, err := c.ListIMSAccounts(ctx); err != nil {
			t.Fatal(err)
		}
		c.Close(ctx)
		st := srv.Emulator.Stats()
		if st.SessionsOpen != 0 || st.ByAction[emulator.ActionLogoff] != 1 {
			t.Fatalf("after Close: %d sessions open, %d Logoff; want 0 and 1", st.SessionsOpen, st.ByAction[emulator.ActionLogoff])
		}
		if _, err := c.ListIMSAccounts(ctx); !errors.Is(err, campaign.ErrClosed) {
			t.Fatalf("a call after Close: %v, want ErrClosed", err)
		}
		if n := srv.Emulator.Stats().ByAction[emulator.ActionLogon]; n != 1 {
			t.Fatalf("%d Logon: a closed client must not open a session again", n)
		}
		c.Close(ctx) // a second Close sends nothing
		if n := srv.Emulator.Stats().ByAction[emulator.ActionLogoff]; n != 1 {
			t.Fatalf("%d Logoff after a second Close, want 1", n)
		}
	})
	t.Run("session opened again after a local expiry", func(t *testing.T) {
		// A 61 s session timeout with the client's 1 min margin: the client
		// renews before every call, while Campaign still accepts the old token.
		srv := start(t, emulator.Config{SessionTTL: 61 * time.Second})
		c := clientFor(t, srv, func(cfg *campaign.Config) { cfg.IdleLogoff = -1 }) // the sleeps are not idle periods here
		for range 2 {
			if _, err := c.ListIMSAccounts(ctx); err != nil {
				t.Fatal(err)
			}
			time.Sleep(1100 * time.Millisecond)
		}
		if st := srv.Emulator.Stats(); st.ByAction[emulator.ActionLogon] < 2 || st.SessionsOpen < 2 {
			t.Fatalf("the test did not renew the session: %+v", st)
		}
		c.Close(ctx)
		if st := srv.Emulator.Stats(); st.SessionsOpen != 0 || st.ByAction[emulator.ActionLogoff] != st.ByAction[emulator.ActionLogon] {
			t.Fatalf("after Close: %d open, %d Logon, %d Logoff", st.SessionsOpen, st.ByAction[emulator.ActionLogon], st.ByAction[emulator.ActionLogoff])
		}
	})
	t.Run("session refused by Campaign is not logged off", func(t *testing.T) {
		srv := start(t, emulator.Config{})
		c := clientFor(t, srv, nil)
		if _, err := c.ListIMSAccounts(ctx); err != nil {
			t.Fatal(err)
		}
		srv.Emulator.ExpireSessions()
		if _, err := c.ListIMSAccounts(ctx); err != nil { // renews once
			t.Fatal(err)
		}
		c.Close(ctx)
		if st := srv.Emulator.Stats(); st.SessionsOpen != 0 || st.ByAction[emulator.ActionLogoff] != 1 {
			t.Fatalf("after Close: %d open, %d Logoff; want 0 and 1 (the expired session is over already)", st.SessionsOpen, st.ByAction[emulator.ActionLogoff])
		}
	})
	for name, mutate := range map[string]func(*campaign.Config){
		"access token": func(cfg *campaign.Config) {
			cfg.Login, cfg.Password, cfg.AccessToken = "", "", emulatortest.AccessToken
		},
		"IMS OAuth": nil, // set below: needs the server URL
	} {
		t.Run(name, func(t *testing.T) {
			srv := start(t, emulator.Config{})
			if mutate == nil {
				mutate = func(cfg *campaign.Config) {
					cfg.Login, cfg.Password = "", ""
					cfg.IMS = &campaign.IMSCredentials{ClientID: emulatortest.IMSClientID, ClientSecret: emulatortest.IMSClientSecret, TokenURL: srv.URL + "/ims/token/v3"}
				}
			}
			c := clientFor(t, srv, mutate)
			if _, err := c.ListIMSAccounts(ctx); err != nil {
				t.Fatal(err)
			}
			c.Close(ctx)
			if st := srv.Emulator.Stats(); st.ByAction[emulator.ActionLogoff] != 0 || st.ByAction[emulator.ActionLogon] != 0 || st.SessionsOpen != 0 {
				t.Fatalf("%s: %+v; a bearer mode opens no session and sends no Logoff", name, st)
			}
		})
	}
}

// TestCloseIsBoundedOnADeadInstance: when the instance stops answering
// after the Logon, Close gives up within campaign.LogoffTimeout and reports
// nothing to the caller (a log line only).
func TestCloseIsBoundedOnADeadInstance(t *testing.T) {
	ctx := context.Background()
	srv := start(t, emulator.Config{})
	c := clientFor(t, srv, nil)
	if _, err := c.ListIMSAccounts(ctx); err != nil {
		t.Fatal(err)
	}
	srv.Emulator.InjectFaults(emulator.FaultRule{Action: emulator.ActionLogoff, Kind: emulator.FaultDelay, Delay: 10 * time.Second})
	start := time.Now()
	c.Close(ctx)
	// Not a timing assertion of the provider's speed: the bound is the
	// contract (Terraform kills the plugin 2 s after Shutdown).
	if took := time.Since(start); took > campaign.LogoffTimeout+500*time.Millisecond {
		t.Fatalf("Close took %s on a hung instance; the bound is %s", took, campaign.LogoffTimeout)
	}
}

// waitFor polls the emulator's stats until ok holds: the idle Logoff runs
// in the background, after a quiet period (this waits for an event; it is
// not a timing assertion).
func waitFor(t *testing.T, srv *emulator.Server, what string, ok func(emulator.Stats) bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !ok(srv.Emulator.Stats()) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: never happened; stats %+v", what, srv.Emulator.Stats())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestIdleClientLogsOffInTheBackground: once nothing has been in flight for
// the quiet period, the client logs its session off without being closed;
// the next call logs on again; Close then has nothing left to send.
func TestIdleClientLogsOffInTheBackground(t *testing.T) {
	ctx := context.Background()
	srv := start(t, emulator.Config{})
	c := clientFor(t, srv, func(cfg *campaign.Config) { cfg.IdleLogoff = 20 * time.Millisecond })
	if _, err := c.ListIMSAccounts(ctx); err != nil {
		t.Fatal(err)
	}
	waitFor(t, srv, "the idle Logoff", func(st emulator.Stats) bool { return st.ByAction[emulator.ActionLogoff] == 1 })
	if st := srv.Emulator.Stats(); st.SessionsOpen != 0 {
		t.Fatalf("after the idle Logoff: %d sessions open", st.SessionsOpen)
	}
	if _, err := c.ListIMSAccounts(ctx); err != nil {
		t.Fatalf("a call after the idle Logoff: %v", err)
	}
	if st := srv.Emulator.Stats(); st.ByAction[emulator.ActionLogon] != 2 || st.LogonFailures != 0 {
		t.Fatalf("the call after the idle Logoff: %d Logon, %d failed; want a second Logon", st.ByAction[emulator.ActionLogon], st.LogonFailures)
	}
	waitFor(t, srv, "the second idle Logoff", func(st emulator.Stats) bool { return st.ByAction[emulator.ActionLogoff] == 2 })
	c.Close(ctx)
	if st := srv.Emulator.Stats(); st.SessionsOpen != 0 || st.ByAction[emulator.ActionLogoff] != 2 {
		t.Fatalf("Close after the idle Logoffs: %d open, %d Logoff; want 0 and 2 (nothing left to send)", st.SessionsOpen, st.ByAction[emulator.ActionLogoff])
	}
}

// TestNoIdleLogoffWhileACallIsInFlight: a call slower than the quiet
// period keeps its session (no Logoff under it, no second Logon), and the
// quiet period starts when the last concurrent call ends.
func TestNoIdleLogoffWhileACallIsInFlight(t *testing.T) {
	ctx := context.Background()
	srv := start(t, emulator.Config{})
	c := clientFor(t, srv, func(cfg *campaign.Config) { cfg.IdleLogoff = 20 * time.Millisecond })
	if _, err := c.ListIMSAccounts(ctx); err != nil { // opens the session
		t.Fatal(err)
	}
	srv.Emulator.InjectFaults(emulator.FaultRule{Action: emulator.ActionExecuteQuery, Kind: emulator.FaultDelay, Delay: 300 * time.Millisecond})
	// Within the quiet period of the first call: the session is still open.
	if _, err := c.ListIMSAccounts(ctx); err != nil {
		t.Fatal(err)
	}
	st := srv.Emulator.Stats()
	if st.ByAction[emulator.ActionLogon] != 1 {
		t.Fatalf("%d Logon: the slow call lost its session to an idle Logoff", st.ByAction[emulator.ActionLogon])
	}
	c.Close(ctx)
	if st := srv.Emulator.Stats(); st.SessionsOpen != 0 || st.ByAction[emulator.ActionLogoff] != 1 {
		t.Fatalf("after Close: %d open, %d Logoff", st.SessionsOpen, st.ByAction[emulator.ActionLogoff])
	}
}

// TestCloseWaitsForTheIdleLogoff: a background Logoff still unanswered
// when Close is called is waited for (within the bound), so the session is
// closed when Close returns; bearer modes send no Logoff when idle either.
func TestCloseWaitsForTheIdleLogoff(t *testing.T) {
	ctx := context.Background()
	t.Run("login/password", func(t *testing.T) {
		srv := start(t, emulator.Config{})
		c := clientFor(t, srv, func(cfg *campaign.Config) { cfg.IdleLogoff = 10 * time.Millisecond })
		srv.Emulator.InjectFaults(emulator.FaultRule{Action: emulator.ActionLogoff, Kind: emulator.FaultDelay, Delay: 300 * time.Millisecond})
		if _, err := c.ListIMSAccounts(ctx); err != nil {
			t.Fatal(err)
		}
		waitFor(t, srv, "the idle Logoff reaching the instance", func(st emulator.Stats) bool { return st.FaultsInjected == 1 })
		c.Close(ctx)
		if st := srv.Emulator.Stats(); st.SessionsOpen != 0 || st.ByAction[emulator.ActionLogoff] != 1 {
			t.Fatalf("Close returned before the idle Logoff ended: %d open, %d Logoff", st.SessionsOpen, st.ByAction[emulator.ActionLogoff])
		}
	})
	t.Run("access token", func(t *testing.T) {
		srv := start(t, emulator.Config{})
		c := clientFor(t, srv, func(cfg *campaign.Config) {
			cfg.Login, cfg.Password, cfg.AccessToken, cfg.IdleLogoff = "", "", emulatortest.AccessToken, 10*time.Millisecond
		})
		if _, err := c.ListIMSAccounts(ctx); err != nil {
			t.Fatal(err)
		}
		time.Sleep(100 * time.Millisecond) // ten quiet periods
		c.Close(ctx)
		if st := srv.Emulator.Stats(); st.ByAction[emulator.ActionLogoff] != 0 || st.ByAction[emulator.ActionLogon] != 0 {
			t.Fatalf("%+v; a bearer mode opens no session and sends no Logoff", st)
		}
	})
}

// TestIdleLogoffOnlyOnARemoteInstance: by default the client logs off when
// idle only once its fastest answer took campaign.RemoteRoundTrip or more;
// against a near instance the session stays until Close (a Logoff there
// costs next to nothing at exit, and an idle one would cost a Logon more).
func TestIdleLogoffOnlyOnARemoteInstance(t *testing.T) {
	ctx := context.Background()
	t.Run("near", func(t *testing.T) {
		srv := start(t, emulator.Config{})
		c := clientFor(t, srv, nil)
		if _, err := c.ListIMSAccounts(ctx); err != nil {
			t.Fatal(err)
		}
		time.Sleep(4 * campaign.DefaultIdleLogoff)
		if st := srv.Emulator.Stats(); st.ByAction[emulator.ActionLogoff] != 0 || st.SessionsOpen != 1 {
			t.Fatalf("near instance, idle: %d Logoff, %d open; want the session kept until Close", st.ByAction[emulator.ActionLogoff], st.SessionsOpen)
		}
		c.Close(ctx)
		if st := srv.Emulator.Stats(); st.SessionsOpen != 0 {
			t.Fatalf("after Close: %d open", st.SessionsOpen)
		}
	})
	t.Run("remote", func(t *testing.T) {
		srv := start(t, emulator.Config{})
		srv.Emulator.SetRandomFaults(emulator.RandomFaults{Latency: 2 * campaign.RemoteRoundTrip})
		c := clientFor(t, srv, nil)
		if _, err := c.ListIMSAccounts(ctx); err != nil {
			t.Fatal(err)
		}
		waitFor(t, srv, "the idle Logoff of a remote instance", func(st emulator.Stats) bool { return st.ByAction[emulator.ActionLogoff] == 1 })
		c.Close(ctx)
		if st := srv.Emulator.Stats(); st.SessionsOpen != 0 || st.ByAction[emulator.ActionLogoff] != 1 {
			t.Fatalf("after Close: %d open, %d Logoff", st.SessionsOpen, st.ByAction[emulator.ActionLogoff])
		}
	})
}
