// Package e2e drives the built provider binary with the real Terraform CLI,
// the way users run it: one provider process per alias, installed from a
// filesystem mirror, against emulated instances.
package e2e

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/clitest"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/adobe"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"
	"github.com/acc-terraform/terraform-provider-campaign/internal/localmirror"
)

var envSecrets = map[string]string{"dev": "dev-ims-secret-x1", "stage": "stage-ims-secret-x2", "prod": "prod-ims-secret-x3"}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// workspace is a scratch folder whose CLI configuration installs the
// provider built once for the package (no registry is reachable).
type workspace struct {
	t      *testing.T
	dir    string
	env    []string
	tfPath string
}

// providerMirror is the filesystem mirror holding the binary built by
// TestMain; empty when the end-to-end tests are not enabled.
var providerMirror string

func TestMain(m *testing.M) {
	if os.Getenv("TF_ACC") == "" {
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "campaign-e2e-mirror-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	providerMirror = filepath.Join(dir, "mirror")
	if _, err := localmirror.Build(context.Background(), "../..", providerMirror, "0.0.1", "-ldflags", "-X main.version=0.0.1"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

func newWorkspace(t *testing.T) *workspace {
	t.Helper()
	if providerMirror == "" {
		t.Skip("end-to-end tests run with TF_ACC=1 (make test)")
	}
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		if p, err := exec.LookPath("terraform"); err == nil {
			tf = p
		} else {
			t.Fatal("terraform is not on PATH; the end-to-end tests need the Terraform CLI")
		}
	}
	dir := t.TempDir()
	rc := filepath.Join(dir, "terraformrc")
	cfg := localmirror.CLIConfig(providerMirror)
	if err := os.WriteFile(rc, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "TF_PLUGIN_CACHE_DIR=")
	return &workspace{t: t, dir: dir, env: env, tfPath: tf}
}

// terraform runs a command in dir and returns its combined output and exit code.
func (w *workspace) terraform(dir string, extraEnv []string, args ...string) (string, int) {
	w.t.Helper()
	sub := 1 // -no-color goes after the subcommand: "plan", or "state rm"
	if args[0] == "state" && len(args) > 1 {
		sub = 2
	}
	cmd := exec.CommandContext(w.t.Context(), w.tfPath, append(append(slices.Clone(args[:sub]), "-no-color"), args[sub:]...)...)
	cmd.Dir = dir
	cmd.Env = append(append([]string{}, w.env...), extraEnv...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return out.String(), exit.ExitCode()
	}
	if err != nil {
		w.t.Fatal(err)
	}
	return out.String(), 0
}

func (w *workspace) mustTerraform(dir string, extraEnv []string, args ...string) string {
	w.t.Helper()
	out, code := w.terraform(dir, extraEnv, args...)
	if code != 0 {
		w.t.Fatalf("terraform %s exited %d:\n%s", strings.Join(args, " "), code, out)
	}
	return out
}

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	if err := localmirror.CopyDir(src, dst); err != nil {
		t.Fatal(err)
	}
}

// TestMultiEnvironmentExample applies examples/multi-environment to three
// emulated instances at TF_LOG=trace: an account created outside Terraform
// is imported, the second plan is empty, destroy cleans up, and neither the
// logs nor the state hold a secret.
func TestMultiEnvironmentExample(t *testing.T) {
	w := newWorkspace(t)
	root := repoRoot(t)
	copyDir(t, filepath.Join(root, "examples/modules"), filepath.Join(w.dir, "examples/modules"))
	copyDir(t, filepath.Join(root, "examples/multi-environment"), filepath.Join(w.dir, "examples/multi-environment"))
	dir := filepath.Join(w.dir, "examples/multi-environment")

	// Adobe's side: the organization has the marketers profile, with a
	// member, and not yet the reviewers one.
	org, orgSrv := emulatortest.StartOrganization(t, adobe.Config{
		ProductProfiles: []adobe.ProductProfile{
			{Name: "Campaign - acme - marketers", Members: []string{imsUser}},
			{Name: "Campaign - acme - admin", Members: []string{adminUser}},
			{Name: "Analytics - acme - reports", Product: "Adobe Analytics", Members: []string{refusedUser}},
		},
		// prod's API integration, whose project holds the marketers profile
		TechnicalAccounts: []adobe.TechnicalAccount{{ClientID: emulatortest.TechnicalClientID, ClientSecret: emulatortest.TechnicalClientSecret,
			Profiles: []string{"Campaign - acme - marketers"}}},
	})
	servers := map[string]*emulator.Server{}
	instances := map[string]any{}
	for _, env := range []string{"dev", "stage", "prod"} {
		srv := startInstance(t, emulator.Config{InstanceName: "acme_mkt_" + env, AdobeURL: orgSrv.URL, AdobeCAPEM: orgSrv.CAPEM})
		servers[env] = srv
		instances[env] = map[string]string{
			// the organization's CA too: prod's technical operator gets its token there
			"endpoint": srv.URL, "ca_certificate": string(srv.CAPEM) + string(orgSrv.CAPEM),
			"callback_server": "https://acme-mkt-" + env + ".example.com", "tenant": "acme",
		}
	}
	vars, _ := json.Marshal(map[string]any{"instances": instances, "admin_console": map[string]string{
		"client_id": emulatortest.AdminConsoleClientID, "token_url": orgSrv.URL + "/ims/token/v3",
		"umapi_endpoint": orgSrv.URL, "ca_certificate": string(orgSrv.CAPEM),
	}, "expected_logins": map[string][]string{
		imsUser: {"marketers", "reviewers"}, adminUser: {"admin"}, refusedUser: {"marketers"},
	}, "technical_operators": map[string]any{"crm": map[string]any{
		"client_id": emulatortest.TechnicalClientID, "client_secret_version": 1, "token_url": orgSrv.URL + "/ims/token/v3",
		"named_rights": []string{"exportFile"},
	}}})
	if err := os.WriteFile(filepath.Join(dir, "terraform.tfvars.json"), vars, 0o600); err != nil {
		t.Fatal(err)
	}
	secretsJSON, _ := json.Marshal(envSecrets)
	logFile := filepath.Join(w.dir, "trace.log")
	technicalSecrets, _ := json.Marshal(map[string]string{"crm": emulatortest.TechnicalClientSecret})
	env := []string{"TF_VAR_login=" + emulatortest.Login, "TF_VAR_password=" + emulatortest.Password, "TF_VAR_ims_client_secrets=" + string(secretsJSON),
		"TF_VAR_technical_operator_secrets=" + string(technicalSecrets),
		"TF_VAR_admin_console_client_secret=" + emulatortest.AdminConsoleClientSecret, "TF_LOG=trace", "TF_LOG_PATH=" + logFile}

	// The prod account exists already, created in the console.
	if err := servers["prod"].Emulator.PutAccount(map[string]string{
		"name": "Adobe_Marketing_Cloud", "label": "typed by hand", "clientId": "Campaign1", "clientSecret": "console-secret",
		"callbackServer": "https://acme-mkt-prod.example.com", "imsOrgId": "0123456789ABCDEF01234567@AdobeOrg", "imsRightsMask": "Campaign (.*)",
	}); err != nil {
		t.Fatal(err)
	}

	w.mustTerraform(dir, env, "init", "-input=false")
	w.mustTerraform(dir, env, "import", "-input=false", "module.prod.campaign_ims_external_account.this", "Adobe_Marketing_Cloud")
	org.ResetStats()
	applied := w.mustTerraform(dir, env, "apply", "-input=false", "-auto-approve")
	// One listing of the organization for the three environments (1
	// profile and 2 admin groups: one page), and a warning per environment
	// naming the exact profile to create.
	// One listing (3 profiles and 2 admin groups: 2 pages) and one get-user
	// per expected login, for the three environments; two tokens: the Admin
	// Console's, and prod's technical account's for its first call, which
	// prod's Campaign checks with IMS (one profile read).
	if s := org.Stats(); s.ByRoute[adobe.RouteGroups] != 2 || s.ByRoute[adobe.RouteGetUser] != 3 || s.ByRoute[adobe.RouteTokenV3] != 2 || s.ByRoute[adobe.RouteProfile] != 1 {
		t.Fatalf("the apply read the organization %d groups page(s), %d user(s), with %d token(s), want 2, 3 and 2 (the listing's, the first call's): %v",
			s.ByRoute[adobe.RouteGroups], s.ByRoute[adobe.RouteGetUser], s.ByRoute[adobe.RouteTokenV3], s.ByRoute)
	}
	if n := len(clitest.Phrase("has no product profile for these managed operator groups").FindAllStringIndex(applied, -1)); n != 3 ||
		!clitest.Phrase("Campaign - acme - reviewers. Create each profile").MatchString(applied) {
		t.Fatalf("want one warning per environment naming \"Campaign - acme - reviewers\", got %d:\n%s", n, applied)
	}
	// Someone creates it in the Admin Console, with the member.
	org.PutProductProfile(adobe.ProductProfile{Name: "Campaign - acme - reviewers", Members: []string{imsUser}})
	org.ResetStats() // a new minute of UMAPI's rate limit

	for name, srv := range servers {
		acc, ok := srv.Emulator.Account("Adobe_Marketing_Cloud")
		if !ok {
			t.Fatalf("%s: no account", name)
		}
		if acc["imsRightsMask"] != "Campaign - acme - (.*)" || acc["callbackServer"] != "https://acme-mkt-"+name+".example.com" || acc["label"] != "Adobe Experience Cloud" {
			t.Fatalf("%s: account %v", name, acc)
		}
		if got, _ := srv.Emulator.RevealSecret("Adobe_Marketing_Cloud", "clientSecret"); got != envSecrets[name] {
			t.Fatalf("%s: the stored secret is not the configured one", name)
		}
		if !contains(srv.Emulator.InstalledPackages(), emulator.DefaultIMSPackage) {
			t.Fatalf("%s: package not installed", name)
		}
	}
	outputs := w.mustTerraform(dir, env, "output", "-json", "prod_group_mapping")
	var mapping map[string]*string
	if err := json.Unmarshal([]byte(outputs), &mapping); err != nil || mapping["Campaign - acme - admin"] == nil ||
		*mapping["Campaign - acme - admin"] != "admin" || mapping["Analytics - acme - admin"] != nil {
		t.Fatalf("group mapping preview: %s", outputs)
	}
	proveIMSLogins(t, w, dir, env, servers)
	proveTechnicalOperator(t, w, dir, env, servers["prod"])

	// With the profile created, the next apply has no Admin Console warning
	// and nothing is missing anywhere; the plan after it is empty. The one
	// user expected to log in who cannot is a warning with the reason.
	out := w.mustTerraform(dir, env, "apply", "-input=false", "-auto-approve")
	if strings.Contains(out, "Admin Console") {
		t.Fatalf("the apply after the profile was created still warns about the Admin Console:\n%s", out)
	}
	if n := len(clitest.Phrase("These users would not log in as expected: "+refusedUser+": Login does not have any right matching the expression").FindAllStringIndex(out, -1)); n != 3 {
		t.Fatalf("want one expected_logins warning per environment naming %s and Campaign's message, got %d:\n%s", refusedUser, n, out)
	}
	proveExpectedLogins(t, w, dir, env)
	var missing map[string][]string
	if out := w.mustTerraform(dir, env, "output", "-json", "missing_product_profiles"); json.Unmarshal([]byte(out), &missing) != nil ||
		len(missing) != 3 || len(missing["dev"])+len(missing["stage"])+len(missing["prod"]) != 0 || missing["prod"] == nil {
		t.Fatalf("missing_product_profiles after the profile was created: %v", missing)
	}
	if out, code := w.terraform(dir, env, "plan", "-input=false", "-detailed-exitcode"); code != 0 {
		t.Fatalf("the plan after that apply is not empty (exit %d):\n%s", code, out)
	}

	state, err := os.ReadFile(filepath.Join(dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	var tokens []string
	for _, srv := range servers {
		tokens = append(tokens, srv.Emulator.IssuedTokens()...)
	}
	// The users who logged in are members: destroy is refused, group by
	// group, and nothing is deleted until force_destroy is applied.
	if out, code := w.terraform(dir, env, "destroy", "-input=false", "-auto-approve"); code == 0 || !strings.Contains(out, "still has operators") {
		t.Fatalf("destroy of groups with members was not refused (exit %d):\n%s", code, out)
	}
	for name, srv := range servers {
		if _, ok := srv.Emulator.Group("reviewers"); !ok {
			t.Fatalf("%s: a refused destroy deleted the group", name)
		}
		if _, ok := srv.Emulator.Account("Adobe_Marketing_Cloud"); !ok {
			t.Fatalf("%s: a refused destroy deleted the account the groups depend on", name)
		}
	}
	w.mustTerraform(dir, env, "apply", "-input=false", "-auto-approve", "-var", "force_destroy_groups=true")
	w.mustTerraform(dir, env, "destroy", "-input=false", "-auto-approve", "-var", "force_destroy_groups=true")
	for name, srv := range servers {
		if _, ok := srv.Emulator.Group("reviewers"); ok {
			t.Fatalf("%s: destroy with force_destroy left the group", name)
		}
		if _, ok := srv.Emulator.Account("Adobe_Marketing_Cloud"); ok {
			t.Fatalf("%s: destroy left the account", name)
		}
	}

	logs, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(logs, []byte("Campaign call")) {
		t.Fatal("the trace log holds no provider log line: the leak check would be empty")
	}
	// With three aliases, each client line says which instance it is about.
	for _, line := range strings.Split(string(logs), "\n") {
		if strings.Contains(line, "Campaign call") && !strings.Contains(line, "endpoint=https://127.0.0.1:") {
			t.Fatalf("a client log line does not name its endpoint: %s", line)
		}
	}
	secrets := append([]string{emulatortest.Password, "console-secret", emulatortest.AdminConsoleClientSecret, emulatortest.TechnicalClientSecret},
		append(tokens, org.IssuedTokens()...)...)
	for _, s := range envSecrets {
		secrets = append(secrets, s)
	}
	for _, s := range secrets {
		if bytes.Contains(logs, []byte(s)) {
			t.Errorf("TF_LOG=trace output contains a secret (%d chars)", len(s))
		}
	}
	for _, sec := range append(slices.Collect(maps.Values(envSecrets)), emulatortest.TechnicalClientSecret) {
		if bytes.Contains(state, []byte(sec)) {
			t.Errorf("the state file contains a write-only client secret")
		}
	}
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// TestExamplesValidate runs terraform validate on every documentation example.
// examples/modules/ims-setup expects an aliased provider from its caller, so
// Terraform validates it through examples/multi-environment. Each import
// example is validated with the resource it imports; those of features the
// CLI under test lacks (identity: Terraform >= 1.12; list resources:
// Terraform >= 1.14) are left out, and the test says so.
// examplesOfNewerCLIs are the example files that only some CLIs validate,
// with the feature they show.
var examplesOfNewerCLIs = map[string]clitest.Feature{
	"resource_production_guard.tf": clitest.DestroyFalse,
}

func TestExamplesValidate(t *testing.T) {
	w := newWorkspace(t)
	root := repoRoot(t)
	if out, code := w.terraform(filepath.Join(root, "examples"), nil, "fmt", "-check", "-recursive"); code != 0 {
		t.Fatalf("examples are not terraform fmt clean:\n%s", out)
	}
	cli := clitest.Current(t)
	identity := cli.Has(clitest.ResourceIdentity)
	query := cli.Has(clitest.Query)
	var dirs []string
	for _, pattern := range []string{"provider", "resources/*", "data-sources/*", "functions/*", "list-resources/*", "multi-environment"} {
		m, _ := filepath.Glob(filepath.Join(root, "examples", pattern))
		dirs = append(dirs, m...)
	}
	if len(dirs) < 11 {
		t.Fatalf("found only %d example folders", len(dirs))
	}
	header := "terraform {\n  required_providers {\n    campaign = { source = \"acc-terraform/campaign\" }\n  }\n}\n"
	for _, src := range dirs {
		rel, _ := filepath.Rel(filepath.Join(root, "examples"), src)
		imports, _ := filepath.Glob(filepath.Join(src, "import-by-*.tf"))
		variants := []string{""}
		if len(imports) > 0 {
			variants = imports
		}
		for _, only := range variants {
			name := rel
			if only != "" {
				name += "/" + filepath.Base(only)
			}
			t.Run(name, func(t *testing.T) {
				switch {
				case strings.HasSuffix(only, "import-by-identity.tf") && !identity:
					t.Skipf("import by identity needs Terraform >= 1.12 or OpenTofu >= 1.12; this run uses %s %s", cli.Name(), cli.Version)
				case strings.HasPrefix(rel, "list-resources") && !query:
					t.Skipf("list resources need Terraform >= 1.14 (OpenTofu has no query yet); this run uses %s %s", cli.Name(), cli.Version)
				}
				w := &workspace{t: t, dir: w.dir, env: w.env, tfPath: w.tfPath}
				dst := filepath.Join(w.dir, "validate", name)
				copyDir(t, src, dst)
				for _, other := range imports {
					if other != only {
						_ = os.Remove(filepath.Join(dst, filepath.Base(other)))
					}
				}
				for file, f := range examplesOfNewerCLIs {
					if _, err := os.Stat(filepath.Join(dst, file)); err == nil && !cli.Has(f) {
						t.Logf("%s left out: %s needs a newer CLI than %s %s", file, f, cli.Name(), cli.Version)
						_ = os.Remove(filepath.Join(dst, file))
					}
				}
				copyDir(t, filepath.Join(root, "examples/modules"), filepath.Join(w.dir, "validate/modules"))
				files, _ := filepath.Glob(filepath.Join(dst, "*.tf"))
				hasHeader := false
				for _, f := range files {
					data, _ := os.ReadFile(f)
					hasHeader = hasHeader || bytes.Contains(data, []byte("required_providers"))
				}
				if !hasHeader {
					if err := os.WriteFile(filepath.Join(dst, "versions_test_header.tf"), []byte(header), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				w.mustTerraform(dst, nil, "init", "-input=false", "-backend=false")
				if query {
					w.mustTerraform(dst, nil, "validate", "-query")
				} else {
					w.mustTerraform(dst, nil, "validate")
				}
			})
		}
	}
}

// startInstance serves one emulated instance over TLS for a test, with the
// kit's credentials.
func startInstance(t *testing.T, cfg emulator.Config) *emulator.Server {
	t.Helper()
	return emulatortest.StartInstance(t, cfg)
}

// providerFile is a root module header plus a login/password provider block
// for srv; the password comes from the environment (CAMPAIGN_PASSWORD).
func providerFile(srv *emulator.Server) string {
	return emulatortest.Header + emulatortest.ProviderBlock(srv, emulatortest.AuthPasswordFromEnv)
}

// providerFileWith is a root module header plus a provider block for srv
// that authenticates with the auth lines.
func providerFileWith(srv *emulator.Server, auth, extra string) string {
	return emulatortest.Header + emulatortest.ProviderBlockWith(srv, auth, extra)
}

// writeMain writes main.tf, the test's root module.
func writeMain(t *testing.T, dir, content string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// proveIMSLogins is the proof that the whole IMS setup works: on each
// instance, a user whose Adobe ID carries the product profiles the module
// output names logs in (the emulator's simulated Adobe ID login) and gets
// exactly the managed groups and their named rights; a user whose profiles
// map to no group is refused with Campaign's message.
func proveIMSLogins(t *testing.T, w *workspace, dir string, env []string, servers map[string]*emulator.Server) {
	t.Helper()
	var profiles map[string]map[string]string
	out := w.mustTerraform(dir, env, "output", "-json", "product_profiles")
	if err := json.Unmarshal([]byte(out), &profiles); err != nil {
		t.Fatalf("product_profiles output: %v\n%s", err, out)
	}
	for name, srv := range servers {
		want := map[string]string{"marketers": "Campaign - acme - marketers", "reviewers": "Campaign - acme - reviewers"}
		if !maps.Equal(profiles[name], want) {
			t.Fatalf("%s: product_profiles = %v, want %v", name, profiles[name], want)
		}
		// The member logs in: Campaign takes their profiles from Adobe's side.
		user := imsUser
		status, got := imsLogin(t, srv, user, nil)
		if status != 200 || !slices.Equal(got.Groups, []string{"marketers", "reviewers"}) ||
			!slices.Equal(got.NamedRights, []string{"createProject", "editProject", "prepareDelivery", "report", "startDelivery"}) {
			t.Fatalf("%s: the Adobe ID login of %s answered %d %+v, want the two managed groups and their rights", name, user, status, got)
		}
		if members := srv.Emulator.Members("reviewers"); !slices.Equal(members, []string{user}) {
			t.Fatalf("%s: reviewers has members %v after the login", name, members)
		}
		if status, _ := imsLogin(t, srv, "nobody@acme.example", []string{"Analytics - acme - admin", "Campaign - globex - marketers"}); status != 403 {
			t.Fatalf("%s: a user whose profiles map to no group got %d, want 403", name, status)
		}
	}
}

// Users of the emulated organization: imsUser is a member of the managed
// groups' product profiles; adminUser holds the admin profile (Control
// Panel); refusedUser holds no Campaign profile.
const (
	imsUser     = "jdoe@acme.example"
	adminUser   = "ann@acme.example"
	refusedUser = "ron@acme.example"
)

// imsLogin posts a simulated Adobe ID login to the emulator; nil profiles
// let the emulator take them from Adobe's side.
func imsLogin(t *testing.T, srv *emulator.Server, login string, profiles []string) (int, emulator.IMSLogin) {
	t.Helper()
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(srv.CAPEM)
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
	body, _ := json.Marshal(map[string]any{"login": login, "profiles": profiles})
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+"/emulator/ims-login", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out emulator.IMSLogin
	var refusal struct {
		Error string `json:"error"`
	}
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == 200 {
		if err := json.Unmarshal(data, &out); err != nil {
			t.Fatalf("ims-login answer: %v: %s", err, data)
		}
	} else if err := json.Unmarshal(data, &refusal); err != nil || refusal.Error != "Login does not have any right matching the expression" {
		t.Fatalf("ims-login refusal %d: %s", resp.StatusCode, data)
	}
	return resp.StatusCode, out
}

// proveTechnicalOperator: prod's API integration got its operator from the
// apply (the provider's first call as the technical account), with the
// group its product profile maps to and the extra named right; the outputs
// say its login, groups and profiles, and who the provider runs as.
func proveTechnicalOperator(t *testing.T, w *workspace, dir string, env []string, prod *emulator.Server) {
	t.Helper()
	login := adobe.TechnicalAccountEmail(emulatortest.TechnicalClientID)
	op, ok := prod.Emulator.Operator(login)
	if !ok || op["right"] != "exportFile" || !slices.Equal(prod.Emulator.GroupsOfOperator(login), []string{"marketers"}) {
		t.Fatalf("prod's technical operator: %v, groups %v", op, prod.Emulator.GroupsOfOperator(login))
	}
	var technical map[string]struct {
		Login           string   `json:"login"`
		Groups          []string `json:"groups"`
		ProductProfiles []string `json:"product_profiles"`
	}
	out := w.mustTerraform(dir, env, "output", "-json", "technical_operators")
	if err := json.Unmarshal([]byte(out), &technical); err != nil || technical["crm"].Login != login ||
		!slices.Equal(technical["crm"].ProductProfiles, []string{"Campaign - acme - marketers"}) {
		t.Fatalf("technical_operators output: %s", out)
	}
	var operators map[string]struct {
		Login          string   `json:"login"`
		Authentication string   `json:"authentication"`
		Groups         []string `json:"groups"`
	}
	out = w.mustTerraform(dir, env, "output", "-json", "provider_operators")
	if err := json.Unmarshal([]byte(out), &operators); err != nil || operators["prod"].Login != emulatortest.Login ||
		operators["prod"].Authentication != "native" || !slices.Equal(operators["prod"].Groups, []string{"admin"}) {
		t.Fatalf("provider_operators output: %s", out)
	}
}

// proveExpectedLogins: the expected_logins output explains, on every
// environment, one admitted user (groups), one with the Control Panel (the
// admin profile), and one refused, whose reason names the profile to give.
func proveExpectedLogins(t *testing.T, w *workspace, dir string, env []string) {
	t.Helper()
	var logins map[string]map[string]struct {
		Admitted     bool     `json:"admitted"`
		Groups       []string `json:"groups"`
		ControlPanel bool     `json:"control_panel"`
		Reason       *string  `json:"reason"`
	}
	out := w.mustTerraform(dir, env, "output", "-json", "expected_logins")
	if err := json.Unmarshal([]byte(out), &logins); err != nil || len(logins) != 3 {
		t.Fatalf("expected_logins output: %v\n%s", err, out)
	}
	for name, env := range logins {
		jdoe, ann, ron := env[imsUser], env[adminUser], env[refusedUser]
		if !jdoe.Admitted || !slices.Equal(jdoe.Groups, []string{"marketers", "reviewers"}) || jdoe.ControlPanel ||
			!ann.Admitted || !slices.Equal(ann.Groups, []string{"admin"}) || !ann.ControlPanel ||
			ron.Admitted || ron.Reason == nil || !strings.Contains(*ron.Reason, `"Analytics - acme - reports" does not match the mask`) ||
			!strings.Contains(*ron.Reason, `"Campaign - acme - admin" (group admin)`) {
			t.Fatalf("%s: expected_logins %s", name, out)
		}
	}
}
