package provider

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
	"github.com/acc-terraform/terraform-provider-campaign/internal/imslogin"
)

// loginInstance serves an instance shaped as a case's: its groups, the
// named rights it defines, and an account with its mask (none without).
func startLoginInstance(t *testing.T, in imslogin.Instance) *emulator.Server {
	t.Helper()
	cfg := emulator.Config{NamedRights: in.NamedRights, OperatorGroups: []emulator.OperatorGroup{}}
	for _, g := range in.Groups {
		cfg.OperatorGroups = append(cfg.OperatorGroups, emulator.OperatorGroup{Name: g.Name, Label: g.Name, NamedRights: g.NamedRights})
	}
	srv := startEmulator(t, cfg)
	if in.Mask != "" {
		if err := srv.Emulator.PutAccount(map[string]string{"name": "Adobe_Marketing_Cloud", "type": fmt.Sprint(emulator.DefaultIMSAccountType),
			"imsRightsMask": in.Mask, "clientId": "Campaign1"}); err != nil {
			t.Fatal(err)
		}
	}
	return srv
}

// emulatorLogin is the emulator's simulated Adobe ID login.
func emulatorLogin(t *testing.T, srv *emulator.Server, login string, profiles []string) (admitted bool, out emulator.IMSLogin) {
	t.Helper()
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(srv.CAPEM)
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
	body, _ := json.Marshal(map[string]any{"login": login, "profiles": append([]string{}, profiles...)})
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+"/emulator/ims-login", bytes.NewReader(body))
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(data, &out); err != nil {
			t.Fatal(err)
		}
	}
	return resp.StatusCode == http.StatusOK, out
}

// TestAccIMSLoginAgreesWithTheEmulator: for every case of the simulated
// login (internal/imslogin's cases: admitted, refused for no match, a
// capture naming no group, a case-only difference, a named right, the admin
// profile, no profile, no mask), campaign_ims_login, reading the instance
// through Terraform, gives the same outcome, groups and named rights as the
// emulator's login, and the case's; a refusal's reason names what to
// create or rename.
func TestAccIMSLoginAgreesWithTheEmulator(t *testing.T) {
	cases := imslogin.Cases()
	servers := map[string]*emulator.Server{}
	for _, c := range cases {
		if servers[c.Instance.Mask] == nil {
			servers[c.Instance.Mask] = startLoginInstance(t, c.Instance)
		}
	}
	for mask, srv := range servers {
		t.Run("mask "+mask, func(t *testing.T) {
			var config strings.Builder
			config.WriteString(providerConfig(srv))
			for i, c := range cases {
				if c.Instance.Mask != mask {
					continue
				}
				profiles, _ := json.Marshal(append([]string{}, c.Profiles...))
				fmt.Fprintf(&config, "data \"campaign_ims_login\" \"c%d\" {\n  login = \"user%d@acme.example\"\n  product_profiles = %s\n}\n", i, i, profiles)
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config: config.String(),
					Check: func(s *terraform.State) error {
						for i, c := range cases {
							if c.Instance.Mask != mask {
								continue
							}
							got := s.RootModule().Resources[fmt.Sprintf("data.campaign_ims_login.c%d", i)].Primary.Attributes
							admitted, emu := emulatorLogin(t, srv, fmt.Sprintf("user%d@acme.example", i), c.Profiles)
							if (got["admitted"] == "true") != admitted || admitted != c.Admitted {
								return fmt.Errorf("%s: admitted: data source %s, emulator %v, case %v", c.Name, got["admitted"], admitted, c.Admitted)
							}
							if groups := setOf(got, "groups"); !slices.Equal(groups, orEmpty(emu.Groups)) || !slices.Equal(groups, orEmpty(c.Groups)) {
								return fmt.Errorf("%s: groups: data source %v, emulator %v, case %v", c.Name, groups, emu.Groups, c.Groups)
							}
							if rights := setOf(got, "named_rights"); !slices.Equal(rights, orEmpty(emu.NamedRights)) || !slices.Equal(rights, orEmpty(c.NamedRights)) {
								return fmt.Errorf("%s: named rights: data source %v, emulator %v, case %v", c.Name, rights, emu.NamedRights, c.NamedRights)
							}
							if (got["control_panel"] == "true") != c.ControlPanel {
								return fmt.Errorf("%s: control_panel %s, want %v", c.Name, got["control_panel"], c.ControlPanel)
							}
							for _, phrase := range c.Reason {
								if !strings.Contains(got["reason"], phrase) {
									return fmt.Errorf("%s: the reason lacks %q: %s", c.Name, phrase, got["reason"])
								}
							}
						}
						return nil
					},
				}},
			})
		})
	}
}

// setOf reads a set attribute of a flat state, sorted.
func setOf(attrs map[string]string, name string) []string {
	out := []string{}
	for k, v := range attrs {
		if strings.HasPrefix(k, name+".") && k != name+".#" {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return out
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
