package campaign

// Redact exposes the redaction of server texts to the external tests.
func (c *Client) Redact(s string) string { return c.redact(s) }
