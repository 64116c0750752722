// Command terraform-provider-campaign is the Terraform provider for the Adobe
// ID (IMS) connection of Adobe Campaign Classic.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/acc-terraform/terraform-provider-campaign/internal/provider"
)

// version is set by the release build (goreleaser ldflags).
var version = "dev"

// logoffAtExit is "true" in every build but one: make bench builds a
// variant with -X main.logoffAtExit=false to measure what logging off costs.
var logoffAtExit = "true"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	sessions := provider.NewSessions()
	err := tf6server.Serve("registry.terraform.io/acc-terraform/campaign", provider.NewProtocol6Server(version, sessions), opts...)
	// Terraform has shut the plugin down (go-plugin's Shutdown): the process
	// has about 2 s before it is killed, so the Logoffs are bounded by
	// campaign.LogoffTimeout, in parallel.
	if logoffAtExit == "true" {
		sessions.Close(context.Background())
	}
	if err != nil {
		log.Fatal(err)
	}
}
