package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// defaultOnCreate is a default that applies only when Terraform creates the
// object. A schema Default would also apply to an imported object whose
// Campaign value is empty, so adopting a console-made account would plan a
// Write; with this modifier an unset attribute keeps what Campaign stores.
type defaultOnCreate struct{ value string }

var _ planmodifier.String = defaultOnCreate{}

func stringDefaultOnCreate(value string) planmodifier.String { return defaultOnCreate{value: value} }

func (m defaultOnCreate) Description(context.Context) string {
	return "when unset, " + m.value + " on create; an existing (imported) account keeps its value"
}

func (m defaultOnCreate) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (m defaultOnCreate) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !req.ConfigValue.IsNull() || req.Plan.Raw.IsNull() {
		return // configured, or the object is being destroyed
	}
	if req.State.Raw.IsNull() {
		resp.PlanValue = types.StringValue(m.value)
		return
	}
	resp.PlanValue = req.StateValue
}

// keepUnsetOnUpdate leaves an unset computed attribute unknown when the
// object is created (the instance decides its value) and keeps the stored
// value afterwards, so that neither an import nor a refresh plans a change.
type keepUnsetOnUpdate struct{}

func stringKeepUnsetOnUpdate() planmodifier.String { return keepUnsetOnUpdate{} }

func (keepUnsetOnUpdate) Description(context.Context) string {
	return "when unset, known after create; an existing account keeps its value"
}

func (m keepUnsetOnUpdate) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (keepUnsetOnUpdate) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !req.ConfigValue.IsNull() || req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return
	}
	resp.PlanValue = req.StateValue
}
