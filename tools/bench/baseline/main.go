// Command baseline is the benchmark's yardstick: a minimal
// terraform-plugin-framework provider of the same shape as the Campaign
// provider (type name "campaign", the same resources and data sources of
// examples/modules/ims-setup, the attributes it sets, the functions, the
// authentication attributes of each mode), which keeps everything in Terraform's state
// and makes no network call. Timing the same configuration with it and with
// the real provider isolates what the provider itself adds.
package main

import (
	"context"
	"log"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	pschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func main() {
	if err := providerserver.Serve(context.Background(), func() provider.Provider { return &baseline{} },
		providerserver.ServeOpts{Address: "registry.terraform.io/acc-terraform/campaign"}); err != nil {
		log.Fatal(err)
	}
}

type baseline struct{}

var (
	_ provider.Provider              = (*baseline)(nil)
	_ provider.ProviderWithFunctions = (*baseline)(nil)
)

func (*baseline) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "campaign"
}

func (*baseline) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = pschema.Schema{Attributes: map[string]pschema.Attribute{
		"endpoint":       pschema.StringAttribute{Optional: true},
		"ca_certificate": pschema.StringAttribute{Optional: true},
		"login":          pschema.StringAttribute{Optional: true},
		"password":       pschema.StringAttribute{Optional: true, Sensitive: true},
		"access_token":   pschema.StringAttribute{Optional: true, Sensitive: true},
		"ims": pschema.SingleNestedAttribute{Optional: true, Attributes: map[string]pschema.Attribute{
			"client_id":     pschema.StringAttribute{Optional: true},
			"client_secret": pschema.StringAttribute{Optional: true, Sensitive: true},
			"scopes":        pschema.ListAttribute{Optional: true, ElementType: types.StringType},
			"token_url":     pschema.StringAttribute{Optional: true},
		}},
	}}
}

func (*baseline) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {}

func (*baseline) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		func() resource.Resource {
			return &stateOnly{typeName: "_package", attrs: map[string]rschema.Attribute{"name": rschema.StringAttribute{Required: true}}}
		},
		func() resource.Resource {
			return &stateOnly{typeName: "_ims_external_account", attrs: map[string]rschema.Attribute{
				"label":                    rschema.StringAttribute{Optional: true},
				"ims_scope":                rschema.ListAttribute{Optional: true, ElementType: types.StringType},
				"client_id":                rschema.StringAttribute{Required: true},
				"client_secret_wo":         rschema.StringAttribute{Optional: true, Sensitive: true, WriteOnly: true},
				"client_secret_wo_version": rschema.Int64Attribute{Optional: true},
				"callback_server":          rschema.StringAttribute{Required: true},
				"ims_org_id":               rschema.StringAttribute{Required: true},
				"matching_mask":            rschema.StringAttribute{Required: true},
				"experience_cloud_server":  rschema.StringAttribute{Optional: true},
				"tenant":                   rschema.StringAttribute{Optional: true},
				"account_id":               rschema.Int64Attribute{Computed: true},
			}}
		},
		func() resource.Resource {
			return &stateOnly{typeName: "_operator_group", attrs: map[string]rschema.Attribute{
				"name":          rschema.StringAttribute{Required: true},
				"label":         rschema.StringAttribute{Optional: true},
				"description":   rschema.StringAttribute{Optional: true},
				"named_rights":  rschema.SetAttribute{Optional: true, ElementType: types.StringType},
				"force_destroy": rschema.BoolAttribute{Optional: true},
			}}
		},
		func() resource.Resource {
			return &stateOnly{typeName: "_technical_operator", attrs: map[string]rschema.Attribute{
				"client_id":                rschema.StringAttribute{Required: true},
				"client_secret_wo":         rschema.StringAttribute{Optional: true, Sensitive: true, WriteOnly: true},
				"client_secret_wo_version": rschema.Int64Attribute{Optional: true},
				"token_url":                rschema.StringAttribute{Optional: true},
				"scopes":                   rschema.ListAttribute{Optional: true, ElementType: types.StringType},
				"named_rights":             rschema.SetAttribute{Optional: true, ElementType: types.StringType},
			}}
		},
	}
}

func (*baseline) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		func() datasource.DataSource { return operatorGroups{} },
		func() datasource.DataSource { return imsLogin{} },
	}
}

// imsLogin has the shape of campaign_ims_login: everyone is admitted.
type imsLogin struct{}

func (imsLogin) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ims_login"
}

func (imsLogin) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{Attributes: map[string]dschema.Attribute{
		"login":            dschema.StringAttribute{Required: true},
		"product_profiles": dschema.ListAttribute{Optional: true, ElementType: types.StringType},
		"admitted":         dschema.BoolAttribute{Computed: true},
		"reason":           dschema.StringAttribute{Computed: true},
		"groups":           dschema.SetAttribute{Computed: true, ElementType: types.StringType},
	}}
}

func (imsLogin) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	resp.State.Raw = req.Config.Raw.Copy()
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, pathOf("admitted"), true)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, pathOf("reason"), "")...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, pathOf("groups"), []string{})...)
}

// operatorGroups has the shape of campaign_operator_groups, with no group.
type operatorGroups struct{}

func (operatorGroups) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_operator_groups"
}

func (operatorGroups) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{Attributes: map[string]dschema.Attribute{
		"id":     dschema.StringAttribute{Computed: true},
		"names":  dschema.ListAttribute{Computed: true, ElementType: types.StringType},
		"labels": dschema.MapAttribute{Computed: true, ElementType: types.StringType},
	}}
}

func (operatorGroups) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, pathOf("id"), "baseline")...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, pathOf("names"), []string{})...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, pathOf("labels"), map[string]string{})...)
}

func (*baseline) Functions(context.Context) []func() function.Function {
	return []func() function.Function{
		func() function.Function { return matchingMask{} },
		func() function.Function { return groupName{} },
		func() function.Function { return productProfile{} },
	}
}

// stateOnly is a resource whose object lives only in Terraform's state.
type stateOnly struct {
	typeName string
	attrs    map[string]rschema.Attribute
}

func (r *stateOnly) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + r.typeName
}

func (r *stateOnly) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := map[string]rschema.Attribute{"id": rschema.StringAttribute{
		Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}}
	for name, a := range r.attrs {
		attrs[name] = a
	}
	resp.Schema = rschema.Schema{Attributes: attrs}
}

func (r *stateOnly) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = req.Plan.Raw.Copy()
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, pathOf("id"), "baseline")...)
	if _, ok := r.attrs["account_id"]; ok {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, pathOf("account_id"), int64(1))...)
	}
	if _, ok := r.attrs["client_secret_wo"]; ok {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, pathOf("client_secret_wo"), types.StringNull())...)
	}
}

func (r *stateOnly) Read(_ context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	resp.State.Raw = req.State.Raw.Copy()
}

func (r *stateOnly) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw.Copy()
	if _, ok := r.attrs["client_secret_wo"]; ok {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, pathOf("client_secret_wo"), types.StringNull())...)
	}
}

func (r *stateOnly) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

type matchingMask struct{}

func (matchingMask) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "ims_matching_mask"
}

func (matchingMask) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Parameters: []function.Parameter{function.StringParameter{Name: "tenant"}},
		Return:     function.StringReturn{},
	}
}

func (matchingMask) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var tenant string
	resp.Error = function.ConcatFuncErrors(req.Arguments.Get(ctx, &tenant))
	if resp.Error == nil {
		resp.Error = resp.Result.Set(ctx, "Campaign - "+regexp.QuoteMeta(tenant)+" - (.*)")
	}
}

type groupName struct{}

func (groupName) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "ims_group_name"
}

func (groupName) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Parameters: []function.Parameter{function.StringParameter{Name: "mask"}, function.StringParameter{Name: "profile"}},
		Return:     function.StringReturn{},
	}
}

func (groupName) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var mask, profile string
	resp.Error = function.ConcatFuncErrors(req.Arguments.Get(ctx, &mask, &profile))
	if resp.Error != nil {
		return
	}
	result := types.StringNull()
	if re, err := regexp.Compile("^(?:" + mask + ")$"); err == nil {
		if m := re.FindStringSubmatch(profile); len(m) > 1 {
			result = types.StringValue(m[1])
		}
	}
	resp.Error = resp.Result.Set(ctx, result)
}

type productProfile struct{}

func (productProfile) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "ims_product_profile"
}

func (productProfile) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Parameters: []function.Parameter{function.StringParameter{Name: "mask"}, function.StringParameter{Name: "group"}},
		Return:     function.StringReturn{},
	}
}

func (productProfile) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var mask, group string
	resp.Error = function.ConcatFuncErrors(req.Arguments.Get(ctx, &mask, &group))
	if resp.Error == nil {
		resp.Error = resp.Result.Set(ctx, strings.Replace(mask, "(.*)", group, 1))
	}
}

func pathOf(name string) path.Path { return path.Root(name) }
