package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
	"github.com/acc-terraform/terraform-provider-campaign/internal/validate"
)

// The plan-time rules that the attributes of every record type share,
// written once (each rule's table test is in internal/validate).
var (
	// printableRule: labels and other one-line texts Campaign shows.
	printableRule = []validator.String{stringRule(validate.PrintableText, validate.PrintableTextAccepts)}
	// xmlTextRule: free text that may span lines (a description): what
	// XML 1.0 can carry, and nothing more is asked.
	xmlTextRule = []validator.String{stringRule(validate.XMLText, validate.XMLTextAccepts)}
	// secretTextRule: a secret sent in a SOAP call (EncryptPassword):
	// what XML 1.0 can carry, never shown in an error.
	secretTextRule = []validator.String{secretRule(validate.XMLText, validate.XMLTextAccepts)}
	// namedRightRule: one named right, an internal name such as report.
	namedRightRule = []validator.String{stringRule(withExample(validate.InternalName, "report"), validate.InternalNameAccepts)}
)

// internalNameRule is the rule of a record's internal name, whose error
// gives an internal name of that record type as the example.
func internalNameRule(rt *campaign.RecordType) []validator.String {
	return []validator.String{stringRule(withExample(validate.InternalName, rt.Example), validate.InternalNameAccepts)}
}

// withExample adds ", e.g. example" to the rule's error.
func withExample(rule func(string) error, example string) func(string) error {
	return func(v string) error {
		if err := rule(v); err != nil {
			return exampleError{err: err, example: example}
		}
		return nil
	}
}

type exampleError struct {
	err     error
	example string
}

func (e exampleError) Error() string { return e.err.Error() + ", e.g. " + e.example }
func (e exampleError) Unwrap() error { return e.err }

// validateString runs every validator of the string attribute name of s on
// v, in a configuration that sets nothing else, as Terraform's validation
// does: what a plan says of that value.
func validateString(s schema.Schema, name, v string) diag.Diagnostics {
	ctx := context.Background()
	a, _ := s.Attributes[name].(schema.StringAttribute)
	state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}
	diags := state.SetAttribute(ctx, path.Root(name), v)
	config := tfsdk.Config{Schema: s, Raw: state.Raw}
	for _, val := range a.StringValidators() {
		var resp validator.StringResponse
		val.ValidateString(ctx, validator.StringRequest{Path: path.Root(name), ConfigValue: types.StringValue(v), Config: config}, &resp)
		diags.Append(resp.Diagnostics...)
	}
	return diags
}
