// Package localmirror installs the provider built from this repository the
// way Terraform finds it without a registry: a filesystem mirror plus a CLI
// configuration that points at it. The end-to-end tests and the benchmark
// both run the real CLI this way.
package localmirror

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// Address is the provider address the mirror serves: the source
// "acc-terraform/campaign" on the CLI's default registry host, which is
// registry.terraform.io for Terraform and another one for OpenTofu. The
// tests' CLI matrix derives it from the CLI and passes it the way
// terraform-plugin-testing takes it, as TF_ACC_PROVIDER_HOST.
func Address() string {
	host := os.Getenv("TF_ACC_PROVIDER_HOST")
	if host == "" {
		host = "registry.terraform.io"
	}
	return host + "/acc-terraform/campaign"
}

// Build compiles the provider of the module at repoRoot into mirror as
// version, with extra go build flags, and returns the binary's path.
func Build(ctx context.Context, repoRoot, mirror, version string, flags ...string) (string, error) {
	bin := filepath.Join(mirror, Address(), version, runtime.GOOS+"_"+runtime.GOARCH, "terraform-provider-campaign_v"+version)
	args := append(append([]string{"build", "-o", bin}, flags...), ".")
	cmd := exec.CommandContext(ctx, "go", args...) //nolint:gosec // go build of this repository, flags from its own callers
	cmd.Dir = repoRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building the provider: %w\n%s", err, out)
	}
	return bin, nil
}

// CLIConfig is a Terraform CLI configuration that installs this provider
// from mirror (and nothing from a registry, which is unreachable here).
func CLIConfig(mirror string) string {
	return fmt.Sprintf("provider_installation {\n  filesystem_mirror {\n    path    = %q\n    include = [%q]\n  }\n}\n", mirror, Address())
}

// CopyDir copies a configuration folder, leaving out what terraform init,
// apply and plan write there (.terraform, state and lock files).
func CopyDir(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			if d.Name() == ".terraform" {
				return filepath.SkipDir
			}
			return os.MkdirAll(target, 0o750)
		}
		if strings.Contains(d.Name(), ".tfstate") || d.Name() == ".terraform.lock.hcl" {
			return nil
		}
		data, err := os.ReadFile(path) //nolint:gosec // a file of the configuration being copied
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o600) //nolint:gosec // target is below dst, which the caller chose
	})
}
