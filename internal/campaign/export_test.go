package campaign

import "context"

// Redact exposes the redaction of server texts to the external tests.
func (c *Client) Redact(s string) string { return c.redact(s) }

// SchemaOf exposes the schema read to the external tests.
func (c *Client) SchemaOf(ctx context.Context, rt *RecordType) (*Schema, error) {
	return c.schemaOf(ctx, rt)
}

// Closest is the suggestion rule of UndefinedRightError.
var Closest = closest
