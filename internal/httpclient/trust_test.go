package httpclient

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"testing"
	"time"
)

type testCert struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
}

func issue(t *testing.T, parent *testCert, name string, ca bool, hosts []string, notAfter time.Time) *testCert {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	tmpl := &x509.Certificate{
		SerialNumber: serial, Subject: pkix.Name{CommonName: name}, DNSNames: hosts,
		NotBefore: time.Now().Add(-time.Hour), NotAfter: notAfter,
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, BasicConstraintsValid: true, IsCA: ca,
	}
	if !ca {
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
	}
	signer, signerKey := tmpl, key
	if parent != nil {
		signer, signerKey = parent.cert, parent.key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, signer, &key.PublicKey, signerKey)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	return &testCert{cert: c, key: key}
}

// TestCATrustDecidesAsTheUnion: with a private CA configured, every chain is
// accepted or refused exactly as Go's verification against the union of the
// system roots and the CA would, and the system roots are loaded only for a
// chain that does not end in the CA.
func TestCATrustDecidesAsTheUnion(t *testing.T) {
	later, past := time.Now().Add(24*time.Hour), time.Now().Add(-time.Minute)
	configured := issue(t, nil, "configured CA", true, nil, later)
	system := issue(t, nil, "system CA", true, nil, later)
	unknown := issue(t, nil, "unknown CA", true, nil, later)
	intermediate := issue(t, system, "system intermediate", true, nil, later)
	host := []string{"campaign.example.com"}
	cases := []struct {
		name        string
		chain       []*x509.Certificate
		accept      bool
		loadsSystem bool
	}{
		{"leaf by the configured CA", []*x509.Certificate{issue(t, configured, "leaf", false, host, later).cert}, true, false},
		{"leaf by a system CA", []*x509.Certificate{issue(t, system, "leaf", false, host, later).cert}, true, true},
		{"leaf by a system intermediate", []*x509.Certificate{issue(t, intermediate, "leaf", false, host, later).cert, intermediate.cert}, true, true},
		{"leaf by an unknown CA", []*x509.Certificate{issue(t, unknown, "leaf", false, host, later).cert}, false, true},
		{"configured CA, other host name", []*x509.Certificate{issue(t, configured, "leaf", false, []string{"other.example.com"}, later).cert}, false, true},
		{"configured CA, expired leaf", []*x509.Certificate{issue(t, configured, "leaf", false, host, past).cert}, false, true},
		{"the configured CA itself as leaf", []*x509.Certificate{configured.cert}, false, true},
	}
	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: configured.cert.Raw})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			loads := 0
			trust, err := newCATrust(caPEM, func() (*x509.CertPool, error) {
				loads++
				p := x509.NewCertPool()
				p.AddCert(system.cert)
				return p, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			got := trust.verify(tls.ConnectionState{ServerName: "campaign.example.com", PeerCertificates: tc.chain})

			union := x509.NewCertPool()
			union.AddCert(system.cert)
			union.AddCert(configured.cert)
			inter := x509.NewCertPool()
			for _, c := range tc.chain[1:] {
				inter.AddCert(c)
			}
			_, want := tc.chain[0].Verify(x509.VerifyOptions{DNSName: "campaign.example.com", Roots: union, Intermediates: inter})
			if (got == nil) != (want == nil) || (got == nil) != tc.accept {
				t.Fatalf("caTrust decided %v, the union decides %v, want accepted: %v", got, want, tc.accept)
			}
			if (loads > 0) != tc.loadsSystem {
				t.Fatalf("system roots loaded %d time(s), want loaded: %v", loads, tc.loadsSystem)
			}
		})
	}
}
