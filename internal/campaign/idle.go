package campaign

import (
	"context"
	"sync"
	"time"
)

// Why sessions are logged off when idle: Terraform closes provider
// processes one at a time, each waiting for the previous one to exit, so a
// Logoff sent at exit costs one round trip per instance in a row at the end
// of every command. Logged off while idle, the processes close their
// sessions in parallel, and exit has little or nothing left to send.
//
// When: a remote instance only (RemoteRoundTrip). Against a near one a Logoff at exit costs
// next to nothing, and a Logoff sent in one of Terraform's own gaps between
// two calls (state writes, evaluating the next resource: milliseconds, tens
// on a loaded machine) costs one more Logon later.
const (
	// DefaultIdleLogoff is the quiet period on a remote instance. Why not
	// longer: the first process Terraform closes logs off at Close anyway,
	// and each later one waits for its own idle Logoff, so what this adds
	// to a command is once this duration, not once per instance.
	DefaultIdleLogoff = 50 * time.Millisecond
	// RemoteRoundTrip: an instance whose fastest answer so far (the Logon,
	// which opens the connection, left out) took at least this long is
	// remote; below it, sessions are logged off at Close only (unless
	// Config.IdleLogoff is set). Remote instances answer in 50 ms or more; a
	// near one on a loaded machine may take a few tens of milliseconds now
	// and then, never on every call.
	RemoteRoundTrip = 30 * time.Millisecond
)

// idleState counts the calls in flight and logs the sessions off once
// there has been none for Config.IdleLogoff. Its lock comes before auth.mu
// (the idle Logoff takes the sessions under both, so that no call can pick
// up a session being logged off) and is never held across a network call.
type idleState struct {
	mu       sync.Mutex
	after    time.Duration // Config.IdleLogoff: 0 adaptive, < 0 never (Close only)
	inFlight int
	// fastest is the shortest single-attempt SOAP round trip so far (0: none yet).
	fastest time.Duration
	timer   *time.Timer
	// logCtx is the last finished call's context without its cancellation:
	// the background Logoff logs where the calls log (Terraform's log).
	logCtx context.Context
	// logoffs are the background Logoffs still running; Close waits for them.
	logoffs sync.WaitGroup
}

// busy marks one call in flight until the returned func is called: no idle
// Logoff runs meanwhile, and the quiet period restarts when the last ends.
func (c *Client) busy(ctx context.Context) (done func()) {
	c.idle.mu.Lock()
	c.idle.inFlight++
	if c.idle.timer != nil {
		c.idle.timer.Stop()
	}
	c.idle.mu.Unlock()
	return func() {
		c.idle.mu.Lock()
		defer c.idle.mu.Unlock()
		c.idle.inFlight--
		c.idle.logCtx = context.WithoutCancel(ctx)
		quiet, ok := c.quietPeriod()
		if c.idle.inFlight > 0 || !ok {
			return
		}
		if c.idle.timer == nil {
			c.idle.timer = time.AfterFunc(quiet, c.logoffIdle)
			return
		}
		c.idle.timer.Reset(quiet)
	}
}

// quietPeriod is how long to wait idle before logging off, and false when
// the client logs off at Close only. Caller holds idle.mu.
func (c *Client) quietPeriod() (time.Duration, bool) {
	switch {
	case c.idle.after > 0:
		return c.idle.after, true
	case c.idle.after < 0 || c.idle.fastest < RemoteRoundTrip:
		return 0, false
	}
	return DefaultIdleLogoff, true
}

// noteRoundTrip records how long one SOAP attempt took: the fastest tells a
// remote instance from a near one (a slow answer on a loaded machine does
// not make a near instance remote).
func (c *Client) noteRoundTrip(d time.Duration) {
	c.idle.mu.Lock()
	defer c.idle.mu.Unlock()
	if c.idle.fastest == 0 || d < c.idle.fastest {
		c.idle.fastest = d
	}
}

// logoffIdle runs when the quiet period ends: if still nothing is in flight,
// the open sessions are taken (the next call logs on again) and logged off
// in the background.
func (c *Client) logoffIdle() {
	c.idle.mu.Lock()
	defer c.idle.mu.Unlock()
	if c.idle.inFlight > 0 {
		return
	}
	c.auth.mu.Lock()
	sessions := c.auth.open
	if c.auth.closed || len(sessions) == 0 {
		c.auth.mu.Unlock()
		return
	}
	c.auth.open, c.auth.current = nil, nil
	c.auth.mu.Unlock()
	ctx := c.idle.logCtx
	c.idle.logoffs.Go(func() {
		ctx, cancel := context.WithTimeout(ctx, LogoffTimeout)
		defer cancel()
		c.cfg.Logger.Debug(ctx, "Campaign client idle: logging its session off in the background", nil)
		c.logoff(ctx, sessions)
	})
}

// logContext is the context of the last finished call, for log lines sent
// after it (ctx when there was none).
func (c *Client) logContext(ctx context.Context) context.Context {
	c.idle.mu.Lock()
	defer c.idle.mu.Unlock()
	if c.idle.logCtx != nil {
		return c.idle.logCtx
	}
	return ctx
}

// stopIdle stops the quiet-period timer and waits, within ctx, for the
// background Logoffs still running. Close calls it.
func (c *Client) stopIdle(ctx context.Context) {
	c.idle.mu.Lock()
	if c.idle.timer != nil {
		c.idle.timer.Stop()
	}
	c.idle.mu.Unlock()
	finished := make(chan struct{})
	go func() {
		c.idle.logoffs.Wait()
		close(finished)
	}()
	select {
	case <-finished:
	case <-ctx.Done():
		c.cfg.Logger.Warn(ctx, "Campaign Logoff still unanswered at exit; the session ends at its expiry", map[string]any{"error": ctx.Err().Error()})
	}
}
