// Package clitest tells tests which Terraform CLI runs them (the one
// terraform-plugin-testing and the end-to-end tests use: TF_ACC_TERRAFORM_PATH,
// else terraform on PATH), so that a test of a feature only some CLIs have
// skips elsewhere with its reason, never silently.
package clitest

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"
)

// CLI is the CLI under test.
type CLI struct {
	Path     string
	OpenTofu bool
	Version  *version.Version
}

// Current finds the CLI under test and its version; it fails t when there is none.
func Current(t testing.TB) CLI {
	t.Helper()
	path := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if path == "" {
		p, err := exec.LookPath("terraform")
		if err != nil {
			t.Fatal("no Terraform CLI: set TF_ACC_TERRAFORM_PATH or put terraform on PATH")
		}
		path = p
	}
	out, err := exec.CommandContext(t.Context(), path, "version").Output() //nolint:gosec // the CLI the tests were told to use
	if err != nil {
		t.Fatalf("%s version: %v", path, err)
	}
	// "Terraform v1.15.9" or "OpenTofu v1.12.6", after any warning about the CLI configuration.
	var fields []string
	for _, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && (f[0] == "Terraform" || f[0] == "OpenTofu") && strings.HasPrefix(f[1], "v") {
			fields = f
			break
		}
	}
	if fields == nil {
		t.Fatalf("%s version printed no version: %q", path, out)
	}
	v, err := version.NewVersion(strings.TrimPrefix(fields[1], "v"))
	if err != nil {
		t.Fatalf("%s version: %v", path, err)
	}
	return CLI{Path: path, OpenTofu: fields[0] == "OpenTofu", Version: v}
}

// RequireTerraform skips t unless the CLI under test is Terraform min or
// newer: OpenTofu has not the feature, or an older Terraform lacks it. The
// reason says how to run the test.
func RequireTerraform(t testing.TB, minimum, feature string) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance tests run with TF_ACC=1 (make test)")
	}
	cli := Current(t)
	if cli.OpenTofu {
		t.Skipf("%s needs Terraform >= %s; OpenTofu %s has no %s", feature, minimum, cli.Version, feature)
	}
	if cli.Version.LessThan(version.Must(version.NewVersion(minimum))) {
		t.Skipf("%s needs Terraform >= %s, this run uses %s: make test also runs the suite under $TF_NEXT, "+
			"a Terraform >= 1.14 binary (.ci/run installs 1.15.9 there)", feature, minimum, cli.Version)
	}
}
