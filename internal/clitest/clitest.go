// Package clitest tells tests which Terraform CLI runs them (the one
// terraform-plugin-testing and the end-to-end tests use: TF_ACC_TERRAFORM_PATH,
// else terraform on PATH), so that a test of a feature only some CLIs have
// skips elsewhere with its reason, never silently.
package clitest

import (
	"os"
	"os/exec"
	"regexp"
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

// Feature is a CLI feature that only some CLIs of the matrix have.
type Feature string

// Features the tests gate on.
const (
	// ResourceIdentity: resource identities, import blocks by identity.
	ResourceIdentity Feature = "resource identity"
	// Query: list resources, `terraform query`, -generate-config-out from a query.
	Query Feature = "list resources (terraform query)"
	// ModuleImports: import blocks inside modules (root modules only before).
	ModuleImports Feature = "import blocks inside modules"
	// DestroyFalse: lifecycle { destroy = false } (destroy forgets the
	// resource instead of deleting it).
	DestroyFalse Feature = "lifecycle destroy = false"
)

// since is the first version of each CLI that has f ("" for none yet),
// checked by running each CLI (OpenTofu 1.12.6 imports by identity, and has
// no query command).
func (f Feature) since(openTofu bool) string {
	switch {
	case f == ResourceIdentity && openTofu:
		return "1.12.0"
	case f == ResourceIdentity:
		return "1.12.0"
	case f == Query && openTofu:
		return ""
	case f == Query:
		return "1.14.0"
	case f == ModuleImports && !openTofu:
		return "1.16.0"
	case f == DestroyFalse && openTofu:
		return "1.12.0"
	case f == DestroyFalse:
		return "1.16.0"
	}
	return ""
}

// Has reports whether the CLI has the feature. Release candidates count as
// their release (1.16.0-rc2 has what 1.16.0 has).
func (c CLI) Has(f Feature) bool {
	first := f.since(c.OpenTofu)
	return first != "" && !c.Version.Core().LessThan(version.Must(version.NewVersion(first)))
}

// Name is "Terraform" or "OpenTofu".
func (c CLI) Name() string {
	if c.OpenTofu {
		return "OpenTofu"
	}
	return "Terraform"
}

// Require skips t unless the CLI under test has the feature, with the
// reason and how to run the test.
func Require(t testing.TB, f Feature) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance tests run with TF_ACC=1 (make test)")
	}
	cli := Current(t)
	if cli.Has(f) {
		return
	}
	if first := f.since(cli.OpenTofu); first != "" {
		t.Skipf("%s needs %s >= %s, this run uses %s: make test also runs the suite under each CLI of $TF_NEXT "+
			"(.ci/run installs Terraform 1.15.9 and 1.16.4 there)", f, cli.Name(), first, cli.Version)
	}
	t.Skipf("%s: %s %s has no such feature", f, cli.Name(), cli.Version)
}

// Phrase matches the words of phrase in a CLI's output, whatever the line
// wrapping the CLI put between them.
func Phrase(phrase string) *regexp.Regexp {
	words := strings.Fields(phrase)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(strings.Join(words, `\s+`))
}
