package provider

import (
	"fmt"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
)

func packageConfig(srv *emulator.Server, name string) string {
	return providerConfig(srv) + fmt.Sprintf(`
resource "campaign_package" "this" {
  name     = %q
  timeouts = { create = "5m" }
}
`, name)
}

func TestAccPackage_installAdoptDestroyImport(t *testing.T) {
	srv := startEmulator(t, emulator.Config{})
	installs := func(want int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := srv.Emulator.Stats().ByAction["xtk:builder#InstallVendorPackages"]; got != want {
				return fmt.Errorf("%d installations, want %d", got, want)
			}
			return nil
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				// Not installed: installed, then verified.
				Config: packageConfig(srv, emulator.DefaultIMSPackage),
				Check: resource.ComposeTestCheckFunc(installs(1), func(*terraform.State) error {
					if !slices.Contains(srv.Emulator.InstalledPackages(), emulator.DefaultIMSPackage) {
						return fmt.Errorf("not installed")
					}
					return nil
				}),
			},
			{
				// Already installed (nms:campaign ships with the instance): adopted, no write.
				Config: packageConfig(srv, "nms:campaign"),
				Check:  installs(1),
			},
			{ResourceName: "campaign_package.this", ImportState: true, ImportStateId: "nms:campaign", ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
			{
				ResourceName: "campaign_package.this", ImportState: true, ImportStateId: "nms:mrm",
				ExpectError: errorLike(`The package "nms:mrm" is not installed`),
			},
			{
				Config:      packageConfig(srv, "nms:notInCatalog"),
				ExpectError: errorLike("not a standard package"),
			},
		},
	})
	// Destroy only forgot the packages: Campaign cannot uninstall.
	if !slices.Contains(srv.Emulator.InstalledPackages(), emulator.DefaultIMSPackage) {
		t.Fatal("destroy uninstalled a package")
	}
}

// A timeouts.create shorter than the installation fails with an error on
// that attribute, which says what to check and what to raise.
func TestAccPackage_installTimeout(t *testing.T) {
	srv := startEmulator(t, emulator.Config{InstallDuration: 3 * time.Second})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(srv) + fmt.Sprintf(`
resource "campaign_package" "this" {
  name = %q
  timeouts = {
    create = "1s"
  }
}
`, emulator.DefaultIMSPackage),
			ExpectError: regexp.MustCompile(`(?s)Package installation timed out on ` + regexp.QuoteMeta(srv.URL) + `.*within\s+timeouts.create\s+\(1s\)`),
		}},
	})
}

// timeouts.create bounds the installation, not the Logon and the listing
// before it: at 600 ms per answer, a Logon (0.6 s) then the installation and
// its check (1.2 s) fit a 1.5 s timeouts.create, which the three calls
// together would not.
func TestAccPackage_installTimeoutBoundsTheInstallation(t *testing.T) {
	srv := startEmulator(t, emulator.Config{InstallDuration: time.Millisecond, Faults: emulator.FaultConfig{Random: emulator.RandomFaults{Latency: 600 * time.Millisecond}}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(srv) + fmt.Sprintf(`
resource "campaign_package" "this" {
  name     = %q
  timeouts = { create = "1500ms" }
}
`, emulator.DefaultIMSPackage),
			Check: func(*terraform.State) error {
				if !slices.Contains(srv.Emulator.InstalledPackages(), emulator.DefaultIMSPackage) {
					return fmt.Errorf("not installed")
				}
				return nil
			},
		}},
	})
}
