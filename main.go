// Command terraform-provider-campaign is the Terraform provider for the Adobe
// ID (IMS) connection of Adobe Campaign Classic.
package main

import (
	"context"
	"flag"
	"log"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/acc-terraform/terraform-provider-campaign/internal/provider"
)

// version is set by the release build (goreleaser ldflags).
var version = "dev"

// logoff is "true" in every build but one: make bench builds a variant
// with -X main.logoff=false, which never logs off (neither idle nor at
// exit), to measure what closing the sessions costs.
var logoff = "true"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	idleLogoff := time.Duration(0) // the default
	if logoff != "true" {
		idleLogoff = -1
	}
	sessions := provider.NewSessions(idleLogoff)
	err := tf6server.Serve("registry.terraform.io/acc-terraform/campaign", provider.NewProtocol6Server(version, sessions), opts...)
	// Terraform has shut the plugin down (go-plugin's Shutdown): the process
	// has about 2 s before it is killed, so the Logoffs are bounded by
	// campaign.LogoffTimeout, in parallel. Idle clients have logged off
	// already; Close waits for their Logoffs still in flight.
	if logoff == "true" {
		sessions.Close(context.Background())
	}
	if err != nil {
		log.Fatal(err)
	}
}
