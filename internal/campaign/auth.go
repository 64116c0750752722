package campaign

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/acc-terraform/terraform-provider-campaign/internal/validate"
)

// authMethod is everything the client knows about one authentication mode.
// A new mode is one more entry of authMethods (and its opener), with the
// secrets it carries: redaction hides exactly those (and the tokens of the
// sessions), so a mode that lists none would leak (TestEveryModeIsRedacted).
type authMethod struct {
	mode AuthMode
	// secrets are the configured values of the mode that no text from the
	// server or the network may show.
	secrets func(cfg *Config) []string
	// configured reports whether cfg chooses this mode; check validates
	// and completes its values.
	configured func(cfg *Config) bool
	check      func(cfg *Config) error
	// open starts a session: a Logon, a token exchange, or nothing.
	open func(c *Client, ctx context.Context) (*session, error)
	// renewable: a session Campaign no longer accepts is opened again, once.
	renewable bool
	// refusedBy are the fault codes that mean the session or token is no
	// longer accepted.
	refusedBy []string
}

func authMethods() []authMethod {
	return []authMethod{
		{
			mode:       AuthPassword,
			secrets:    func(cfg *Config) []string { return []string{cfg.Password} },
			configured: func(cfg *Config) bool { return cfg.Login != "" || cfg.Password != "" },
			check: func(cfg *Config) error {
				if cfg.Login == "" || cfg.Password == "" {
					return errors.New("login and password go together")
				}
				return nil
			},
			open:      (*Client).logon,
			renewable: true,
			refusedBy: []string{CodeSessionExpired},
		},
		{
			mode:       AuthAccessToken,
			secrets:    func(cfg *Config) []string { return []string{cfg.AccessToken} },
			configured: func(cfg *Config) bool { return cfg.AccessToken != "" },
			check:      func(*Config) error { return nil },
			open: func(c *Client, _ context.Context) (*session, error) {
				return &session{bearer: c.cfg.AccessToken}, nil
			},
			// A fixed token cannot be renewed: a refusal is final.
			refusedBy: []string{CodeSessionExpired, CodeIMSCallFailed},
		},
		{
			mode:       AuthIMSOAuth,
			secrets:    func(cfg *Config) []string { return []string{cfg.IMS.ClientSecret} },
			configured: func(cfg *Config) bool { return cfg.IMS != nil },
			check: func(cfg *Config) error {
				if cfg.IMS.ClientID == "" || cfg.IMS.ClientSecret == "" {
					return errors.New("IMS client credentials need a client id and a client secret")
				}
				if cfg.IMS.TokenURL == "" {
					cfg.IMS.TokenURL = DefaultIMSTokenURL
				}
				if err := validate.TokenURL(cfg.IMS.TokenURL); err != nil {
					return fmt.Errorf("IMS token URL: %w", err)
				}
				return nil
			},
			open:      (*Client).fetchIMSToken,
			renewable: true,
			refusedBy: []string{CodeSessionExpired, CodeIMSCallFailed},
		},
	}
}

// chooseAuth returns the one mode cfg configures, its values checked.
func chooseAuth(cfg *Config) (authMethod, error) {
	var chosen []authMethod
	for _, m := range authMethods() {
		if m.configured(cfg) {
			chosen = append(chosen, m)
		}
	}
	if len(chosen) != 1 {
		return authMethod{}, fmt.Errorf("exactly one authentication is needed (%s), got %d", strings.Join(modeNames(), ", "), len(chosen))
	}
	return chosen[0], chosen[0].check(cfg)
}

// refuses reports whether f means that the session or token is no longer accepted.
func (m authMethod) refuses(f *Fault) bool {
	for _, code := range m.refusedBy {
		if f.Has(code) {
			return true
		}
	}
	return false
}

// AuthModes lists the authentication modes the client knows, in order.
func AuthModes() []AuthMode {
	var out []AuthMode
	for _, m := range authMethods() {
		out = append(out, m.mode)
	}
	return out
}

func modeNames() []string {
	var out []string
	for _, m := range AuthModes() {
		out = append(out, string(m))
	}
	return out
}
