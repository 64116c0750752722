package emulator_test

import (
	"context"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"
	"github.com/acc-terraform/terraform-provider-campaign/internal/testdoc"
)

// sdkVersion is the release of Adobe's JS SDK the emulator is checked against.
const sdkVersion = "1.2.0"

// jsSDK runs scripts of testdata/ with the official SDK installed from npm.
type jsSDK struct {
	node, modules string
}

func installJSSDK(t *testing.T) jsSDK {
	t.Helper()
	npm, errNPM := exec.LookPath("npm")
	node, errNode := exec.LookPath("node")
	if errNPM != nil || errNode != nil {
		msg := "node or npm is not installed: the official JS SDK tests need Node.js and npm (Debian: apt-get install nodejs npm)"
		if os.Getenv("TF_ACC") == "" {
			t.Skip(msg + "; skipped in unit runs, required by make test")
		}
		t.Fatal(msg)
	}
	dir := t.TempDir()
	install := exec.CommandContext(t.Context(), npm, "install", "--no-audit", "--no-fund", "--silent", "--prefix", dir, "@adobe/acc-js-sdk@"+sdkVersion)
	install.Env = append(os.Environ(), "npm_config_cache="+filepath.Join(dir, ".npm-cache"))
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("npm install @adobe/acc-js-sdk: %v\n%s", err, out)
	}
	return jsSDK{node: node, modules: filepath.Join(dir, "node_modules")}
}

// run starts an emulator and runs the script against it; it returns the
// emulator and what the script printed.
func (s jsSDK) run(t *testing.T, script string) (*emulator.Emulator, string) {
	t.Helper()
	srv := emulatortest.Start(t, emulator.Config{Login: "sdk-user", Password: "sdk-pass"})
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, srv.CAPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	path, _ := filepath.Abs(filepath.Join("testdata", script))
	cmd := exec.CommandContext(t.Context(), s.node, path, srv.URL, "sdk-user", "sdk-pass")
	cmd.Env = append(os.Environ(), "NODE_EXTRA_CA_CERTS="+ca, "NODE_PATH="+s.modules)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the SDK failed against the emulator: %v\n%s", err, out)
	}
	return srv.Emulator, string(out)
}

// TestOfficialJSSDK drives the emulator with Adobe's JS SDK from npm, the
// client whose requests are public, then compares its round
// trips with the provider's client doing the same job (BENCHMARKS.md).
func TestOfficialJSSDK(t *testing.T) {
	sdk := installJSSDK(t)

	t.Run("logon, write, query, logoff", func(t *testing.T) {
		em, out := sdk.run(t, "sdk-client.js")
		if !strings.Contains(out, `"name":"sdk_account"`) {
			t.Fatalf("query result: %s", out)
		}
		acc, ok := em.Account("sdk_account")
		if !ok || acc["label"] != "Written by the SDK <&'>" {
			t.Fatalf("stored account: %v", acc)
		}
		s := em.Stats()
		for _, action := range []string{emulator.ActionLogon, "xtk:persist|xtk:session#Write", emulator.ActionExecuteQuery, "xtk:session#Logoff"} {
			if s.ByAction[action] != 1 {
				t.Errorf("%s: %d calls, want 1 (%v)", action, s.ByAction[action], s.ByAction)
			}
		}
	})

	t.Run("the provider's create, side by side", func(t *testing.T) {
		sdkEm, out := sdk.run(t, "sdk-same-job.js")
		stored, ok := sdkEm.Account("sdk_same_job")
		if !ok || stored["type"] != fmt.Sprint(emulator.DefaultIMSAccountType) || !strings.Contains(out, `"name":"sdk_same_job"`) {
			t.Fatalf("the SDK did not do the job: stored %v, printed %s", stored, out)
		}
		if secret, err := sdkEm.RevealSecret("sdk_same_job", "clientSecret"); err != nil || secret != "sdk-client-secret" {
			t.Fatalf("the SDK's account secret: %v", err)
		}

		ours := providerCreate(t)
		sdkStats := sdkEm.Stats()
		actions := map[string]bool{}
		for a := range sdkStats.ByAction {
			actions[a] = true
		}
		for a := range ours.ByAction {
			actions[a] = true
		}
		var b strings.Builder
		fmt.Fprintf(&b, "| SOAP action | JS SDK %s | This provider |\n|---|---|---|\n", sdkVersion)
		for _, a := range slices.Sorted(maps.Keys(actions)) {
			fmt.Fprintf(&b, "| `%s` | %d | %d |\n", strings.ReplaceAll(a, "|", `\|`), sdkStats.ByAction[a], ours.ByAction[a])
		}
		fmt.Fprintf(&b, "| **Round trips** | **%d** | **%d** |\n", sdkStats.Total, ours.Total)
		if ours.Total > sdkStats.Total {
			t.Errorf("the provider makes %d round trips for the job, the SDK %d", ours.Total, sdkStats.Total)
		}
		testdoc.Check(t, testdoc.RepoFile("BENCHMARKS.md"), "sdk", b.String())
	})
}

// providerCreate does what campaign_ims_external_account's Create does, with
// the provider's client, on a fresh emulator, and returns the calls made.
func providerCreate(t *testing.T) emulator.Stats {
	t.Helper()
	srv := emulatortest.Start(t, emulator.Config{Login: "sdk-user", Password: "sdk-pass"})
	c, err := campaign.New(campaign.Config{Endpoint: srv.URL, Login: "sdk-user", Password: "sdk-pass", CACertificatePEM: srv.CAPEM})
	if err != nil {
		t.Fatal(err)
	}
	secret := "provider-client-secret"
	account := campaign.Record{
		"name": "provider_same_job", "label": "Adobe Experience Cloud", "active": "1", "clientId": "Campaign1",
		"callbackServer": "https://acme.example.com", "imsOrgId": "0123456789ABCDEF01234567@AdobeOrg", "imsRightsMask": "Campaign - acme - (.*)",
	}
	ctx := context.Background()
	res, err := c.WriteIMSAccount(ctx, account, &secret, nil) // the write reads the account back
	if err != nil || res.Stored.Int("type") != emulator.DefaultIMSAccountType {
		t.Fatalf("read back: %+v, %v", res.Stored, err)
	}
	c.Close(ctx) // the SDK logs off too
	return srv.Emulator.Stats()
}
