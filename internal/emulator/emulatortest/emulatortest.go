// Package emulatortest starts emulated Campaign instances for tests, the way
// net/http/httptest starts servers: over TLS on a free loopback port, closed
// when the test ends.
package emulatortest

import (
	"context"
	"net"
	"sync"
	"sync/atomic"
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

// DeadEndpoint is an address where no Campaign answers, for tests of how a
// client fails: Connections counts the TCP connections it accepted.
type DeadEndpoint struct {
	URL         string
	connections atomic.Int64
}

// Connections is how many connections the endpoint accepted so far (always
// 0 for a closed port).
func (d *DeadEndpoint) Connections() int { return int(d.connections.Load()) }

// Hung listens on a free loopback port, accepts every connection and never
// answers (not even the TLS handshake): a frozen server or a firewall that
// swallows packets after the handshake. Connections are closed when the test ends.
func Hung(t testing.TB) *DeadEndpoint {
	t.Helper()
	ln, d := listenLoopback(t)
	var (
		mu    sync.Mutex
		conns []net.Conn
	)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			d.connections.Add(1)
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			_ = c.Close()
		}
	})
	return d
}

// Closed is a loopback port that was free a moment ago and is closed now:
// every connection is refused at once.
func Closed(t testing.TB) *DeadEndpoint {
	t.Helper()
	ln, d := listenLoopback(t)
	_ = ln.Close()
	return d
}

// listenLoopback opens a free loopback port and the DeadEndpoint that names it.
func listenLoopback(t testing.TB) (net.Listener, *DeadEndpoint) {
	t.Helper()
	ln, err := new(net.ListenConfig).Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln, &DeadEndpoint{URL: "https://" + ln.Addr().String()}
}
