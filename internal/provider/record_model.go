package provider

import (
	"context"
	"fmt"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

// The models of the record resources hold one Terraform attribute per field
// of their campaign.RecordType, under the field's Terraform name (tfsdk
// tag). These functions convert between a model and a campaign.Record by
// that description, so that a new attribute needs no conversion code: its
// field in the client and its schema attribute (with the model field) in
// the resource file.

// modelAttributes finds the attribute values of a model (a pointer to a
// struct with tfsdk tags, embedded structs included) by Terraform name.
func modelAttributes(model any) map[string]reflect.Value {
	out := map[string]reflect.Value{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		for i := range v.NumField() {
			f := v.Type().Field(i)
			switch {
			case f.Anonymous && f.Type.Kind() == reflect.Struct:
				walk(v.Field(i))
			case f.Tag.Get("tfsdk") != "" && f.Tag.Get("tfsdk") != "-":
				out[f.Tag.Get("tfsdk")] = v.Field(i)
			}
		}
	}
	walk(reflect.ValueOf(model).Elem())
	return out
}

// modelToRecord reads the fields of rt from model as wire values. A null
// value is written empty (Campaign clears the attribute); an unknown value
// and a secret (the resources write secrets themselves) are left out. A
// field the model lacks, or holds in a type no kind maps to, is an error (a
// bug of the provider: TestRecordMappings holds every record type to it).
func modelToRecord(ctx context.Context, rt *campaign.RecordType, model any, diags *diag.Diagnostics) campaign.Record {
	values := modelAttributes(model)
	rec := campaign.Record{}
	for _, f := range rt.Fields {
		if f.Kind == campaign.Secret {
			continue
		}
		v, ok := values[f.Terraform]
		if !ok {
			addMappingError(diags, rt, f, "the model has no attribute of that name")
			continue
		}
		val, _ := v.Interface().(attr.Value)
		if val == nil || val.IsUnknown() {
			continue
		}
		switch x := val.(type) {
		case types.String:
			rec[f.Campaign] = x.ValueString()
		case types.Bool:
			rec[f.Campaign] = campaign.FlagValue(x.ValueBool())
		case types.List:
			rec.SetList(f, stringElements(ctx, x, diags))
		case types.Set:
			rec.SetList(f, stringElements(ctx, x, diags))
		default:
			addMappingError(diags, rt, f, fmt.Sprintf("the model holds it as %T", val))
		}
	}
	return rec
}

// recordToModel copies what Campaign stores into model. An empty string is
// "" or null by one rule for every record type (emptyIsNull); a list
// attribute with no element is null, a set empty. Secrets stay as they are
// (Terraform-side values). A mismatch between the model and the record type
// is an error, as in modelToRecord.
func recordToModel(kind recordResource, rec campaign.Record, model any, diags *diag.Diagnostics) {
	values := modelAttributes(model)
	for _, f := range kind.rt.Fields {
		if f.Kind == campaign.Secret {
			continue
		}
		v, ok := values[f.Terraform]
		if !ok {
			addMappingError(diags, kind.rt, f, "the model has no attribute of that name")
			continue
		}
		var out attr.Value
		switch v.Interface().(type) {
		case types.String:
			out = types.StringValue(rec.Get(f.Campaign))
			if rec.Get(f.Campaign) == "" && kind.nullWhenEmpty[f.Terraform] {
				out = types.StringNull()
			}
		case types.Bool:
			out = types.BoolValue(campaign.IsTrue(rec.Get(f.Campaign)))
		case types.List:
			out = types.ListNull(types.StringType)
			if list := rec.List(f.Campaign); len(list) > 0 {
				out = stringList(list)
			}
		case types.Set:
			out = stringSet(rec.List(f.Campaign))
		default:
			addMappingError(diags, kind.rt, f, fmt.Sprintf("the model holds it as %s", v.Type()))
			continue
		}
		v.Set(reflect.ValueOf(out))
	}
}

// stringElements are the strings of a list or a set (none when null).
func stringElements(ctx context.Context, v interface {
	IsNull() bool
	ElementsAs(ctx context.Context, target any, allowUnhandled bool) diag.Diagnostics
}, diags *diag.Diagnostics) []string {
	var out []string
	if !v.IsNull() {
		diags.Append(v.ElementsAs(ctx, &out, false)...)
	}
	return out
}

// settleUnknown is the state after a write that Campaign answered but whose
// read-back failed: every attribute still unknown in model (optional ones
// left unset, computed ones) becomes the value that was written, or null
// (an empty set) when none was, since a state holds known values only.
// Nothing of it is per attribute: a new one needs nothing here.
func settleUnknown(kind recordResource, wrote campaign.Record, model any, diags *diag.Diagnostics) {
	written := reflect.New(reflect.TypeOf(model).Elem())
	recordToModel(kind, wrote, written.Interface(), diags)
	writtenValues := modelAttributes(written.Interface())
	for name, v := range modelAttributes(model) {
		val, _ := v.Interface().(attr.Value)
		if val == nil || !val.IsUnknown() {
			continue
		}
		if f, ok := kind.rt.Field(name); ok && f.Kind != campaign.Secret && wrote.Has(f.Campaign) {
			v.Set(writtenValues[name])
			continue
		}
		switch val.(type) {
		case types.String:
			v.Set(reflect.ValueOf(types.StringNull()))
		case types.Bool:
			v.Set(reflect.ValueOf(types.BoolNull()))
		case types.Int64:
			v.Set(reflect.ValueOf(types.Int64Null()))
		case types.List:
			v.Set(reflect.ValueOf(types.ListNull(types.StringType)))
		case types.Set:
			v.Set(reflect.ValueOf(stringSet(nil)))
		default:
			diags.AddError("Provider bug: attribute "+name+" has no known value after the write",
				fmt.Sprintf("The %s attribute %s is unknown after a write and its type %T has no null here. Please report this issue to the provider developers.", kind.rt.Kind, name, val))
		}
	}
}

// addMappingError reports a field of a record type that its resource's
// model cannot hold: a bug of the provider, said as such.
func addMappingError(diags *diag.Diagnostics, rt *campaign.RecordType, f campaign.Field, why string) {
	diags.AddError("Provider bug: "+rt.Kind+" field "+f.Terraform+" has no place in the resource",
		fmt.Sprintf("The %s field %s (%s) cannot be converted: %s. Please report this issue to the provider developers.",
			rt.Kind, f.Terraform, f.Path(rt.Schema), why))
}

// emptyIsNull is the one rule for empty strings of every record type, from
// its schema: an empty Campaign value is null in state for an optional
// attribute that is not computed or whose validators refuse "", and "" for
// every other one (a required attribute keeps "", which the plan then
// shows changing to the configured value).
//
// Why: a configuration may say "" (a module's optional(string, "")) or leave
// an attribute unset, and the state must equal it in both cases, after a
// create, an update and an import alike. A computed optional attribute keeps
// the stored value when unset (its plan modifiers), so "" matches both when
// "" is a value a configuration may hold. An optional attribute that is not
// computed plans null when unset, so only null can match; its validators
// refuse "" at plan instead (one value for "empty"). And a configuration
// generated from the state (-generate-config-out; OpenTofu writes what the
// state holds) must pass its own plan: a value the validators refuse is
// null there, and left out. TestEmptyValues holds every string field of
// every record type to this.
func emptyIsNull(s schema.Schema) map[string]bool {
	out := map[string]bool{}
	for name, a := range s.Attributes {
		if _, ok := a.(schema.StringAttribute); ok && a.IsOptional() && (!a.IsComputed() || validateString(s, name, "").HasError()) {
			out[name] = true
		}
	}
	return out
}

// unsetFields are the Campaign names of the fields config leaves null: a
// build whose schema lacks one leaves it out instead of refusing it.
func unsetFields(rt *campaign.RecordType, config any) map[string]bool {
	values := modelAttributes(config)
	out := map[string]bool{}
	for _, f := range rt.Fields {
		if v, ok := values[f.Terraform]; ok {
			if val, _ := v.Interface().(attr.Value); val != nil && val.IsNull() {
				out[f.Campaign] = true
			}
		}
	}
	return out
}

func stringList(values []string) types.List {
	elems := make([]attr.Value, len(values))
	for i, s := range values {
		elems[i] = types.StringValue(s)
	}
	return types.ListValueMust(types.StringType, elems)
}

func stringSet(values []string) types.Set {
	elems := make([]attr.Value, len(values))
	for i, s := range values {
		elems[i] = types.StringValue(s)
	}
	return types.SetValueMust(types.StringType, elems)
}

// fieldLabel names a field for messages: the Terraform attribute, the
// console field and where Campaign keeps it.
func fieldLabel(rt *campaign.RecordType, f campaign.Field) string {
	return f.Terraform + " (console: " + quote(f.Console) + ", " + f.Path(rt.Schema) + ")"
}

// fieldOf finds the field of rt by its Campaign or Terraform name, or a
// field that names the attribute as it is when the description has none.
func fieldOf(rt *campaign.RecordType, name string) campaign.Field {
	if f, ok := rt.Field(name); ok {
		return f
	}
	return campaign.Field{Campaign: name, Terraform: name, Console: name}
}
