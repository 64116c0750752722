package provider

import (
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

// emptyOutcome is what a configuration that says "" gets for one string
// field of a record type, by the rule of emptyIsNull.
func emptyOutcome(t *testing.T, c recordCase, f campaign.Field) (refused bool) {
	t.Helper()
	s := c.schema().Schema
	a, ok := s.Attributes[f.Terraform].(schema.StringAttribute)
	if !ok {
		t.Fatalf("%s is not a string attribute", f.Terraform)
	}
	if validateString(s, f.Terraform, "").HasError() && a.IsOptional() {
		// Refused at plan, so no configuration says "": an empty Campaign
		// value reads as null, which a generated configuration
		// (-generate-config-out, OpenTofu writing what the state holds)
		// leaves out rather than writing a value its own plan refuses.
		model := c.model()
		var diags diag.Diagnostics
		recordToModel(c.kind, campaign.Record{f.Campaign: ""}, model, &diags)
		if got, _ := modelAttributes(model)[f.Terraform].Interface().(types.String); !got.IsNull() {
			t.Errorf("%s refuses \"\" at plan, so an empty Campaign value must read as null, got %v", f.Terraform, got)
		}
		return true
	}
	if validateString(s, f.Terraform, "").HasError() {
		return true // required: no configuration says "", and it reads as "" until one sets it
	}
	if a.IsOptional() && !a.IsComputed() {
		t.Errorf("%s is optional and not computed, so an empty Campaign value reads as null: its validators must refuse \"\" at plan "+
			"(else a configuration saying \"\" gets null back: an inconsistent result)", f.Terraform)
	}
	model := c.model()
	var diags diag.Diagnostics
	recordToModel(c.kind, campaign.Record{f.Campaign: ""}, model, &diags)
	got, _ := modelAttributes(model)[f.Terraform].Interface().(types.String)
	if diags.HasError() || !got.Equal(types.StringValue("")) {
		t.Errorf("%s accepts \"\" at plan, so an empty Campaign value must read as \"\", got %v (%v)", f.Terraform, got, diags)
	}
	return false
}

// textFields are the string fields of a record type (secrets included).
func textFields(rt *campaign.RecordType) []campaign.Field {
	return slices.DeleteFunc(slices.Clone(rt.Fields), func(f campaign.Field) bool { return f.Kind != campaign.Text && f.Kind != campaign.Secret })
}

// TestEmptyValues holds every string field of every record type to the one
// rule for "": refused at plan, or read back as "" (so that a module's
// optional(string, "") applies and plans empty, after a create, an update
// and an import alike). It is generated from the record types' fields: a
// new attribute is covered without editing it. TestAccEmptyValues drives
// each accepted "" through Terraform.
func TestEmptyValues(t *testing.T) {
	for _, c := range recordCases() {
		for _, f := range textFields(c.kind.rt) {
			t.Run(c.kind.rt.Kind+"/"+f.Terraform, func(t *testing.T) {
				refused := emptyOutcome(t, c, f)
				t.Logf("%s = \"\": refused at plan: %v", f.Terraform, refused)
			})
		}
	}
}

// TestFreeTextCarriedByXML: every string attribute a configuration sets on
// a record resource refuses, at plan, the characters XML 1.0 cannot carry
// (they would reach Campaign as U+FFFD), naming the attribute and the
// position, and never repeating a secret.
func TestFreeTextCarriedByXML(t *testing.T) {
	for _, c := range recordCases() {
		s := c.schema().Schema
		for name, a := range s.Attributes {
			sa, ok := a.(schema.StringAttribute)
			if !ok || (!sa.IsOptional() && !sa.IsRequired()) {
				continue
			}
			t.Run(c.kind.rt.Kind+"/"+name, func(t *testing.T) {
				for _, v := range []string{"ab\x07cd", "ab\x1bcd", "ab\xffcd"} {
					diags := validateString(s, name, v)
					if !diags.HasError() {
						t.Fatalf("%s accepts %q", name, v)
					}
					named := false
					for _, d := range diags.Errors() {
						named = named || (strings.Contains(d.Detail(), name+" ") && strings.Contains(d.Detail(), "at character 3"))
						if sa.IsSensitive() && strings.Contains(d.Detail(), "cd") {
							t.Errorf("%s is secret, and its error repeats the value: %s", name, d.Detail())
						}
					}
					if !named {
						t.Errorf("%s: no error names the attribute and the position: %v", name, diags)
					}
				}
			})
		}
	}
}

// TestAccEmptyValues drives "" through Terraform for every string field of
// every record type (generated from their fields, as TestEmptyValues): a
// value refused at plan is refused with an error that names the attribute,
// before any call; an accepted one is created as "", set, cleared with ""
// again, and imported, each with an empty plan after it.
func TestAccEmptyValues(t *testing.T) {
	for _, c := range recordCases() {
		for _, f := range textFields(c.kind.rt) {
			if f.Kind == campaign.Secret || f.Terraform == c.kind.keyAttr {
				continue
			}
			t.Run(c.kind.rt.Kind+"/"+f.Terraform, func(t *testing.T) {
				srv := startEmulator(t, c.instance)
				config := func(v string) string {
					return providerConfig(srv) + c.block(map[string]string{f.Terraform: hclString(v)})
				}
				if emptyOutcome(t, c, f) {
					resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testAccProviders, Steps: []resource.TestStep{
						{Config: config(""), PlanOnly: true, ExpectError: errorLike(f.Terraform)},
					}})
					if s := srv.Emulator.Stats(); s.Total != 0 {
						t.Fatalf("a plan refused at validation sent %d SOAP call(s): %v", s.Total, s.ByAction)
					}
					return
				}
				empty := []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}
				isEmpty := statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New(f.Terraform), knownvalue.StringExact(""))
				resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testAccProviders, Steps: []resource.TestStep{
					{Config: config(""), ConfigStateChecks: []statecheck.StateCheck{isEmpty},
						ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: empty}},
					{Config: config("set"), ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(c.addr(), tfjsonpath.New(f.Terraform), knownvalue.StringExact("set"))}},
					{Config: config(""), ConfigStateChecks: []statecheck.StateCheck{isEmpty},
						ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: empty}},
					{Config: config(""), ResourceName: c.addr(), ImportState: true, ImportStateId: c.importID(),
						ImportStateKind: resource.ImportBlockWithID, ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(c.addr(), plancheck.ResourceActionNoop)}}},
				}})
			})
		}
	}
}
