package provider

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

// TestRecordMappings holds, for each record type, every field of its
// campaign.RecordType to its resource: the model has an attribute of the
// field's Terraform name, of the Go type the field's kind converts to, and
// the resource's schema has that attribute with the matching schema type.
// A new record type is one row; a new field that breaks a rule fails here,
// before any acceptance test.
func TestRecordMappings(t *testing.T) {
	modelType := map[campaign.FieldKind]reflect.Type{
		campaign.Text: reflect.TypeFor[types.String](), campaign.Secret: reflect.TypeFor[types.String](),
		campaign.Flag: reflect.TypeFor[types.Bool](), campaign.CommaList: reflect.TypeFor[types.List](),
		campaign.Collection: reflect.TypeFor[types.Set](),
	}
	schemaType := map[campaign.FieldKind]reflect.Type{
		campaign.Text: reflect.TypeFor[schema.StringAttribute](), campaign.Secret: reflect.TypeFor[schema.StringAttribute](),
		campaign.Flag: reflect.TypeFor[schema.BoolAttribute](), campaign.CommaList: reflect.TypeFor[schema.ListAttribute](),
		campaign.Collection: reflect.TypeFor[schema.SetAttribute](),
	}
	for _, tc := range recordCases() {
		t.Run(tc.kind.rt.Kind, func(t *testing.T) {
			resp := tc.schema()
			attrs := modelAttributes(tc.model())
			for _, f := range tc.kind.rt.Fields {
				want, ok := modelType[f.Kind]
				if !ok {
					t.Fatalf("%s: kind %d has no model type in this test", f.Terraform, f.Kind)
				}
				v, ok := attrs[f.Terraform]
				switch {
				case !ok:
					t.Errorf("%s (%s): the model has no attribute of that name", f.Terraform, f.Campaign)
				case v.Type() != want:
					t.Errorf("%s: the model holds %s, the field's kind converts to %s", f.Terraform, v.Type(), want)
				}
				a, ok := resp.Schema.Attributes[f.Terraform]
				switch {
				case !ok:
					t.Errorf("%s: the resource's schema has no attribute of that name", f.Terraform)
				case reflect.TypeOf(a) != schemaType[f.Kind]:
					t.Errorf("%s: the schema declares %T, the field's kind needs %s", f.Terraform, a, schemaType[f.Kind])
				}
			}
			for name := range tc.kind.nullWhenEmpty {
				if _, ok := resp.Schema.Attributes[name]; !ok {
					t.Errorf("attribute %s (null when empty) is not in the schema", name)
				}
			}
			if _, ok := resp.Schema.Attributes[tc.kind.keyAttr]; !ok {
				t.Errorf("the key attribute %s is not in the schema", tc.kind.keyAttr)
			}
		})
	}
}

// TestRecordMappingErrors: a model that lacks a field, or holds it in a
// type no kind converts to, is reported, never skipped.
func TestRecordMappingErrors(t *testing.T) {
	type lacking struct {
		Name types.String `tfsdk:"name"`
	}
	type wrongType struct {
		Name        types.String `tfsdk:"name"`
		Label       types.Int64  `tfsdk:"label"`
		Description types.String `tfsdk:"description"`
		NamedRights types.Set    `tfsdk:"named_rights"`
	}
	for name, model := range map[string]any{"lacking": &lacking{Name: types.StringValue("g")}, "wrong type": &wrongType{Name: types.StringValue("g"), Label: types.Int64Value(1)}} {
		t.Run(name, func(t *testing.T) {
			var toDiags, fromDiags diag.Diagnostics
			modelToRecord(context.Background(), groupResource.rt, model, &toDiags)
			recordToModel(groupResource, campaign.Record{"name": "g", "label": "L"}, model, &fromDiags)
			if !toDiags.HasError() || !fromDiags.HasError() {
				t.Fatalf("modelToRecord: %v; recordToModel: %v; want an error from each", toDiags, fromDiags)
			}
		})
	}
}
