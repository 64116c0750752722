package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/acc-terraform/terraform-provider-campaign/internal/validate"
)

var _ function.Function = (*imsGroupNameFunction)(nil)

// NewIMSGroupNameFunction is provider::campaign::ims_group_name.
func NewIMSGroupNameFunction() function.Function { return &imsGroupNameFunction{} }

type imsGroupNameFunction struct{}

func (f *imsGroupNameFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "ims_group_name"
}

func (f *imsGroupNameFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Campaign operator group that an Admin Console product profile maps to",
		MarkdownDescription: "Applies an association mask (`matching_mask`) to an Adobe Admin Console product profile name, as Campaign does when an operator logs in " +
			"with an Adobe ID, and returns the internal name of the Campaign operator group it maps to, or `null` when the profile does not match. " +
			"The mask must match the whole profile name. Example: `ims_group_name(\"Campaign - acme - (.*)\", \"Campaign - acme - admins\")` is `\"admins\"`.",
		Parameters: []function.Parameter{
			function.StringParameter{Name: "mask", MarkdownDescription: "Association mask: a regular expression with exactly one capturing group."},
			function.StringParameter{Name: "profile", MarkdownDescription: "Product profile name in the Adobe Admin Console."},
		},
		Return: function.StringReturn{},
	}
}

func (f *imsGroupNameFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var mask, profile string
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &mask, &profile))
	if resp.Error != nil {
		return
	}
	group, ok, err := validate.GroupName(mask, profile)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, "mask "+err.Error()+", got: "+quote(mask))
		return
	}
	result := types.StringNull()
	if ok {
		result = types.StringValue(group)
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, result))
}
