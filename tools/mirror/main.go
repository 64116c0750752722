// Command mirror builds the provider of this repository into a filesystem
// mirror and writes the CLI configuration that installs it, the way the
// end-to-end tests and the benchmark do (internal/localmirror), for
// scripts such as make demo: `go -C tools run ./mirror -repo .. -dir DIR`.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/acc-terraform/terraform-provider-campaign/internal/localmirror"
)

func main() {
	repo := flag.String("repo", "..", "repository root (the provider's module)")
	dir := flag.String("dir", "", "folder that receives mirror/ and terraformrc")
	version := flag.String("version", "0.0.1", "provider version to serve")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "mirror: -dir is required")
		os.Exit(2)
	}
	mirror := filepath.Join(*dir, "mirror")
	if _, err := localmirror.Build(context.Background(), *repo, mirror, *version, "-ldflags", "-X main.version="+*version); err != nil {
		fmt.Fprintln(os.Stderr, "mirror:", err)
		os.Exit(1)
	}
	rc := filepath.Join(*dir, "terraformrc")
	if err := os.WriteFile(rc, []byte(localmirror.CLIConfig(mirror)), 0o600); err != nil {
		fmt.Fprintln(os.Stderr, "mirror:", err)
		os.Exit(1)
	}
	fmt.Println(rc)
}
