package provider

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

// fakePrivate is a private state: keys set to nil are removed, as the
// framework does.
type fakePrivate map[string][]byte

func (p fakePrivate) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	return p[key], nil
}

func (p fakePrivate) SetKey(_ context.Context, key string, value []byte) diag.Diagnostics {
	if len(value) == 0 {
		delete(p, key)
		return nil
	}
	p[key] = value
	return nil
}

// TestRecordHintKeys: a state written by a version whose hint key was
// "account_hint" keeps its hint; the next write moves it to the neutral
// key and leaves the old one empty.
func TestRecordHintKeys(t *testing.T) {
	ctx := context.Background()
	var diags diag.Diagnostics
	old := campaign.Hint{Type: 24, Attributes: []string{"name", "label"}}
	private := fakePrivate{"account_hint": old.Bytes()}
	if got := readHint(ctx, private, &diags); got.Type != 24 || !slices.Equal(got.Attributes, old.Attributes) {
		t.Fatalf("hint under the old key: read %+v, want %+v", got, old)
	}
	writeHint(ctx, private, campaign.Hint{Attributes: []string{"name"}}, &diags)
	if _, ok := private["account_hint"]; ok || private["record_hint"] == nil {
		t.Fatalf("after a write: %v; want the hint under record_hint only", private)
	}
	if got := readHint(ctx, private, &diags); got.Type != 0 || !slices.Equal(got.Attributes, []string{"name"}) {
		t.Fatalf("hint under the new key: read %+v", got)
	}
	if diags.HasError() {
		t.Fatal(diags)
	}
}
