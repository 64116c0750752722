package main

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"
)

// breakdownRow is one step of what a provider process does itself.
type breakdownRow struct {
	what string
	took time.Duration
}

// probeSystemRoots prints how long loading the system roots takes in a fresh
// process (Go caches them for the life of the process, as a provider
// process does for its whole run).
func probeSystemRoots() {
	start := time.Now()
	_, _ = x509.SystemCertPool()
	fmt.Println(time.Since(start).Nanoseconds())
}

// measureBreakdown times, against an emulator without latency, the steps a
// provider process takes for one instance: loading the system roots (when
// ca_certificate is set, the private CA is added to them), building the
// client, opening the session (TCP, TLS handshake, Logon), and one more
// query on the open session (HTTP, SOAP marshalling and decoding).
func measureBreakdown(runs int) ([]breakdownRow, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	var roots []time.Duration
	for range runs {
		out, err := exec.CommandContext(context.Background(), self, "-probe-system-roots").Output() //nolint:gosec // this very program
		if err != nil {
			return nil, fmt.Errorf("probing the system roots: %w", err)
		}
		ns, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
		if err != nil {
			return nil, err
		}
		roots = append(roots, time.Duration(ns))
	}
	servers, err := startEmulators(1)
	if err != nil {
		return nil, err
	}
	defer closeAll(servers)
	srv := servers[0]
	cfg := campaign.Config{Endpoint: srv.URL, Login: emulatortest.Login, Password: emulatortest.Password, CACertificatePEM: srv.CAPEM}
	ctx := context.Background()
	var build, open, query []time.Duration
	for range runs {
		start := time.Now()
		c, err := campaign.New(cfg)
		if err != nil {
			return nil, err
		}
		build = append(build, time.Since(start))
		start = time.Now()
		if _, err := c.InstalledPackages(ctx); err != nil {
			return nil, err
		}
		open = append(open, time.Since(start))
		start = time.Now()
		if _, err := c.GetIMSAccount(ctx, "Absent_Account"); !errors.Is(err, campaign.ErrNotFound) {
			return nil, fmt.Errorf("the query of an absent account answered: %w", err)
		}
		query = append(query, time.Since(start))
	}
	return []breakdownRow{
		{"Loading the system roots (fresh process): with `ca_certificate`, only when the chain does not end in that CA (not the case measured above)", median(roots)},
		{"Building the client (configuration, TLS settings; roots already loaded)", median(build)},
		{"Opening the session: TCP, TLS handshake and `xtk:session#Logon` (1 round trip)", median(open)},
		{"One `ExecuteQuery` on the open session (HTTP, SOAP encoding and decoding)", median(query)},
	}, nil
}
