package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"

	"github.com/acc-terraform/terraform-provider-campaign/internal/clitest"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/testdoc"
)

// sessionCommand is one command of the sessions table, run in order in one
// workspace; query needs a CLI that has `terraform query`.
type sessionCommand struct {
	name  string
	args  []string
	query bool
	// before prepares the workspace (import needs the account out of the state).
	before []string
}

func sessionCommands() []sessionCommand {
	return []sessionCommand{
		{name: "apply", args: []string{"apply", "-input=false", "-auto-approve"}},
		{name: "plan", args: []string{"plan", "-input=false"}},
		{name: "plan -refresh-only", args: []string{"plan", "-input=false", "-refresh-only"}},
		{name: "import", before: []string{"state", "rm", "campaign_ims_external_account.this"},
			args: []string{"import", "-input=false", "campaign_ims_external_account.this", "Adobe_Marketing_Cloud"}},
		{name: "query", args: []string{"query"}, query: true},
		{name: "destroy", args: []string{"destroy", "-input=false", "-auto-approve"}},
	}
}

// sessionCell is what one command left on the instance.
type sessionCell struct{ open, logons, logoffs int }

func (c sessionCell) String() string {
	if c.logons == 0 {
		return fmt.Sprintf("%d (no session, no Logoff)", c.open)
	}
	return fmt.Sprintf("%d (%d Logon, %d Logoff)", c.open, c.logons, c.logoffs)
}

// TestSessionsClosed runs the commands users run, with the built binary, in
// each authentication mode, and reads the instance's live sessions after
// each: every Logon session a provider process opened is logged off when
// Terraform shuts the plugin down, and the bearer modes (which open no
// session) send no Logoff. The table is RELIABILITY.md's "sessions" section.
func TestSessionsClosed(t *testing.T) {
	if providerMirror == "" {
		t.Skip("end-to-end tests run with TF_ACC=1 (make test)")
	}
	modes := []string{"login/password", "access token", "IMS OAuth"}
	cli := clitest.Current(t)
	hasQuery := cli.Has(clitest.Query)
	var (
		mu      sync.Mutex
		results = map[string]map[string]sessionCell{}
	)
	t.Run("mode", func(t *testing.T) {
		for _, mode := range modes {
			t.Run(mode, func(t *testing.T) {
				t.Parallel()
				w := newWorkspace(t)
				srv := startInstance(t, emulator.Config{})
				dir := filepath.Join(w.dir, "env")
				writeMain(t, dir, environmentConfig(srv, mode))
				if err := os.WriteFile(filepath.Join(dir, "all.tfquery.hcl"), []byte("list \"campaign_ims_external_account\" \"all\" {\n  provider = campaign\n}\n"), 0o600); err != nil {
					t.Fatal(err)
				}
				env := []string{"CAMPAIGN_PASSWORD=" + emulatortest.Password}
				w.mustTerraform(dir, env, "init", "-input=false")
				cells := map[string]sessionCell{}
				for _, c := range sessionCommands() {
					if c.query && !hasQuery {
						continue
					}
					if c.before != nil {
						w.mustTerraform(dir, env, c.before...)
					}
					srv.Emulator.ResetStats()
					w.mustTerraform(dir, env, c.args...)
					st := srv.Emulator.Stats()
					cell := sessionCell{open: st.SessionsOpen, logons: st.ByAction[emulator.ActionLogon], logoffs: st.ByAction[emulator.ActionLogoff]}
					if cell.open != 0 {
						t.Errorf("terraform %s (%s) left %d Campaign session(s) open", c.name, mode, cell.open)
					}
					if mode != "login/password" && (cell.logons != 0 || cell.logoffs != 0) {
						t.Errorf("terraform %s (%s): %d Logon, %d Logoff; a bearer mode opens no session and sends no Logoff", c.name, mode, cell.logons, cell.logoffs)
					}
					if mode == "login/password" && cell.logoffs != cell.logons {
						t.Errorf("terraform %s: %d Logon, %d Logoff: every session opened is closed", c.name, cell.logons, cell.logoffs)
					}
					cells[c.name] = cell
				}
				if _, ok := srv.Emulator.Account("Adobe_Marketing_Cloud"); ok {
					t.Error("destroy left the account: the sequence did not run as written")
				}
				mu.Lock()
				results[mode] = cells
				mu.Unlock()
			})
		}
	})
	if t.Failed() {
		return
	}
	testdoc.SkipUnlessComplete(t, "sessions", len(results), len(modes))
	if !hasQuery {
		t.Skipf("%s has no terraform query: the sessions table is checked under a CLI that has it (TF_NEXT)", cli.Name())
	}
	var b strings.Builder
	b.WriteString("| Command | " + strings.Join(modes, " | ") + " |\n|---|---|---|---|\n")
	for _, c := range sessionCommands() {
		b.WriteString("| `terraform " + c.name + "` |")
		for _, m := range modes {
			b.WriteString(" " + results[m][c.name].String() + " |")
		}
		b.WriteString("\n")
	}
	testdoc.Check(t, testdoc.RepoFile("RELIABILITY.md"), "sessions", b.String())
}

// TestSessionsClosedOnRemoteInstances applies and plans 3 instances that
// answer in 100 ms each, as remote instances do: the provider processes log
// off while idle (campaign.DefaultIdleLogoff), not one after another at
// exit, and every session is still closed when each command ends: none
// left open, one Logoff per Logon, a single Logon per instance and command
// (no session lost to an idle Logoff mid-command; the plan of a create
// with login/password does not log on). The provider's log says
// which Logoffs were sent while idle: at least the processes Terraform
// closes after the first one (which it closes right after its last answer).
func TestSessionsClosedOnRemoteInstances(t *testing.T) {
	if providerMirror == "" {
		t.Skip("end-to-end tests run with TF_ACC=1 (make test)")
	}
	const latency = 100 * time.Millisecond
	cli := clitest.Current(t)
	run := initInstances(t, 3)
	for _, srv := range run.servers {
		srv.Emulator.SetRandomFaults(emulator.RandomFaults{Latency: latency})
	}
	env := run.env
	for i, args := range [][]string{
		{"apply", "-input=false", "-auto-approve"},
		{"plan", "-input=false", "-detailed-exitcode"},
	} {
		logFile := filepath.Join(run.w.dir, fmt.Sprintf("debug-%d.log", i))
		run.env = append(slices.Clone(env), "TF_LOG=debug", "TF_LOG_PATH="+logFile)
		total, one := run.measure(t, args...)
		log, err := os.ReadFile(logFile) //nolint:gosec // the log this test asked for
		if err != nil {
			t.Fatal(err)
		}
		// Terraform closes provider processes one at a time, the first right
		// after its last answer, so the others log off while idle. OpenTofu
		// closes them concurrently (its close node calls Close with no lock):
		// each logs off at exit, in parallel, before its quiet period ends.
		if n := strings.Count(string(log), "Campaign client idle: logging its session off in the background"); !cli.OpenTofu && n < len(run.servers)-1 {
			t.Errorf("terraform %s: %d Logoff(s) sent while idle, want at least %d: the others waited for exit, one after another", args[0], n, len(run.servers)-1)
		}
		// Every Logoff is a log line, at exit too.
		if n := strings.Count(string(log), "Campaign session logged off"); n != total.ByAction[emulator.ActionLogoff] {
			t.Errorf("terraform %s: %d Logoff log lines for %d Logoffs", args[0], n, total.ByAction[emulator.ActionLogoff])
		}
		open := 0
		for _, srv := range run.servers {
			open += srv.Emulator.Stats().SessionsOpen
		}
		if open != 0 {
			t.Errorf("terraform %s at %s per answer left %d Campaign session(s) open", args[0], latency, open)
		}
		if total.ByAction[emulator.ActionLogoff] != total.ByAction[emulator.ActionLogon] || one.ByAction[emulator.ActionLogon] != 1 {
			t.Errorf("terraform %s: %d Logon, %d Logoff in all, at most %d Logon on one instance; want one each per instance",
				args[0], total.ByAction[emulator.ActionLogon], total.ByAction[emulator.ActionLogoff], one.ByAction[emulator.ActionLogon])
		}
	}
}
