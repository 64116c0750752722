// Command adobe-emulator serves Adobe's side of the IMS setup for trying the
// provider without an Adobe organization: IMS's token endpoint and the User
// Management API's product-profile and user lists. See README.md, "The
// emulators", and ADOBE_API.md.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator/adobe"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "adobe-emulator:", err)
		os.Exit(1)
	}
}

type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func run(args []string) error {
	fs := flag.NewFlagSet("adobe-emulator", flag.ContinueOnError)
	var (
		cfg        adobe.Config
		scopes     stringList
		profiles   stringList
		userGroups stringList
		technical  stringList
		listen     = fs.String("listen", "127.0.0.1:8090", "address to listen on (127.0.0.1:0 picks a free port)")
		useTLS     = fs.Bool("tls", false, "serve HTTPS with a fresh self-signed CA (see -ca-out)")
		caOut      = fs.String("ca-out", "", "with -tls: write the CA certificate (PEM) to this file")
	)
	fs.StringVar(&cfg.OrgID, "org-id", adobe.DefaultOrgID, "IMS organization id (…@AdobeOrg)")
	fs.StringVar(&cfg.ClientID, "client-id", adobe.DefaultClientID, "OAuth client id of the organization's UMAPI credential")
	fs.StringVar(&cfg.ClientSecret, "client-secret", adobe.DefaultClientSecret, "OAuth client secret of that credential")
	fs.Var(&scopes, "scope", "scope the credential is granted (repeatable; default "+strings.Join(adobe.DefaultScopes(), ", ")+")")
	fs.Var(&profiles, "product-profile", `product profile of "Adobe Campaign" and its users, "NAME=email1,email2" (repeatable)`)
	fs.Var(&userGroups, "user-group", `user group, the profiles it gives and its users, "NAME=profile1,profile2:email1,email2" (repeatable)`)
	fs.Var(&technical, "technical-account", `technical account of an OAuth server-to-server credential and the product profiles it holds, "CLIENT_ID:CLIENT_SECRET=profile1,profile2" (repeatable)`)
	fs.IntVar(&cfg.PageSize, "page-size", adobe.DefaultPageSize, "entries per page of the lists")
	fs.IntVar(&cfg.RateLimit, "rate-limit", adobe.DefaultRateLimit, "groups-list requests per minute per client (UMAPI: 5); -1 for none")
	fs.DurationVar(&cfg.TokenTTL, "token-ttl", 24*time.Hour, "lifetime of the access tokens")
	fs.DurationVar(&cfg.Latency, "latency", 0, "latency added to every answer, e.g. 100ms")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if len(scopes) > 0 {
		cfg.Scopes = scopes
	}
	for _, v := range profiles {
		p, err := adobe.ParseProfileFlag(v)
		if err != nil {
			return err
		}
		cfg.ProductProfiles = append(cfg.ProductProfiles, p)
	}
	for _, v := range userGroups {
		g, err := adobe.ParseUserGroupFlag(v)
		if err != nil {
			return err
		}
		cfg.UserGroups = append(cfg.UserGroups, g)
	}
	for _, v := range technical {
		ta, err := adobe.ParseTechnicalAccountFlag(v)
		if err != nil {
			return err
		}
		cfg.TechnicalAccounts = append(cfg.TechnicalAccounts, ta)
	}
	srv, err := emulator.Serve(*listen, adobe.New(cfg), emulator.TLSMode{Enabled: *useTLS})
	if err != nil {
		return err
	}
	return srv.RunUntilSignal(*caOut, func() {
		for _, ta := range cfg.TechnicalAccounts {
			fmt.Printf("technical account %s %s\n", ta.ClientID, ta.Email())
		}
	})
}
