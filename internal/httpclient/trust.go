package httpclient

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"sync"
)

// caTrust verifies the instance's certificate chain when a private CA is
// configured. The trusted set is the union of the system roots and the CA,
// exactly as tls.Config.RootCAs = system + CA would make it, but a chain
// that ends in the given CA (the reason to configure one) is verified
// against the CA alone: the system roots, which cost milliseconds to load
// in every provider process, are loaded only when that fails. Every
// decision is the union's (TestCATrustDecidesAsTheUnion): the second
// verification, against the union, is the one that refuses.
type caTrust struct {
	pem    []byte
	ca     *x509.CertPool
	system func() (*x509.CertPool, error) // x509.SystemCertPool, replaced in tests

	once  sync.Once
	union *x509.CertPool
}

func newCATrust(pem []byte, system func() (*x509.CertPool, error)) (*caTrust, error) {
	ca := x509.NewCertPool()
	if !ca.AppendCertsFromPEM(pem) {
		return nil, errors.New("the CA certificate is not a valid PEM certificate")
	}
	return &caTrust{pem: pem, ca: ca, system: system}, nil
}

// verify is tls.Config.VerifyConnection: the checks of Go's own verification
// (chain to a trusted root, the server name, validity, server-auth usage).
func (t *caTrust) verify(cs tls.ConnectionState) error {
	if len(cs.PeerCertificates) == 0 {
		return errors.New("tls: the server sent no certificate")
	}
	intermediates := x509.NewCertPool()
	for _, c := range cs.PeerCertificates[1:] {
		intermediates.AddCert(c)
	}
	opts := x509.VerifyOptions{DNSName: cs.ServerName, Intermediates: intermediates, Roots: t.ca}
	if _, err := cs.PeerCertificates[0].Verify(opts); err == nil {
		return nil
	}
	opts.Roots = t.unionPool()
	_, err := cs.PeerCertificates[0].Verify(opts)
	return err
}

func (t *caTrust) unionPool() *x509.CertPool {
	t.once.Do(func() {
		pool, err := t.system()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		pool.AppendCertsFromPEM(t.pem)
		t.union = pool
	})
	return t.union
}

// TLSConfig is the client's TLS configuration: Go's verification against
// the system roots, or, with a private CA, caTrust's.
func TLSConfig(caPEM []byte) (*tls.Config, error) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if len(caPEM) == 0 {
		return cfg, nil
	}
	trust, err := newCATrust(caPEM, x509.SystemCertPool)
	if err != nil {
		return nil, err
	}
	// Go's own check is replaced, not dropped: VerifyConnection runs on
	// every handshake and refuses what RootCAs = system + CA would refuse.
	cfg.InsecureSkipVerify = true //nolint:gosec // verification is caTrust.verify, see above
	cfg.VerifyConnection = trust.verify
	return cfg, nil
}
