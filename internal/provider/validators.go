package provider

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/acc-terraform/terraform-provider-campaign/internal/validate"
)

// stringRuleValidator adapts a rule of internal/validate to a schema
// validator. Null and unknown values (e.g. from other resources or for_each)
// are skipped: they are checked when they become known.
type stringRuleValidator struct {
	rule    func(string) error
	accepts string
	// secret: the error never repeats the value.
	secret bool
}

var _ validator.String = stringRuleValidator{}

// stringRule validates with rule; accepts says in words what it accepts.
func stringRule(rule func(string) error, accepts string) stringRuleValidator {
	return stringRuleValidator{rule: rule, accepts: accepts}
}

// secretRule is stringRule for a secret: its errors never show the value.
func secretRule(rule func(string) error, accepts string) stringRuleValidator {
	return stringRuleValidator{rule: rule, accepts: accepts, secret: true}
}

func (v stringRuleValidator) Description(context.Context) string {
	return "value must be " + v.accepts
}

func (v stringRuleValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v stringRuleValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	value := req.ConfigValue.ValueString()
	// Every value a rule checks reaches Campaign in an XML document: what
	// XML 1.0 cannot carry is refused first, with its position.
	err := validate.XMLText(value)
	if err == nil {
		err = v.rule(value)
	}
	if err != nil {
		// A set element is named by its value, not by Terraform's path
		// syntax (named_rights[Value("x")]).
		if step, _ := req.Path.Steps().LastStep(); step != nil {
			if _, element := step.(path.PathStepElementKeyValue); element {
				name := req.Path.ParentPath().String()
				resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+name+" element", fmt.Sprintf("%s element %s %s", name, quote(value), err))
				return
			}
		}
		name := req.Path.String()
		if v.secret {
			resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+name, fmt.Sprintf("%s %s (the value is secret: not shown)", name, err))
			return
		}
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+name, fmt.Sprintf("%s %s, got: %s", name, err, quote(value)))
	}
}

// quote shows a user value in a message, escaped so that control characters
// stay visible. A password inside a URL (https://user:password@host) is
// masked: an error must not repeat a secret, even a misplaced one.
func quote(v string) string {
	if u, err := url.Parse(v); err == nil && u.User != nil {
		if _, hasPassword := u.User.Password(); hasPassword {
			v = u.Redacted()
		}
	}
	return strconv.Quote(v)
}

// durationString accepts a positive Go duration such as "30s".
func durationString() validator.String {
	return stringRule(func(v string) error {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return fmt.Errorf("must be a positive duration such as 30s or 2m")
		}
		return nil
	}, "a positive Go duration such as 30s or 2m")
}
