package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/testdoc"
)

// secretsConfig uses the three authentication modes, each with an ephemeral
// variable, on four instances (one Adobe Experience Cloud account each): a
// sensitive client_secret, write-only secrets, an account imported from the
// console, and data sources.
func secretsConfig(servers map[string]*emulator.Server) string {
	provider := func(alias, auth string) string {
		srv := servers[alias]
		return fmt.Sprintf("provider \"campaign\" {\n  alias          = %q\n  endpoint       = %q\n  ca_certificate = %q\n  %s\n}\n",
			alias, srv.URL, string(srv.CAPEM), auth)
	}
	account := func(label, provider, name, secret string) string {
		return fmt.Sprintf(`
resource "campaign_ims_external_account" %q {
  provider        = campaign.%s
  name            = %q
  client_id       = "Campaign1"
  %s
  callback_server = "https://acme.example.com"
  ims_org_id      = "0123456789ABCDEF01234567@AdobeOrg"
  matching_mask   = "Campaign - acme - (.*)"
}
`, label, provider, name, secret)
	}
	return `terraform {
  required_providers {
    campaign = { source = "acc-terraform/campaign" }
  }
}

variable "password" {
  type      = string
  ephemeral = true
}
variable "access_token" {
  type      = string
  ephemeral = true
}
variable "ims_client_secret" {
  type      = string
  ephemeral = true
}
variable "account_secret" {
  type      = string
  sensitive = true
}
variable "wo_secrets" {
  type      = map(string)
  ephemeral = true
}

` + provider("password", `login = "admin"
  password = var.password`) +
		provider("bearer", "access_token = var.access_token") +
		provider("ims", fmt.Sprintf(`ims = {
    client_id     = "tf-ims-client"
    client_secret = var.ims_client_secret
    scopes        = ["openid", "AdobeID"]
    token_url     = "%s/ims/token/v3"
  }`, servers["ims"].URL)) +
		provider("console", `login = "admin"
  password = var.password`) +
		account("sensitive", "password", "By_Password", "client_secret = var.account_secret") +
		account("bearer", "bearer", "By_Bearer", "client_secret_wo = var.wo_secrets[\"bearer\"]\n  client_secret_wo_version = 1") +
		account("ims", "ims", "By_IMS", "client_secret_wo = var.wo_secrets[\"ims\"]\n  client_secret_wo_version = 1") +
		account("console", "console", "Console_Made", "client_secret_wo = var.wo_secrets[\"console\"]\n  client_secret_wo_version = 1") + `
data "campaign_ims_external_account" "console" {
  provider   = campaign.console
  name       = campaign_ims_external_account.console.name
}

data "campaign_packages" "installed" {
  provider = campaign.ims
}
`
}

// TestSecretsStayOutOfLogsAndState imports, applies, plans and destroys with
// every kind of secret at TF_LOG=trace, then looks for each secret in the
// logs, in everything the CLI printed, and in the state. The table of what
// was checked is RELIABILITY.md's secrets section.
func TestSecretsStayOutOfLogsAndState(t *testing.T) {
	w := newWorkspace(t)
	secret := map[string]string{
		"password":          "pw-never-in-logs-7Q",
		"access token":      "eyJ-bearer-never-in-logs-8R",
		"IMS client secret": "ims-client-secret-never-in-logs-9S",
		"client_secret":     "sensitive-account-secret-1A",
		"bearer wo":         "wo-secret-bearer-2B",
		"ims wo":            "wo-secret-ims-3C",
		"console wo":        "wo-secret-console-4D",
		"console":           "console-typed-secret-5E",
	}
	servers := map[string]*emulator.Server{}
	for _, alias := range []string{"password", "bearer", "ims", "console"} {
		servers[alias] = startInstance(t, emulator.Config{
			Login: "admin", Password: secret["password"], AccessTokens: []string{secret["access token"]},
			IMSClientID: "tf-ims-client", IMSClientSecret: secret["IMS client secret"],
		})
	}
	if err := servers["console"].Emulator.PutAccount(map[string]string{
		"name": "Console_Made", "label": "typed by hand", "clientId": "Campaign1", "clientSecret": secret["console"],
		"callbackServer": "https://acme.example.com", "imsOrgId": "0123456789ABCDEF01234567@AdobeOrg", "imsRightsMask": "Campaign - acme - (.*)",
	}); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(w.dir, "secrets")
	writeMain(t, dir, secretsConfig(servers))
	logFile := filepath.Join(w.dir, "trace.log")
	woJSON := fmt.Sprintf(`{"bearer":%q,"ims":%q,"console":%q}`, secret["bearer wo"], secret["ims wo"], secret["console wo"])
	env := []string{
		"TF_LOG=trace", "TF_LOG_PATH=" + logFile,
		"TF_VAR_password=" + secret["password"], "TF_VAR_access_token=" + secret["access token"],
		"TF_VAR_ims_client_secret=" + secret["IMS client secret"], "TF_VAR_account_secret=" + secret["client_secret"],
		"TF_VAR_wo_secrets=" + woJSON,
	}

	var printed strings.Builder
	run := func(args ...string) {
		printed.WriteString(w.mustTerraform(dir, env, args...))
	}
	run("init", "-input=false")
	run("import", "-input=false", "campaign_ims_external_account.console", "Console_Made")
	run("apply", "-input=false", "-auto-approve")
	for name, at := range map[string]struct{ alias, secret string }{
		"By_Password": {"password", "client_secret"}, "By_Bearer": {"bearer", "bearer wo"}, "By_IMS": {"ims", "ims wo"}, "Console_Made": {"console", "console wo"},
	} {
		if got, err := servers[at.alias].Emulator.RevealSecret(name, "clientSecret"); err != nil || got != secret[at.secret] {
			t.Fatalf("%s: the stored secret is not the configured one (%v)", name, err)
		}
	}
	if out, code := w.terraform(dir, env, "plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the second plan is not empty (exit %d):\n%s", code, out)
	}
	state, err := os.ReadFile(filepath.Join(dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	var tokens []string
	for _, srv := range servers {
		tokens = append(tokens, srv.Emulator.IssuedTokens()...)
	}
	if len(tokens) < 3 {
		t.Fatalf("the emulator issued %d tokens: the token check would be empty", len(tokens))
	}
	run("destroy", "-input=false", "-auto-approve")

	logs, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"Campaign call", emulator.ActionWrite, "GetEntityIfMoreRecent"} {
		if !strings.Contains(string(logs), line) {
			t.Fatalf("the trace log lacks %q: the provider's logs were not captured, the check would be empty", line)
		}
	}

	type row struct{ secret, usedBy, state string }
	rows := []row{
		{"password", "`password` of a provider block, Logon", "absent"},
		{"access token", "`access_token` of a provider block, every call", "absent"},
		{"IMS client secret", "`ims.client_secret`, token request", "absent"},
		{"client_secret", "sensitive account attribute, EncryptPassword", "present, as Terraform keeps sensitive attributes: use `client_secret_wo` to keep it out"},
		{"bearer wo", "`client_secret_wo` (write-only), EncryptPassword", "absent"},
		{"ims wo", "`client_secret_wo` (write-only), EncryptPassword", "absent"},
		{"console wo", "`client_secret_wo` of an imported account", "absent"},
		{"console", "secret typed in the console before the import", "absent"},
	}
	var b strings.Builder
	b.WriteString("| Secret | Used as | In the trace logs | In the CLI's output | In the state |\n|---|---|---|---|---|\n")
	for _, r := range rows {
		v := secret[r.secret]
		inLogs, inOutput, inState := strings.Contains(string(logs), v), strings.Contains(printed.String(), v), strings.Contains(string(state), v)
		if inLogs || inOutput {
			t.Errorf("%s: found in the logs (%v) or the CLI's output (%v)", r.secret, inLogs, inOutput)
		}
		if inState != (r.state != "absent") {
			t.Errorf("%s: in the state: %v, want %s", r.secret, inState, r.state)
		}
		fmt.Fprintf(&b, "| %s | %s | absent | absent | %s |\n", r.secret, r.usedBy, r.state)
	}
	leaked := 0
	for _, tok := range tokens {
		if strings.Contains(string(logs), tok) || strings.Contains(printed.String(), tok) || strings.Contains(string(state), tok) {
			leaked++
		}
	}
	if leaked > 0 {
		t.Errorf("%d of the %d session, security and IMS tokens issued appear in the logs, output or state", leaked, len(tokens))
	}
	b.WriteString("| session, security and IMS bearer tokens | every token the emulator issued during the run | absent | absent | absent |\n")
	testdoc.Check(t, testdoc.RepoFile("RELIABILITY.md"), "secrets", b.String())
}
