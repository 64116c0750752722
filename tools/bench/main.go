// Command campaign-bench measures what the provider adds to Terraform's own
// work, against emulated instances, and writes the "Latest run" section of
// BENCHMARKS.md. The yardstick is a minimal framework provider of the same
// shape (tools/bench/baseline: same type name, resources, functions and
// aliases, no network), built by the benchmark, running the same
// configuration. `make bench` runs it from the repository root. It times
// things; the tests never do (they count calls).
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/acc-terraform/terraform-provider-campaign/internal/docsection"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"
	"github.com/acc-terraform/terraform-provider-campaign/internal/localmirror"
)

const version = "0.0.1"

func main() {
	if len(os.Args) == 2 && os.Args[1] == "-probe-system-roots" {
		probeSystemRoots()
		return
	}
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "campaign-bench:", err)
		os.Exit(1)
	}
}

type options struct {
	latency   time.Duration
	runs      int
	sizes     []int
	out       string
	terraform string
}

func run() error {
	var o options
	sizes := "3,12,48"
	flag.DurationVar(&o.latency, "latency", 100*time.Millisecond, "latency added to every SOAP request (each series also runs at 0)")
	flag.IntVar(&o.runs, "runs", 9, "timed pairs of runs (ours, then the yardstick) of each command")
	flag.StringVar(&sizes, "sizes", sizes, "numbers of instances of the scaling series")
	flag.StringVar(&o.out, "out", "BENCHMARKS.md", `file whose "bench" section receives the results ("" prints only)`)
	flag.Parse()
	for _, f := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return fmt.Errorf("-sizes: %q is not a number of instances", f)
		}
		o.sizes = append(o.sizes, n)
	}
	tf, err := exec.LookPath("terraform")
	if err != nil {
		return errors.New("terraform is not on PATH: the benchmark runs the real Terraform CLI")
	}
	o.terraform = tf
	if _, err := os.Stat("examples/modules/ims-setup/main.tf"); err != nil {
		return errors.New("run from the repository root (make bench)")
	}
	work, err := os.MkdirTemp("", "campaign-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	b := &bench{opts: o, work: work}
	r, err := b.measure()
	if err != nil {
		return err
	}
	table := r.markdown(o)
	fmt.Print(table)
	if o.out == "" {
		return nil
	}
	doc, err := os.ReadFile(o.out)
	if err != nil {
		return err
	}
	updated, err := docsection.Replace(doc, "bench", table)
	if err != nil {
		return err
	}
	fmt.Println("\nwrote the results to", o.out)
	return os.WriteFile(o.out, updated, 0o644) //nolint:gosec // a committed document
}

type bench struct {
	opts options
	work string
	// servers are the emulators of the size being measured: after each of
	// our plans, their live sessions are read (every session closed by the
	// time the command ends).
	servers []*emulator.Server
	// plansChecked, leftOpen: how many of our plans were checked, and the
	// most sessions one of them left open.
	plansChecked, leftOpen int
}

// openSessions are the live sessions of the emulators of the size being
// measured (those of a build that never logs off included).
func (b *bench) openSessions() int {
	open := 0
	for _, srv := range b.servers {
		open += srv.Emulator.Stats().SessionsOpen
	}
	return open
}

// checkSessions keeps how many sessions one command of ours left open:
// the live sessions after it less those before it.
func (b *bench) checkSessions(before int) {
	b.plansChecked++
	b.leftOpen = max(b.leftOpen, b.openSessions()-before)
}

// workspace is a configuration folder and the CLI configuration that
// installs one provider build (ours or the baseline) for it.
type workspace struct {
	dir, rc  string
	extraEnv []string
}

// point is the plan times of one configuration size and latency: medians,
// and the ratio ours / baseline of each alternated pair (the machine's load
// drifts between pairs, not within one).
type point struct {
	instances      int
	latency        time.Duration
	ours, baseline time.Duration
	ratios         []float64
}

// pairs times a and b alternately, runs times each, and returns the point.
func (b *bench) pairs(a, z workspace, args ...string) (point, error) {
	var p point
	var as, zs []time.Duration
	for range b.opts.runs {
		before := b.openSessions()
		da, err := b.timed(a, args...)
		if err != nil {
			return p, err
		}
		b.checkSessions(before)
		dz, err := b.timed(z, args...)
		if err != nil {
			return p, err
		}
		as, zs = append(as, da), append(zs, dz)
		p.ratios = append(p.ratios, float64(da)/float64(dz))
	}
	p.ours, p.baseline = median(as), median(zs)
	return p, nil
}

// spread is "median (min–max)" of the pairwise ratios.
func spread(ratios []float64) string {
	if len(ratios) == 0 {
		return "—"
	}
	s := slices.Clone(ratios)
	slices.Sort(s)
	return fmt.Sprintf("%.2f (%.2f–%.2f)", s[len(s)/2], s[0], s[len(s)-1])
}

func medianRatio(ratios []float64) float64 {
	if len(ratios) == 0 {
		return 0
	}
	s := slices.Clone(ratios)
	slices.Sort(s)
	return s[len(s)/2]
}

type results struct {
	terraformVersion          string
	binarySize, devBinarySize int64
	series                    []point
	planCalls                 []int // SOAP calls of one plan, per instance (smallest size)
	noRefresh                 time.Duration
	plansChecked, leftOpen    int
	launches                  []time.Duration
	schemaOurs, schemaBase    time.Duration
	peakRSS                   int64
	providerProcesses         int
	breakdown                 []breakdownRow
	logoff                    []point // ours / the same build that never logs off, per latency
	modes                     []modeResult
	goBenchmarks              []string
}

func (b *bench) measure() (*results, error) {
	r := &results{}
	out, err := exec.Command(b.opts.terraform, "version").Output() //nolint:gosec,noctx // the terraform found on PATH
	if err != nil {
		return nil, fmt.Errorf("terraform version: %w", err)
	}
	r.terraformVersion = strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])

	step("building the provider as released (-trimpath -ldflags \"-s -w\"), as go build does, and the baseline provider")
	ctx := context.Background()
	release := []string{"-trimpath", "-ldflags", "-s -w -X main.version=" + version}
	oursMirror, baseMirror := filepath.Join(b.work, "mirror-ours"), filepath.Join(b.work, "mirror-baseline")
	bin, err := localmirror.Build(ctx, ".", oursMirror, version, release...)
	if err != nil {
		return nil, err
	}
	dev, err := localmirror.Build(ctx, ".", filepath.Join(b.work, "dev-build"), version)
	if err != nil {
		return nil, err
	}
	if _, err := localmirror.Build(ctx, "tools/bench/baseline", baseMirror, version, "-trimpath", "-ldflags", "-s -w"); err != nil {
		return nil, err
	}
	noLogoffMirror := filepath.Join(b.work, "mirror-no-logoff")
	if _, err := localmirror.Build(ctx, ".", noLogoffMirror, version, "-trimpath", "-ldflags", "-s -w -X main.version="+version+" -X main.logoff=false"); err != nil {
		return nil, err
	}
	r.binarySize, r.devBinarySize = fileSize(bin), fileSize(dev)

	for i, n := range b.opts.sizes {
		step(fmt.Sprintf("%d instances: %d emulators (TLS), init and apply with each provider", n, n))
		servers, err := startEmulators(n)
		if err != nil {
			return nil, err
		}
		b.servers = servers
		ours, err := b.workspace(fmt.Sprintf("ours-%d", n), oursMirror, servers, emulatortest.AuthPassword)
		if err != nil {
			return nil, err
		}
		base, err := b.workspace(fmt.Sprintf("baseline-%d", n), baseMirror, servers, emulatortest.AuthPassword)
		if err != nil {
			return nil, err
		}
		var sampler *rssSampler
		if i == 0 {
			sampler = startRSSSampler()
		}
		for _, ws := range []workspace{ours, base} {
			if err := b.terraform(ws, "init", "-input=false"); err != nil {
				return nil, err
			}
			if err := b.terraform(ws, "apply", "-input=false", "-auto-approve"); err != nil {
				return nil, err
			}
		}
		if sampler != nil {
			r.peakRSS, r.providerProcesses = sampler.stop()
		}
		for _, latency := range []time.Duration{0, b.opts.latency} {
			setLatency(servers, latency)
			step(fmt.Sprintf("%d instances, %s per SOAP request: %d timed plans each, alternating ours and the baseline", n, latency, b.opts.runs))
			p, err := b.pairs(ours, base, "plan", "-input=false", "-detailed-exitcode")
			if err != nil {
				return nil, err
			}
			p.instances, p.latency = n, latency
			r.series = append(r.series, p)
		}
		if i == 0 {
			if err := b.measureDetails(r, ours, base, servers); err != nil {
				return nil, err
			}
			if err := b.measureLogoff(r, noLogoffMirror, ours, servers); err != nil {
				return nil, err
			}
			if err := b.measureModes(r, oursMirror, ours, base, servers); err != nil {
				return nil, err
			}
		}
		step("destroying")
		if err := b.terraform(ours, "destroy", "-input=false", "-auto-approve"); err != nil {
			return nil, err
		}
		closeAll(servers)
	}

	r.plansChecked, r.leftOpen = b.plansChecked, b.leftOpen
	step("where the time goes: system roots, TLS and Logon, one query (in-process, 0 ms latency)")
	if r.breakdown, err = measureBreakdown(b.opts.runs); err != nil {
		return nil, err
	}

	step("go test -bench (SOAP codec, emulator dispatch)")
	cmd := exec.Command("go", "test", "-run", "^$", "-bench", ".", "-benchmem", "-count", "1", "./internal/soap", "./internal/emulator") //nolint:noctx // a command-line tool
	cmd.Stderr = os.Stderr
	benchOut, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go test -bench: %w\n%s", err, benchOut)
	}
	sc := bufio.NewScanner(bytes.NewReader(benchOut))
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "Benchmark") {
			r.goBenchmarks = append(r.goBenchmarks, sc.Text())
		}
	}
	return r, nil
}

// measureDetails runs, on the smallest configuration at the given latency,
// what explains a plan: SOAP calls, the plan without refresh, the provider
// launches, the provider start-up.
func (b *bench) measureDetails(r *results, ours, base workspace, servers []*emulator.Server) error {
	setLatency(servers, b.opts.latency)
	step("counting SOAP calls of one plan")
	for _, srv := range servers {
		srv.Emulator.ResetStats()
	}
	if err := b.terraform(ours, "plan", "-input=false", "-detailed-exitcode"); err != nil {
		return err
	}
	for _, srv := range servers {
		r.planCalls = append(r.planCalls, srv.Emulator.Stats().Total)
	}
	var noRefresh []time.Duration
	for range b.opts.runs {
		d, err := b.timed(ours, "plan", "-input=false", "-detailed-exitcode", "-refresh=false")
		if err != nil {
			return err
		}
		noRefresh = append(noRefresh, d)
	}
	r.noRefresh = median(noRefresh)

	step("one more plan at TF_LOG=trace, to time provider launches")
	traceLog := filepath.Join(b.work, "plan-trace.log")
	traced := ours
	traced.extraEnv = []string{"TF_LOG=trace", "TF_LOG_PATH=" + traceLog}
	if err := b.terraform(traced, "plan", "-input=false", "-detailed-exitcode"); err != nil {
		return err
	}
	var err error
	if r.launches, err = providerLaunches(traceLog); err != nil {
		return err
	}

	step("timing provider start-up: terraform providers schema -json")
	var schemaOurs, schemaBase []time.Duration
	for range b.opts.runs {
		d, err := b.timed(ours, "providers", "schema", "-json")
		if err != nil {
			return err
		}
		schemaOurs = append(schemaOurs, d)
		if d, err = b.timed(base, "providers", "schema", "-json"); err != nil {
			return err
		}
		schemaBase = append(schemaBase, d)
	}
	r.schemaOurs, r.schemaBase = median(schemaOurs), median(schemaBase)
	return nil
}

// measureLogoff times the plan of the smallest configuration with the
// provider as built and with a build that never logs off
// (-X main.logoff=false), alternated, at 0 ms and at the latency: what
// closing the sessions costs. The second workspace starts from ours' state.
func (b *bench) measureLogoff(r *results, mirror string, ours workspace, servers []*emulator.Server) error {
	step("what logging off costs: plans with and without the Logoff at exit, alternated")
	ws, err := b.workspace("no-logoff", mirror, servers, emulatortest.AuthPassword)
	if err != nil {
		return err
	}
	if err := b.terraform(ws, "init", "-input=false"); err != nil {
		return err
	}
	state, err := os.ReadFile(filepath.Join(ours.dir, "terraform.tfstate"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(ws.dir, "terraform.tfstate"), state, 0o600); err != nil { //nolint:gosec // the benchmark's own scratch folder
		return err
	}
	for _, latency := range []time.Duration{0, b.opts.latency} {
		setLatency(servers, latency)
		p, err := b.pairs(ours, ws, "plan", "-input=false", "-detailed-exitcode")
		if err != nil {
			return err
		}
		p.instances, p.latency = len(servers), latency
		r.logoff = append(r.logoff, p)
	}
	return nil
}

func startEmulators(n int) ([]*emulator.Server, error) {
	var servers []*emulator.Server
	for i := range n {
		em, err := emulator.New(emulatortest.WithCredentials(emulator.Config{InstanceName: fmt.Sprintf("acme_mkt_i%d", i),
			Installed: []string{"xtk:core", "nms:core", "nms:campaign", emulator.DefaultIMSPackage}}))
		if err != nil {
			closeAll(servers)
			return nil, err
		}
		srv, err := emulator.Listen("127.0.0.1:0", em, emulator.TLSMode{Enabled: true})
		if err != nil {
			closeAll(servers)
			return nil, err
		}
		servers = append(servers, srv)
	}
	return servers, nil
}

func setLatency(servers []*emulator.Server, d time.Duration) {
	for _, srv := range servers {
		srv.Emulator.SetRandomFaults(emulator.RandomFaults{Latency: d})
	}
}

func closeAll(servers []*emulator.Server) {
	for _, srv := range servers {
		_ = srv.Close()
	}
}

// workspace writes a configuration of one provider alias (authenticated
// by auth) and one examples/modules/ims-setup call per instance, as
// examples/multi-environment does for three, with a CLI configuration that
// installs from mirror.
func (b *bench) workspace(name, mirror string, servers []*emulator.Server, auth emulatortest.Auth) (workspace, error) {
	ws := workspace{dir: filepath.Join(b.work, name), rc: filepath.Join(b.work, name+".terraformrc")}
	if err := localmirror.CopyDir("examples/modules/ims-setup", filepath.Join(ws.dir, "modules", "ims-setup")); err != nil {
		return ws, err
	}
	if err := os.WriteFile(ws.rc, []byte(localmirror.CLIConfig(mirror)), 0o600); err != nil {
		return ws, err
	}
	var cfg strings.Builder
	cfg.WriteString(emulatortest.Header)
	for i, srv := range servers {
		cfg.WriteString(emulatortest.ProviderBlock(srv, auth, fmt.Sprintf("alias = \"i%d\"", i)))
		fmt.Fprintf(&cfg, `
module "i%[1]d" {
  source           = "./modules/ims-setup"
  providers        = { campaign.instance = campaign.i%[1]d }
  client_id        = "Campaign-i%[1]d"
  client_secret    = "secret-i%[1]d"
  callback_server  = "https://acme-mkt-i%[1]d.example.com"
  ims_org_id       = "0123456789ABCDEF01234567@AdobeOrg"
  tenant           = "acme"
  product_profiles = [] # no operator-group check: the plan stays at 3 calls per instance (Logon, query, Logoff)
}
`, i)
	}
	return ws, os.WriteFile(filepath.Join(ws.dir, "main.tf"), []byte(cfg.String()), 0o600)
}

func (r *results) point(instances int, latency time.Duration) point {
	for _, p := range r.series {
		if p.instances == instances && p.latency == latency {
			return p
		}
	}
	return point{}
}

func (r *results) markdown(o options) string {
	ms := func(d time.Duration) string { return strconv.FormatInt(d.Milliseconds(), 10) + " ms" }
	mib := func(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }
	small, large := o.sizes[0], o.sizes[len(o.sizes)-1]
	var b strings.Builder
	fmt.Fprintf(&b, "Run on %s: %s/%s, %d CPUs, %s, %d alternated pairs of runs. Baseline: a minimal framework provider of the same shape "+
		"(`tools/bench/baseline`: same resources, functions and aliases, no network) planning the same configuration.\n\n",
		time.Now().UTC().Format("2006-01-02"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), r.terraformVersion, o.runs)

	b.WriteString("| Instances (aliases, 2 resources each) | Latency per SOAP request | `terraform plan`, ours (median) | baseline (median) | Ratio of each pair: median (min–max) | Ours − baseline |\n|---|---|---|---|---|---|\n")
	for _, p := range r.series {
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %s |\n", p.instances, p.latency, ms(p.ours), ms(p.baseline),
			spread(p.ratios), ms(p.ours-p.baseline))
	}
	fmt.Fprintf(&b, "\nEach authentication mode, %d instances, against the baseline and its floor (the answers each instance waits for in a row, "+
		"at %s each): ours − baseline ≤ the floor + 15 %% of the baseline; at 0 ms, a ratio ≤ 1.15.\n\n", small, o.latency)
	b.WriteString(r.modesMarkdown(o))
	b.WriteString("\n| Measure | Result | Target |\n|---|---|---|\n")
	atL := r.point(small, o.latency)
	for _, latency := range []time.Duration{0, o.latency} {
		lo, hi := r.point(small, latency), r.point(large, latency)
		if large > small {
			per := func(a, z time.Duration) time.Duration { return (z - a) / time.Duration(large-small) }
			so, sb := per(lo.ours, hi.ours), per(lo.baseline, hi.baseline)
			fmt.Fprintf(&b, "| Slope per added instance, %s (from %d to %d instances), ours / baseline | %s / %s | within 15 %% of the baseline's: %s |\n",
				latency, small, large, ms(so), ms(sb), by(so, sb*115/100))
		}
	}
	calls := make([]string, len(r.planCalls))
	ok := true
	for i, n := range r.planCalls {
		calls[i] = strconv.Itoa(n)
		ok = ok && n <= 3
	}
	fmt.Fprintf(&b, "| SOAP calls of one plan, per instance (%d instances) | %s | ≤ 3 each (Logon, query, Logoff): %s |\n", small, strings.Join(calls, ", "), verdict(ok))
	fmt.Fprintf(&b, "| Campaign sessions left open when a plan of ours ended (%d plans, every size and latency) | %d at most | 0: %s |\n", r.plansChecked, r.leftOpen, verdict(r.leftOpen == 0))
	for _, p := range r.logoff {
		fmt.Fprintf(&b, "| Closing the sessions, %d instances, %s per request: plan as built / a build that never logs off, ratio of each pair | %s / %s, %s | |\n",
			p.instances, p.latency, ms(p.ours), ms(p.baseline), spread(p.ratios))
	}
	fmt.Fprintf(&b, "| `terraform plan -refresh=false`, %d instances (no SOAP call) | %s | |\n", small, ms(r.noRefresh))
	fmt.Fprintf(&b, "| What the refresh adds, %d instances at %s (3 calls per instance, instances in parallel) | %s | |\n", small, o.latency, ms(atL.ours-r.noRefresh))
	var launchTotal time.Duration
	for _, d := range r.launches {
		launchTotal += d
	}
	fmt.Fprintf(&b, "| Provider launches by Terraform in one plan of %d instances | %d, median %s each, %s in all | |\n", small, len(r.launches), ms(median(r.launches)), ms(launchTotal))
	fmt.Fprintf(&b, "| `terraform providers schema -json`, ours / baseline (start-up and schema) | %s / %s | |\n", ms(r.schemaOurs), ms(r.schemaBase))
	fmt.Fprintf(&b, "| Peak RSS of a provider process during an apply (%d processes seen) | %s | |\n", r.providerProcesses, mib(r.peakRSS))
	fmt.Fprintf(&b, "| Provider binary, as released / plain `go build` | %s / %s | |\n", mib(r.binarySize), mib(r.devBinarySize))

	b.WriteString("\nWhere the provider's own time goes, per provider process, measured in-process against an emulator at 0 ms (median):\n\n| Step | Time |\n|---|---|\n")
	for _, row := range r.breakdown {
		fmt.Fprintf(&b, "| %s | %s |\n", row.what, row.took.Round(10*time.Microsecond))
	}
	b.WriteString("\nGo benchmarks (`go test -bench . -benchmem`):\n\n| Benchmark | Iterations | Time | Throughput / memory |\n|---|---|---|---|\n")
	for _, line := range r.goBenchmarks {
		f := strings.Fields(line)
		if len(f) < 4 {
			continue
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s %s | %s |\n", f[0], f[1], f[2], f[3], strings.Join(f[4:], " "))
	}
	return b.String()
}

// terraform runs one CLI command; exit 2 of plan -detailed-exitcode (changes) is an error here.
func (b *bench) terraform(ws workspace, args ...string) error {
	cmd := exec.CommandContext(context.Background(), b.opts.terraform, append([]string{args[0], "-no-color"}, args[1:]...)...) //nolint:gosec // the terraform on PATH
	if args[0] == "providers" {
		cmd = exec.CommandContext(context.Background(), b.opts.terraform, args...) //nolint:gosec // the terraform on PATH
	}
	cmd.Dir = ws.dir
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+ws.rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "TF_LOG=", "TF_PLUGIN_CACHE_DIR=")
	cmd.Env = append(cmd.Env, ws.extraEnv...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("terraform %s in %s: %w\n%s", strings.Join(args, " "), filepath.Base(ws.dir), err, out.String())
	}
	return nil
}

func (b *bench) timed(ws workspace, args ...string) (time.Duration, error) {
	start := time.Now()
	err := b.terraform(ws, args...)
	return time.Since(start), err
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func step(msg string) { fmt.Fprintln(os.Stderr, "==>", msg) }

func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}

// rssSampler polls /proc for provider processes and keeps the largest peak
// resident set (VmHWM) seen.
type rssSampler struct {
	done chan struct{}
	wg   sync.WaitGroup
	peak int64
	seen map[string]bool
}

func startRSSSampler() *rssSampler {
	s := &rssSampler{done: make(chan struct{}), seen: map[string]bool{}}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			s.sample()
			select {
			case <-s.done:
				return
			case <-tick.C:
			}
		}
	}()
	return s
}

func (s *rssSampler) sample() {
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil || !bytes.Contains(cmdline, []byte("terraform-provider-campaign")) {
			continue
		}
		status, err := os.ReadFile(filepath.Join("/proc", e.Name(), "status"))
		if err != nil {
			continue
		}
		s.seen[e.Name()] = true
		for _, line := range strings.Split(string(status), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
				if kb, err := strconv.ParseInt(f[1], 10, 64); err == nil && kb*1024 > s.peak {
					s.peak = kb * 1024
				}
			}
		}
	}
}

func (s *rssSampler) stop() (peak int64, processes int) {
	close(s.done)
	s.wg.Wait()
	return s.peak, len(s.seen)
}

// providerLaunches reads Terraform's trace log and returns how long each
// launch of this provider took: from "starting plugin" to "using plugin"
// (exec, go-plugin handshake, automatic mTLS). Terraform starts them one at
// a time, so the lines pair in order.
func providerLaunches(path string) ([]time.Duration, error) {
	data, err := os.ReadFile(path) //nolint:gosec // the log this tool asked Terraform to write
	if err != nil {
		return nil, err
	}
	var (
		out     []time.Duration
		started time.Time
	)
	for _, line := range strings.Split(string(data), "\n") {
		starting := strings.Contains(line, "provider: starting plugin:") && strings.Contains(line, "terraform-provider-campaign")
		using := strings.Contains(line, "provider: using plugin:")
		if !starting && !using {
			continue
		}
		at, err := time.Parse("2006-01-02T15:04:05.000Z0700", strings.Fields(line)[0])
		if err != nil {
			continue
		}
		switch {
		case starting:
			started = at
		case !started.IsZero():
			out = append(out, at.Sub(started))
			started = time.Time{}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no provider launch found in the trace log", path)
	}
	return out, nil
}
