package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/acc-terraform/terraform-provider-campaign/internal/validate"
)

var _ function.Function = (*imsMatchingMaskFunction)(nil)

// NewIMSMatchingMaskFunction is provider::campaign::ims_matching_mask.
func NewIMSMatchingMaskFunction() function.Function { return &imsMatchingMaskFunction{} }

type imsMatchingMaskFunction struct{}

func (f *imsMatchingMaskFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "ims_matching_mask"
}

func (f *imsMatchingMaskFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Conventional association mask of a tenant",
		MarkdownDescription: "Returns the association mask Adobe documents for a tenant, `Campaign - <tenant> - (.*)`, " +
			"with the tenant escaped so that it matches itself only (`acme.eu` gives `Campaign - acme\\.eu - (.*)`).",
		Parameters: []function.Parameter{
			function.StringParameter{Name: "tenant", MarkdownDescription: "Adobe Experience Cloud tenant name."},
		},
		Return: function.StringReturn{},
	}
}

func (f *imsMatchingMaskFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var tenant string
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &tenant))
	if resp.Error != nil {
		return
	}
	mask, err := validate.MaskForTenant(tenant)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, "tenant "+err.Error()+", got: "+quote(tenant))
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, mask))
}
