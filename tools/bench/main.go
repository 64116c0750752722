// Command campaign-bench measures what the provider adds to Terraform's own
// work against emulated instances with injected latency, and writes the
// "Latest run" section of BENCHMARKS.md. `make bench` runs it from the
// repository root. It times things; the tests never do (they count calls).
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
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
	"github.com/acc-terraform/terraform-provider-campaign/internal/localmirror"
)

const (
	login    = "admin"
	password = "bench-password"
	version  = "0.0.1"
)

var environments = []string{"dev", "stage", "prod"}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "campaign-bench:", err)
		os.Exit(1)
	}
}

type options struct {
	latency   time.Duration
	runs      int
	out       string
	traceLog  string
	terraform string
}

func run() error {
	var o options
	flag.DurationVar(&o.latency, "latency", 100*time.Millisecond, "latency added to every SOAP request")
	flag.IntVar(&o.runs, "runs", 5, "timed runs of each command (the median is reported)")
	flag.StringVar(&o.out, "out", "BENCHMARKS.md", `file whose "bench" section receives the results ("" prints only)`)
	flag.StringVar(&o.traceLog, "trace-log", "", "also write the TF_LOG=trace log of one more plan to this file, to see where the time goes")
	flag.Parse()
	tf, err := exec.LookPath("terraform")
	if err != nil {
		return errors.New("terraform is not on PATH: the benchmark runs the real Terraform CLI")
	}
	o.terraform = tf
	if _, err := os.Stat("examples/multi-environment/main.tf"); err != nil {
		return errors.New("run from the repository root (make bench)")
	}
	work, err := os.MkdirTemp("", "campaign-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	b := &bench{opts: o, work: work}
	results, err := b.measure()
	if err != nil {
		return err
	}
	table := results.markdown(o)
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
	opts     options
	work     string
	rc       string
	extraEnv []string
}

type results struct {
	terraformVersion           string
	binarySize, devBinarySize  int64
	ours, baseline             time.Duration
	schemaOurs, schemaBaseline time.Duration
	planCalls                  map[string]int
	peakRSS                    int64 // bytes, largest VmHWM of a provider process
	providerProcesses          int
	goBenchmarks               []string
	oursRuns, baselineRuns     []time.Duration
	noRefresh                  time.Duration
	// launches are the provider process launches of one plan, each from
	// "starting plugin" to "using plugin" in Terraform's trace log.
	launches []time.Duration
}

func (b *bench) measure() (*results, error) {
	r := &results{planCalls: map[string]int{}}
	out, err := exec.Command(b.opts.terraform, "version").Output() //nolint:gosec,noctx // the terraform found on PATH
	if err != nil {
		return nil, fmt.Errorf("terraform version: %w", err)
	}
	r.terraformVersion = strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])

	step("building the provider as released (-trimpath -ldflags \"-s -w\") and as go build does")
	ctx := context.Background()
	mirror := filepath.Join(b.work, "mirror")
	bin, err := localmirror.Build(ctx, ".", mirror, version, "-trimpath", "-ldflags", "-s -w -X main.version="+version)
	if err != nil {
		return nil, err
	}
	dev, err := localmirror.Build(ctx, ".", filepath.Join(b.work, "dev-build"), version)
	if err != nil {
		return nil, err
	}
	r.binarySize, r.devBinarySize = fileSize(bin), fileSize(dev)
	b.rc = filepath.Join(b.work, "terraformrc")
	if err := os.WriteFile(b.rc, []byte(localmirror.CLIConfig(mirror)), 0o600); err != nil {
		return nil, err
	}

	step(fmt.Sprintf("starting 3 emulators (TLS, %s per SOAP request)", b.opts.latency))
	servers := map[string]*emulator.Server{}
	instances := map[string]any{}
	for _, env := range environments {
		em, err := emulator.New(emulator.Config{Login: login, Password: password, InstanceName: "acme_mkt_" + env})
		if err != nil {
			return nil, err
		}
		em.SetRandomFaults(emulator.RandomFaults{Latency: b.opts.latency})
		srv, err := emulator.Listen("127.0.0.1:0", em, emulator.TLSMode{Enabled: true})
		if err != nil {
			return nil, err
		}
		defer srv.Close()
		servers[env] = srv
		instances[env] = map[string]string{"endpoint": srv.URL, "ca_certificate": string(srv.CAPEM),
			"callback_server": "https://acme-mkt-" + env + ".example.com", "tenant": "acme"}
	}

	ours := filepath.Join(b.work, "ours")
	for _, dir := range []string{"examples/modules", "examples/multi-environment"} {
		if err := localmirror.CopyDir(dir, filepath.Join(ours, dir)); err != nil {
			return nil, err
		}
	}
	example := filepath.Join(ours, "examples/multi-environment")
	vars, _ := json.Marshal(map[string]any{"instances": instances, "password": password,
		"ims_client_secrets": map[string]string{"dev": "s1", "stage": "s2", "prod": "s3"}})
	if err := os.WriteFile(filepath.Join(example, "terraform.tfvars.json"), vars, 0o600); err != nil {
		return nil, err
	}
	baseline := filepath.Join(b.work, "baseline")
	if err := os.MkdirAll(baseline, 0o750); err != nil {
		return nil, err
	}
	var data strings.Builder
	for _, env := range environments {
		for _, kind := range []string{"package", "account"} {
			fmt.Fprintf(&data, "resource \"terraform_data\" \"%s_%s\" {\n  input = %q\n}\n\n", env, kind, env+" "+kind)
		}
	}
	if err := os.WriteFile(filepath.Join(baseline, "main.tf"), []byte(data.String()), 0o600); err != nil {
		return nil, err
	}

	step("terraform init and apply of examples/multi-environment (sampling provider memory)")
	for _, dir := range []string{example, baseline} {
		if err := b.terraform(dir, "init", "-input=false"); err != nil {
			return nil, err
		}
	}
	sampler := startRSSSampler()
	err = b.terraform(example, "apply", "-input=false", "-auto-approve")
	r.peakRSS, r.providerProcesses = sampler.stop()
	if err != nil {
		return nil, err
	}
	if err := b.terraform(baseline, "apply", "-input=false", "-auto-approve"); err != nil {
		return nil, err
	}

	step("counting SOAP calls of one plan")
	for _, srv := range servers {
		srv.Emulator.ResetStats()
	}
	if err := b.terraform(example, "plan", "-input=false", "-detailed-exitcode"); err != nil {
		return nil, err
	}
	for env, srv := range servers {
		r.planCalls[env] = srv.Emulator.Stats().Total
	}

	step(fmt.Sprintf("timing terraform plan, %d runs each, alternating ours and the terraform_data baseline", b.opts.runs))
	for range b.opts.runs {
		d, err := b.timed(example, "plan", "-input=false", "-detailed-exitcode")
		if err != nil {
			return nil, err
		}
		r.oursRuns = append(r.oursRuns, d)
		if d, err = b.timed(baseline, "plan", "-input=false", "-detailed-exitcode"); err != nil {
			return nil, err
		}
		r.baselineRuns = append(r.baselineRuns, d)
	}
	r.ours, r.baseline = median(r.oursRuns), median(r.baselineRuns)
	var noRefresh []time.Duration
	for range b.opts.runs {
		d, err := b.timed(example, "plan", "-input=false", "-detailed-exitcode", "-refresh=false")
		if err != nil {
			return nil, err
		}
		noRefresh = append(noRefresh, d)
	}
	r.noRefresh = median(noRefresh)

	step("one more plan at TF_LOG=trace, to count provider launches")
	traceLog := b.opts.traceLog
	if traceLog == "" {
		traceLog = filepath.Join(b.work, "plan-trace.log")
	}
	if traceLog, err = filepath.Abs(traceLog); err != nil {
		return nil, err
	}
	b.extraEnv = []string{"TF_LOG=trace", "TF_LOG_PATH=" + traceLog}
	err = b.terraform(example, "plan", "-input=false", "-detailed-exitcode")
	b.extraEnv = nil
	if err != nil {
		return nil, err
	}
	if r.launches, err = providerLaunches(traceLog); err != nil {
		return nil, err
	}

	step("timing provider start-up: terraform providers schema -json")
	var schemaOurs, schemaBaseline []time.Duration
	for range b.opts.runs {
		d, err := b.timed(example, "providers", "schema", "-json")
		if err != nil {
			return nil, err
		}
		schemaOurs = append(schemaOurs, d)
		if d, err = b.timed(baseline, "providers", "schema", "-json"); err != nil {
			return nil, err
		}
		schemaBaseline = append(schemaBaseline, d)
	}
	r.schemaOurs, r.schemaBaseline = median(schemaOurs), median(schemaBaseline)

	step("destroying")
	if err := b.terraform(example, "destroy", "-input=false", "-auto-approve"); err != nil {
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

func (r *results) markdown(o options) string {
	ms := func(d time.Duration) string { return strconv.FormatInt(d.Milliseconds(), 10) + " ms" }
	mib := func(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }
	runs := func(ds []time.Duration) string {
		var s []string
		for _, d := range ds {
			s = append(s, strconv.FormatInt(d.Milliseconds(), 10))
		}
		return strings.Join(s, ", ")
	}
	ratio := float64(r.ours) / float64(r.baseline)
	budget := r.baseline + 3*o.latency
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "missed"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Run on %s: %s/%s, %d CPUs, %s, %s latency per SOAP request, median of %d runs.\n\n",
		time.Now().UTC().Format("2006-01-02"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), r.terraformVersion, o.latency, o.runs)
	b.WriteString("| Measure | Result | Target |\n|---|---|---|\n")
	fmt.Fprintf(&b, "| `terraform plan` of examples/multi-environment (3 instances, 3 packages, 3 accounts) | %s (runs: %s) | |\n", ms(r.ours), runs(r.oursRuns))
	fmt.Fprintf(&b, "| `terraform plan` of 6 `terraform_data` (baseline) | %s (runs: %s) | |\n", ms(r.baseline), runs(r.baselineRuns))
	fmt.Fprintf(&b, "| Ratio ours / baseline | %.2f | ≤ 1.5: %s |\n", ratio, verdict(ratio <= 1.5))
	fmt.Fprintf(&b, "| Budget: baseline + 3 round trips | %s; ours is %s | ours ≤ budget: %s |\n", ms(budget), ms(r.ours), verdict(r.ours <= budget))
	fmt.Fprintf(&b, "| SOAP calls of one plan (dev, stage, prod) | %d, %d, %d | ≤ 2 each: %s |\n", r.planCalls["dev"], r.planCalls["stage"], r.planCalls["prod"],
		verdict(r.planCalls["dev"] <= 2 && r.planCalls["stage"] <= 2 && r.planCalls["prod"] <= 2))
	var launchTotal time.Duration
	for _, d := range r.launches {
		launchTotal += d
	}
	if len(r.launches) > 0 {
		fmt.Fprintf(&b, "| Provider process launches by Terraform in one plan (schema, validate walk, plan walk, functions) | %d, median %s each, %s in all | |\n",
			len(r.launches), ms(median(r.launches)), ms(launchTotal))
	}
	fmt.Fprintf(&b, "| `terraform plan -refresh=false` of the example (launches and evaluation, no SOAP call) | %s | |\n", ms(r.noRefresh))
	fmt.Fprintf(&b, "| What the refresh adds (2 SOAP calls per instance, instances in parallel) | %s | 2 round trips: %s |\n", ms(r.ours-r.noRefresh), ms(2*o.latency))
	fmt.Fprintf(&b, "| `terraform providers schema -json`, ours / baseline (provider start-up and schema) | %s / %s (+%s) | |\n",
		ms(r.schemaOurs), ms(r.schemaBaseline), ms(r.schemaOurs-r.schemaBaseline))
	fmt.Fprintf(&b, "| Peak RSS of a provider process during the apply (%d processes seen) | %s | |\n", r.providerProcesses, mib(r.peakRSS))
	fmt.Fprintf(&b, "| Provider binary, as released / plain `go build` | %s / %s | |\n", mib(r.binarySize), mib(r.devBinarySize))
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

func step(msg string) { fmt.Fprintln(os.Stderr, "==>", msg) }

func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}

// terraform runs one CLI command; exit 2 of plan -detailed-exitcode (changes) is an error here.
func (b *bench) terraform(dir string, args ...string) error {
	cmd := exec.CommandContext(context.Background(), b.opts.terraform, append([]string{args[0], "-no-color"}, args[1:]...)...) //nolint:gosec // the terraform on PATH
	if args[0] == "providers" {
		cmd = exec.CommandContext(context.Background(), b.opts.terraform, args...) //nolint:gosec // the terraform on PATH
	}
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+b.rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "TF_LOG=", "TF_PLUGIN_CACHE_DIR=")
	cmd.Env = append(cmd.Env, b.extraEnv...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("terraform %s in %s: %w\n%s", strings.Join(args, " "), filepath.Base(dir), err, out.String())
	}
	return nil
}

func (b *bench) timed(dir string, args ...string) (time.Duration, error) {
	start := time.Now()
	err := b.terraform(dir, args...)
	return time.Since(start), err
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
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
