package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/acc-terraform/terraform-provider-campaign/internal/validate"
)

var _ function.Function = (*imsProductProfileFunction)(nil)

// NewIMSProductProfileFunction is provider::campaign::ims_product_profile.
func NewIMSProductProfileFunction() function.Function { return &imsProductProfileFunction{} }

type imsProductProfileFunction struct{}

func (f *imsProductProfileFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "ims_product_profile"
}

func (f *imsProductProfileFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Admin Console product-profile name that an association mask maps to an operator group",
		MarkdownDescription: "The inverse of `ims_group_name`: the name to give the product profile in the Adobe Admin Console so that the association mask " +
			"maps it to the Campaign operator group `group`. Example: `ims_product_profile(\"Campaign - acme - (.*)\", \"admins\")` is " +
			"`\"Campaign - acme - admins\"`. Only a mask of literal text around `(.*)` or `(.+)` can be inverted; any other mask is an error that says why.",
		Parameters: []function.Parameter{
			function.StringParameter{Name: "mask", MarkdownDescription: "Association mask: literal text around one `(.*)` or `(.+)` capture."},
			function.StringParameter{Name: "group", MarkdownDescription: "Internal name of the Campaign operator group."},
		},
		Return: function.StringReturn{},
	}
}

func (f *imsProductProfileFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var mask, group string
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &mask, &group))
	if resp.Error != nil {
		return
	}
	profile, err := validate.ProductProfile(mask, group)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, "mask "+err.Error()+", got: "+quote(mask))
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, profile))
}
