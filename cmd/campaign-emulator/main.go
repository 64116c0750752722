// Command campaign-emulator serves an emulated Adobe Campaign Classic instance
// for trying the provider without a real one. See README.md, "The emulator".
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "campaign-emulator:", err)
		os.Exit(1)
	}
}

type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func run(args []string) error {
	fs := flag.NewFlagSet("campaign-emulator", flag.ContinueOnError)
	var (
		cfg          emulator.Config
		tokens       stringList
		installed    stringList
		listen       = fs.String("listen", "127.0.0.1:8080", "address to listen on (127.0.0.1:0 picks a free port)")
		useTLS       = fs.Bool("tls", false, "serve HTTPS with a fresh self-signed CA (see -ca-out) or -cert/-key")
		caOut        = fs.String("ca-out", "", "with -tls: write the CA certificate (PEM) to this file")
		certFile     = fs.String("cert", "", "with -tls: server certificate (PEM) instead of a self-signed one")
		keyFile      = fs.String("key", "", "with -tls: private key of -cert")
		verbose      = fs.Bool("v", false, "log one line per request (never a secret)")
		rate503      = fs.Float64("rate-503", 0, "fraction of SOAP calls answered 503 with Retry-After")
		rate429      = fs.Float64("rate-429", 0, "fraction of SOAP calls answered 429 with Retry-After")
		dropRate     = fs.Float64("drop-rate", 0, "fraction of SOAP calls whose connection is dropped")
		retryAfter   = fs.String("retry-after", "1", "Retry-After value sent with injected 429/503")
		latency      = fs.Duration("latency", 0, "latency added to every SOAP answer, e.g. 100ms")
		catalogExtra stringList
		groups       stringList
		operators    stringList
		adobeCA      = fs.String("adobe-ca", "", "CA certificate (PEM file) of the -adobe emulator's TLS certificate")
		profile      = fs.String("profile", emulator.DefaultProfile, "Campaign build variant to play: "+emulator.ProfileNames())
	)
	fs.StringVar(&cfg.Login, "login", emulator.DefaultLogin, "operator login accepted by xtk:session#Logon")
	fs.StringVar(&cfg.Password, "password", emulator.DefaultPassword, "operator password accepted by xtk:session#Logon")
	fs.Var(&tokens, "access-token", "IMS bearer token accepted as is (repeatable)")
	fs.StringVar(&cfg.IMSClientID, "ims-client-id", "", "OAuth client id accepted at /ims/token/v2 and /v3")
	fs.StringVar(&cfg.IMSClientSecret, "ims-client-secret", "", "OAuth client secret accepted at /ims/token/v3")
	fs.DurationVar(&cfg.IMSTokenTTL, "ims-token-ttl", time.Hour, "lifetime of tokens issued by /ims/token/v3")
	fs.DurationVar(&cfg.SessionTTL, "session-ttl", 24*time.Hour, "lifetime of a Logon session (forced expiry: set it short)")
	fs.IntVar(&cfg.MaxLogonFailures, "max-logon-failures", 3, "failed logons within -failure-window that lock a login")
	fs.DurationVar(&cfg.FailureWindow, "failure-window", 10*time.Minute, "window in which failed logons are counted")
	fs.DurationVar(&cfg.BanDuration, "ban-duration", 5*time.Minute, "how long a locked login stays locked")
	fs.IntVar(&cfg.AccountType, "ims-account-type", emulator.DefaultIMSAccountType, "emulator value of the Adobe Experience Cloud @type enumeration entry")
	fs.StringVar(&cfg.InstanceName, "instance-name", emulator.DefaultInstanceName, "instance name reported by serverInfo and /r/test")
	fs.Var(&installed, "installed", "package (namespace:name) installed at start (repeatable; default xtk:core, nms:core, nms:campaign)")
	fs.Var(&catalogExtra, "catalog", "extra standard package namespace:name the emulator can install (repeatable)")
	fs.DurationVar(&cfg.InstallDuration, "install-duration", 2*time.Second, "how long a package installation takes")
	fs.IntVar(&cfg.FaultStatus, "fault-status", 0, "HTTP status of SOAP faults (Campaign builds use 500 or 200; default: the profile's, else 500)")
	var builtIn []string
	for _, g := range emulator.DefaultOperatorGroups() {
		builtIn = append(builtIn, g.Name)
	}
	fs.Var(&groups, "operator-group", "operator group at start, name=Label or name=Label:right1,right2 with its named rights (repeatable; default the built-in groups "+
		strings.Join(builtIn, ", ")+")")
	fs.Var(&operators, "operator", "operator at start, LOGIN=group1,group2 with its groups (repeatable)")
	fs.StringVar(&cfg.AdobeURL, "adobe", "", "URL of an adobe-emulator: POST /emulator/ims-login without profiles takes the user's product profiles from it")
	fs.StringVar(&cfg.StatePath, "state", "", "persist accounts, packages, operator groups and operators to this JSON file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *certFile != "" && (*keyFile == "" || !*useTLS) {
		return fmt.Errorf("-cert needs -key and -tls")
	}
	p, ok := emulator.ProfileNamed(*profile)
	if !ok {
		return fmt.Errorf("-profile %q: unknown; the profiles are %s", *profile, emulator.ProfileNames())
	}
	cfg.Profile = p
	for _, g := range groups {
		name, rest, _ := strings.Cut(g, "=")
		label, rights, _ := strings.Cut(rest, ":")
		group := emulator.OperatorGroup{Name: name, Label: label}
		if rights != "" {
			group.NamedRights = strings.Split(rights, ",")
		}
		cfg.OperatorGroups = append(cfg.OperatorGroups, group)
	}
	for _, op := range operators {
		login, list, ok := strings.Cut(op, "=")
		if !ok || login == "" || list == "" {
			return fmt.Errorf("-operator %q: want LOGIN=group1,group2", op)
		}
		cfg.Operators = append(cfg.Operators, emulator.Operator{Login: login, Groups: strings.Split(list, ",")})
	}
	if *adobeCA != "" {
		pem, err := os.ReadFile(*adobeCA)
		if err != nil {
			return fmt.Errorf("-adobe-ca: %w", err)
		}
		cfg.AdobeCAPEM = pem
	}
	cfg.AccessTokens = tokens
	if len(installed) > 0 {
		cfg.Installed = installed
	}
	cfg.Catalog = emulator.DefaultCatalog()
	for _, id := range catalogExtra {
		cfg.Catalog = append(cfg.Catalog, emulator.Package{ID: id, Label: id})
	}
	cfg.Faults.Random = emulator.RandomFaults{Latency: *latency, Rate503: *rate503, Rate429: *rate429, DropRate: *dropRate, RetryAfter: *retryAfter}
	if *verbose {
		cfg.Logf = log.New(os.Stderr, "", log.LstdFlags).Printf
	}
	em, err := emulator.New(cfg)
	if err != nil {
		return err
	}
	srv, err := emulator.Listen(*listen, em, emulator.TLSMode{Enabled: *useTLS, CertFile: *certFile, KeyFile: *keyFile})
	if err != nil {
		return err
	}
	return srv.RunUntilSignal(*caOut)
}
