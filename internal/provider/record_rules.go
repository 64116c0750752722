package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

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
