package provider

import (
	"context"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

// Sessions are the Campaign clients one provider process built (one per
// provider configuration), so that their sessions can be logged off when
// Terraform stops or shuts down the plugin: a Logon session would otherwise
// stay valid on the instance until it expires (24 h by default). Most are
// logged off before that, by the clients themselves once idle
// (campaign.Config.IdleLogoff): Terraform closes plugins one at a time, so
// what is left to send at exit is paid in a row.
type Sessions struct {
	mu         sync.Mutex
	clients    []*campaign.Client
	idleLogoff time.Duration
}

// NewSessions returns an empty registry; main owns it for the process.
// idleLogoff is the clients' campaign.Config.IdleLogoff (0: the default).
func NewSessions(idleLogoff time.Duration) *Sessions { return &Sessions{idleLogoff: idleLogoff} }

// IdleLogoff is what the clients of this registry are built with. Without
// a registry (the in-process provider of the acceptance tests, whose
// process outlives every command), clients log off at Close only, so that
// the calls those tests count do not depend on the machine's load; the idle
// Logoff is tested on the client and through the built binary.
func (s *Sessions) IdleLogoff() time.Duration {
	if s == nil {
		return -1
	}
	return s.idleLogoff
}

func (s *Sessions) add(c *campaign.Client) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clients = append(s.clients, c)
}

// Close logs off the sessions of every client, in parallel, within ctx (or
// campaign.LogoffTimeout each when ctx has no deadline). Clients are closed
// once: a later call finds none.
func (s *Sessions) Close(ctx context.Context) {
	s.mu.Lock()
	clients := s.clients
	s.clients = nil
	s.mu.Unlock()
	var wg sync.WaitGroup
	for _, c := range clients {
		wg.Go(func() { c.Close(ctx) })
	}
	wg.Wait()
}

// frameworkServer is what the framework serves: every provider call, list
// resources included (their RPCs are not yet part of tfprotov6.ProviderServer).
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
}

// stoppingServer adds the logoff to StopProvider; every other call goes to
// the framework's server as it is (list resources included).
type stoppingServer struct {
	frameworkServer
	sessions *Sessions
}

func (s *stoppingServer) StopProvider(ctx context.Context, req *tfprotov6.StopProviderRequest) (*tfprotov6.StopProviderResponse, error) {
	// The framework cancels the calls in flight first, so none opens a new
	// session while the open ones are logged off.
	resp, err := s.frameworkServer.StopProvider(ctx, req)
	s.sessions.Close(context.WithoutCancel(ctx))
	return resp, err
}
