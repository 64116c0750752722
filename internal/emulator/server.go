package emulator

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// Server is an emulator listening on a socket, over TLS or plain HTTP.
type Server struct {
	URL      string
	CAPEM    []byte    // the CA that signed the server certificate (TLS only)
	Emulator *Emulator // nil for another handler (Serve)

	srv *http.Server
	ln  net.Listener
}

// TLSMode chooses how a Server serves.
type TLSMode struct {
	Enabled bool
	// CertFile/KeyFile give a certificate; empty means a fresh self-signed CA
	// and a server certificate for 127.0.0.1, ::1 and localhost.
	CertFile, KeyFile string
}

// Listen serves e on addr ("127.0.0.1:0" picks a free port).
func Listen(addr string, e *Emulator, mode TLSMode) (*Server, error) {
	s, err := Serve(addr, e, mode)
	if err != nil {
		return nil, err
	}
	s.Emulator = e
	return s, nil
}

// Serve serves any handler (the Adobe emulator too) as Listen does.
func Serve(addr string, h http.Handler, mode TLSMode) (*Server, error) {
	ln, err := new(net.ListenConfig).Listen(context.Background(), "tcp", addr)
	if err != nil {
		return nil, err
	}
	s := &Server{ln: ln, srv: &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		// HTTP/1.1 only: dropped-connection faults behave like a real proxy's.
		TLSNextProto: map[string]func(*http.Server, *tls.Conn, http.Handler){},
		ErrorLog:     log.New(io.Discard, "", 0), // refused TLS handshakes are expected in tests
	}}
	scheme := "http"
	if mode.Enabled {
		scheme = "https"
		var cert tls.Certificate
		if mode.CertFile != "" {
			cert, err = tls.LoadX509KeyPair(mode.CertFile, mode.KeyFile)
		} else {
			cert, s.CAPEM, err = NewCertificate()
		}
		if err != nil {
			_ = ln.Close()
			return nil, err
		}
		s.srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		ln = tls.NewListener(ln, s.srv.TLSConfig)
	}
	s.URL = fmt.Sprintf("%s://%s", scheme, ln.Addr().String())
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// Close stops the server, waiting briefly for requests in flight.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if s.Emulator != nil {
		s.Emulator.adobe.CloseIdleConnections() // its connections to the Adobe emulator
	}
	if err := s.srv.Shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return s.srv.Close()
	}
	return nil
}

// NewCertificate creates a throw-away CA and a server certificate it signs,
// valid for 127.0.0.1, ::1 and localhost. It returns the CA in PEM, which a
// client passes as its trusted CA: verification is never switched off.
func NewCertificate() (tls.Certificate, []byte, error) {
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	now := time.Now()
	caTmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(now.UnixNano()),
		Subject:               pkix.Name{CommonName: "Campaign emulator CA", Organization: []string{"terraform-provider-campaign"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(30 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	ca, _ := x509.ParseCertificate(caDER)
	leafKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	leafTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(now.UnixNano() + 1),
		Subject:      pkix.Name{CommonName: "localhost"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(30 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1"), net.IPv6loopback},
	}
	leafDER, err := x509.CreateCertificate(rand.Reader, leafTmpl, ca, &leafKey.PublicKey, caKey)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})
	return tls.Certificate{Certificate: [][]byte{leafDER}, PrivateKey: leafKey}, caPEM, nil
}

// RunUntilSignal is the end of an emulator command: the server's CA written
// to caOut when asked ("" for none; needs the server's own CA), the
// "listening on URL" line scripts read first on standard output, then
// serving until SIGINT or SIGTERM.
func (s *Server) RunUntilSignal(caOut string, announce ...func()) error {
	if caOut != "" {
		if s.CAPEM == nil {
			return errors.New("-ca-out needs -tls with the emulator's own CA (not -cert)")
		}
		if err := os.WriteFile(caOut, s.CAPEM, 0o644); err != nil { //nolint:gosec // a CA certificate is public; the provider and users read it
			return err
		}
	}
	fmt.Printf("listening on %s\n", s.URL)
	for _, a := range announce {
		a() // after the first line, which scripts wait for
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	<-stop
	return s.Close()
}
