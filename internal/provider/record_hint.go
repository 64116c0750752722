package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

// The private-state hint of every record resource: the bytes of
// campaign.Hint, what a read learnt of the instance (see campaign.Hint for
// what it saves), so that the next refresh needs no schema read.
const (
	privateHint = "record_hint"
	// legacyPrivateHint is the key of provider versions whose only record
	// was the account; read when the new key is absent, never written.
	legacyPrivateHint = "account_hint"
)

// privateGetter and privateSetter are the private state of a request and of
// a response (the framework has one type per RPC).
type (
	privateGetter interface {
		GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	}
	privateSetter interface {
		SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
	}
)

// readHint returns the hint kept in private state, or an empty one.
func readHint(ctx context.Context, private privateGetter, diags *diag.Diagnostics) campaign.Hint {
	raw, d := private.GetKey(ctx, privateHint)
	diags.Append(d...)
	if len(raw) == 0 {
		raw, d = private.GetKey(ctx, legacyPrivateHint)
		diags.Append(d...)
	}
	return campaign.ParseHint(raw)
}

// writeHint keeps what this client knows of the instance, under the new key
// only (the old one, if any, is left empty).
func writeHint(ctx context.Context, private privateSetter, h campaign.Hint, diags *diag.Diagnostics) {
	diags.Append(private.SetKey(ctx, privateHint, h.Bytes())...)
	diags.Append(private.SetKey(ctx, legacyPrivateHint, nil)...)
}
