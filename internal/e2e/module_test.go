package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
)

// TestModuleTests runs the `terraform test` files of examples/modules/ims-setup:
// the plan-only runs with a mocked provider, and the apply run against an
// emulator, given to the provider through its CAMPAIGN_* variables.
func TestModuleTests(t *testing.T) {
	w := newWorkspace(t)
	srv := startInstance(t, emulator.Config{})
	dir := filepath.Join(w.dir, "ims-setup")
	copyDir(t, filepath.Join(repoRoot(t), "examples/modules/ims-setup"), dir)
	ca := filepath.Join(w.dir, "ca.pem")
	if err := os.WriteFile(ca, srv.CAPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"CAMPAIGN_ENDPOINT=" + srv.URL, "CAMPAIGN_CA_CERTIFICATE=" + ca, "CAMPAIGN_LOGIN=" + emulatortest.Login, "CAMPAIGN_PASSWORD=" + emulatortest.Password}
	w.mustTerraform(dir, env, "init", "-input=false")
	out := w.mustTerraform(dir, env, "test")
	if !strings.Contains(out, "17 passed, 0 failed") {
		t.Fatalf("terraform test did not pass the module's 17 runs:\n%s", out)
	}
	if _, ok := srv.Emulator.Account("Adobe_Marketing_Cloud"); ok {
		t.Error("the apply run left its account behind: terraform test must destroy what it applied")
	}
	if _, ok := srv.Emulator.Group("testers"); ok {
		t.Error("the apply run left its operator group behind")
	}
	if n := srv.Emulator.Stats().ByAction[emulator.ActionWrite]; n < 2 {
		t.Errorf("the apply run sent %d Write(s): it did not create and delete the account on the emulator", n)
	}
}
