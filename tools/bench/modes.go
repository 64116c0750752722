package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/emulatortest"
)

// authFloor is the least an authentication mode can do for a plan of the
// bench's configuration: the answers each instance waits for in a row.
// The module refreshes the package, then the account (depends_on), so the
// package's answer comes first: the Logon carries the installed packages,
// a bearer token needs GetUserInfo for them.
type authFloor struct {
	auth  emulatortest.Auth
	trips int
	why   string
}

func authFloors() []authFloor {
	return []authFloor{
		{emulatortest.AuthPassword, 3, "Logon (its answer lists the packages), the account's query, Logoff (a session is closed after its last answer)"},
		{emulatortest.AuthAccessToken, 2, "GetUserInfo (the packages), the account's query; no session to open or close"},
		{emulatortest.AuthIMSOAuth, 3, "the IMS token request, GetUserInfo, the account's query"},
	}
}

// modeResult is one mode's plans against the baseline, at 0 ms and at the
// latency, with what one plan sent.
type modeResult struct {
	authFloor
	at0, atLatency point
	soapCalls      []int // SOAP calls of one plan, per instance
	tokenRequests  int   // IMS token requests of one plan, every instance
}

// measureModes times, on the smallest configuration, a plan with each
// authentication mode against the baseline (alternated pairs, at 0 ms and
// at the latency, IMS's token endpoint answering with the same latency),
// and counts what one plan of each mode sends.
func (b *bench) measureModes(r *results, mirror string, ours, base workspace, servers []*emulator.Server) error {
	state, err := os.ReadFile(filepath.Join(ours.dir, "terraform.tfstate"))
	if err != nil {
		return err
	}
	for _, f := range authFloors() {
		step(fmt.Sprintf("authentication %s: calls of one plan, then %d timed plans each at 0 and %s, alternating with the baseline", f.auth, b.opts.runs, b.opts.latency))
		ws := ours
		if f.auth != emulatortest.AuthPassword {
			slug := strings.NewReplacer(" ", "-", "/", "-").Replace(string(f.auth))
			if ws, err = b.workspace("mode-"+slug, mirror, servers, f.auth); err != nil {
				return err
			}
			if err := b.terraform(ws, "init", "-input=false"); err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(ws.dir, "terraform.tfstate"), state, 0o600); err != nil { //nolint:gosec // the benchmark's own scratch folder
				return err
			}
		}
		m := modeResult{authFloor: f}
		setLatency(servers, 0)
		for _, srv := range servers {
			srv.Emulator.ResetStats()
		}
		if err := b.terraform(ws, "plan", "-input=false", "-detailed-exitcode"); err != nil {
			return err
		}
		for _, srv := range servers {
			s := srv.Emulator.Stats()
			m.soapCalls = append(m.soapCalls, s.Total)
			m.tokenRequests += s.IMSTokenRequests
		}
		for _, latency := range []time.Duration{0, b.opts.latency} {
			setLatency(servers, latency)
			p, err := b.pairs(ws, base, "plan", "-input=false", "-detailed-exitcode")
			if err != nil {
				return err
			}
			p.instances, p.latency = len(servers), latency
			if latency == 0 {
				m.at0 = p
			} else {
				m.atLatency = p
			}
		}
		r.modes = append(r.modes, m)
	}
	return nil
}

// modesMarkdown is the table of the modes: each against the baseline and
// its floor.
func (r *results) modesMarkdown(o options) string {
	ms := func(d time.Duration) string { return fmt.Sprintf("%d ms", d.Milliseconds()) }
	var b strings.Builder
	b.WriteString("| Authentication | What one plan sends, per instance | Floor: answers in a row | Latency | Ours / baseline (medians) | Ratio of each pair: median (min–max) | Ours − baseline | Target | |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, m := range r.modes {
		calls := make([]string, len(m.soapCalls))
		for i, n := range m.soapCalls {
			calls[i] = fmt.Sprint(n)
		}
		sent := strings.Join(calls, ", ") + " SOAP"
		if m.tokenRequests > 0 {
			sent += fmt.Sprintf(" + %d token request(s) in all", m.tokenRequests)
		}
		floor := fmt.Sprintf("%d: %s", m.trips, m.why)
		ratio := medianRatio(m.at0.ratios)
		fmt.Fprintf(&b, "| %s | %s | %s | 0 ms | %s / %s | %s | %s | ratio ≤ 1.15 | %s |\n", m.auth, sent, floor,
			ms(m.at0.ours), ms(m.at0.baseline), spread(m.at0.ratios), ms(m.at0.ours-m.at0.baseline), verdict(ratio <= 1.15))
		limit := time.Duration(m.trips)*o.latency + m.atLatency.baseline*15/100
		added := m.atLatency.ours - m.atLatency.baseline
		fmt.Fprintf(&b, "| %s | | | %s | %s / %s | %s | %s | ≤ %d × %s + 15 %% of the baseline = %s | %s |\n", m.auth, o.latency,
			ms(m.atLatency.ours), ms(m.atLatency.baseline), spread(m.atLatency.ratios), ms(added), m.trips, o.latency, ms(limit), by(added, limit))
	}
	return b.String()
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "missed"
}

// by says met, or missed by how much.
func by(got, limit time.Duration) string {
	if got <= limit {
		return "met"
	}
	return fmt.Sprintf("missed by %d ms", (got - limit).Milliseconds())
}
