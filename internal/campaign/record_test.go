package campaign_test

import (
	"context"
	"testing"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
)

// TestDescriptionsMatchTheEmulatorSchemas holds the client's record
// descriptions against the schemas the emulator serves (its own copy: it
// plays Campaign and must not share the client's guesses). Every field the
// client writes is in the emulated build's schema, under the console label
// the description gives; a new field that one side lacks fails here.
func TestDescriptionsMatchTheEmulatorSchemas(t *testing.T) {
	srv := start(t, emulator.Config{})
	c := clientFor(t, srv, nil)
	for _, rt := range campaign.RecordTypes() {
		t.Run(rt.Schema, func(t *testing.T) {
			schema, err := c.SchemaOf(context.Background(), rt)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range rt.Fields {
				if !schema.Has(f) {
					t.Errorf("the emulator's %s has no %s (%s)", rt.Schema, f.Path(rt.Schema), f.Terraform)
					continue
				}
				if label := schema.Attributes[f.Campaign]; label != f.Console && f.Kind != campaign.Collection {
					t.Errorf("%s: the emulator labels it %q, the description %q", f.Path(rt.Schema), label, f.Console)
				}
			}
			for _, a := range rt.ReadOnly {
				if !schema.HasAttribute(a) {
					t.Errorf("the emulator's %s has no read-only %s", rt.Schema, a)
				}
			}
		})
	}
}
