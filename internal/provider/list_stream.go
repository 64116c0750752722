package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

// List resources (Terraform >= 1.14): `terraform query` finds what exists on
// an instance and generates import blocks and configuration for it. The
// resource types list themselves, each in the file beside its resource
// (*_list_resource.go), through streamNamed.

// streamNamed is the List of every resource type that lists itself: the
// client's list (its error ends the stream), then one result per item,
// named and identified by its key (its identity attribute keyAttr: the
// internal name, or the login), and with include_resource the model that
// toModel fills from the item.
func streamNamed[T any](ctx context.Context, req list.ListRequest, stream *list.ListResultsStream, client *campaign.Client,
	doing, keyAttr string, items []T, err error, name func(T) string, toModel func(T, *diag.Diagnostics) any) {
	if err != nil {
		var diags diag.Diagnostics
		addClientError(&diags, client, doing, err)
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		for _, item := range items {
			result := req.NewListResult(ctx)
			result.DisplayName = name(item)
			setIdentity(ctx, result.Identity, keyAttr, name(item), &result.Diagnostics)
			if req.IncludeResource {
				if model := toModel(item, &result.Diagnostics); !result.Diagnostics.HasError() {
					result.Diagnostics.Append(result.Resource.Set(ctx, model)...)
				}
			}
			if !push(result) {
				return
			}
		}
	}
}

// recordName is the internal name of a record, for streamNamed.
func recordName(r campaign.Record) string { return r.Name() }
