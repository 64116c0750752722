package emulator_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
)

// TestOfficialJSSDK drives the emulator with Adobe's JS SDK from npm, the
// client whose requests the reference captured: logon, write, query, logoff.
func TestOfficialJSSDK(t *testing.T) {
	npm, err := exec.LookPath("npm")
	if err != nil {
		t.Skip("npm is not installed: the official JS SDK test needs Node.js and npm")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: the official JS SDK test needs Node.js and npm")
	}
	dir := t.TempDir()
	install := exec.CommandContext(t.Context(), npm, "install", "--no-audit", "--no-fund", "--silent", "--prefix", dir, "@adobe/acc-js-sdk@1.2.0")
	install.Env = append(os.Environ(), "npm_config_cache="+filepath.Join(dir, ".npm-cache"))
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("npm install @adobe/acc-js-sdk: %v\n%s", err, out)
	}
	em, err := emulator.New(emulator.Config{Login: "sdk-user", Password: "sdk-pass"})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := emulator.Listen("127.0.0.1:0", em, emulator.TLSMode{Enabled: true})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ca := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(ca, srv.CAPEM, 0o644); err != nil {
		t.Fatal(err)
	}
	script, _ := filepath.Abs("testdata/sdk-client.js")
	cmd := exec.CommandContext(t.Context(), node, script, srv.URL, "sdk-user", "sdk-pass")
	cmd.Env = append(os.Environ(), "NODE_EXTRA_CA_CERTS="+ca, "NODE_PATH="+filepath.Join(dir, "node_modules"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the SDK failed against the emulator: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), `"name":"sdk_account"`) {
		t.Fatalf("query result: %s", out)
	}
	acc, ok := em.Account("sdk_account")
	if !ok || acc["label"] != "Written by the SDK <&'>" {
		t.Fatalf("stored account: %v", acc)
	}
	s := em.Stats()
	for _, action := range []string{"xtk:session#Logon", "xtk:persist|xtk:session#Write", "xtk:queryDef#ExecuteQuery", "xtk:session#Logoff"} {
		if s.ByAction[action] != 1 {
			t.Errorf("%s: %d calls, want 1 (%v)", action, s.ByAction[action], s.ByAction)
		}
	}
}
