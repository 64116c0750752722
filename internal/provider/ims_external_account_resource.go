package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
	"github.com/acc-terraform/terraform-provider-campaign/internal/validate"
)

// Defaults of the account, as the Campaign documentation fills them in.
const (
	defaultAccountName    = "Adobe_Marketing_Cloud"
	defaultAccountLabel   = "Adobe Experience Cloud"
	defaultIMSServer      = "https://ims-na1.adobelogin.com"
	defaultProductContext = "dma_campaign_classic"
	// privateSecretHash keeps, in private state, the SHA-256 of the encrypted
	// secret last written: a later read that finds another ciphertext means
	// the secret was changed outside Terraform. No secret is stored for it.
	privateSecretHash = "client_secret_ciphertext_sha256"
	// importedKeeps ends the description of an attribute with a default on create.
	importedKeeps = ". When unset, an imported account keeps the value Campaign stores, even empty, so that importing changes nothing; " +
		"to give an imported account the default, set the attribute to it."
)

// NewIMSExternalAccountResource is the campaign_ims_external_account resource.
func NewIMSExternalAccountResource() resource.Resource { return &imsExternalAccountResource{} }

type imsExternalAccountResource struct{ recordClient }

func (r *imsExternalAccountResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_ims_external_account"
}

// httpsURLRule is the account's URL rule, shared by the resource and the
// data source (the rules of every record type are in record_rules.go).
var httpsURLRule = []validator.String{stringRule(validate.HTTPSURL, validate.HTTPSURLAccepts)}

func (r *imsExternalAccountResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = accountSchema()
}

// accountSchema is the resource's schema; the shared steps read their rules
// from it too (accountResource).
func accountSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "The **Adobe Experience Cloud** external account of a Campaign Classic instance " +
			"(Administration > Platform > External accounts), which connects operators through their Adobe ID (IMS).",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(defaultAccountName),
				MarkdownDescription: "Internal name (console: *Internal name*). Letters, digits and `_`, at most 64 characters. Default: `" + defaultAccountName +
					"`, the name Campaign's IMS troubleshooting guide expects for exactly one account. Changing it replaces the account.",
				Validators:    internalNameRule(campaign.IMSAccountRecord()),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"id": idAttribute(campaign.IMSAccountRecord(), "name"),
			"label": schema.StringAttribute{
				Optional: true, Computed: true, PlanModifiers: []planmodifier.String{stringDefaultOnCreate(defaultAccountLabel)},
				MarkdownDescription: "Label (console: *Label*): 1 to 128 characters of printable text. Default on create: `" + defaultAccountLabel + "`" + importedKeeps,
				// Campaign counts characters, not bytes: "été" is 3 long.
				Validators: append([]validator.String{stringvalidator.UTF8LengthBetween(1, 128)}, printableRule...),
			},
			"enabled": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether the account is enabled (console: *Enabled*). Default: `true`.",
			},
			"ims_server": schema.StringAttribute{
				Optional: true, Computed: true, PlanModifiers: []planmodifier.String{stringDefaultOnCreate(defaultIMSServer)},
				MarkdownDescription: "URL of the IMS server (console: *IMS server*). An absolute `https://` URL. Default on create: `" + defaultIMSServer + "`" + importedKeeps,
				Validators:          httpsURLRule,
			},
			"ims_scope": schema.ListAttribute{
				Optional: true, ElementType: types.StringType,
				MarkdownDescription: "IMS scopes (console: *IMS scope*), a subset of those provisioned by IMS, e.g. `[\"openid\", \"AdobeID\", \"session\", \"read_organizations\", \"additional_info.projectedProductContext\"]`. " +
					"Stored comma-separated, so a scope holds no comma or space.",
				Validators: []validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(stringRule(validate.Scope, validate.ScopeAccepts))},
			},
			"client_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "IMS client identifier (console: *IMS client identifier*), provided by Adobe.",
				Validators:          append([]validator.String{stringvalidator.LengthAtLeast(1)}, printableRule...),
			},
			"client_secret": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "IMS client secret (console: *IMS client secret*). Kept in the Terraform state: with Terraform 1.11 or later prefer `client_secret_wo`. " +
					"Conflicts with `client_secret_wo`. Leave both unset to keep the secret stored in Campaign as it is.",
				Validators: append([]validator.String{
					stringvalidator.ConflictsWith(path.MatchRoot("client_secret_wo")),
					stringvalidator.LengthAtLeast(1),
				}, secretTextRule...),
			},
			"client_secret_wo": schema.StringAttribute{
				Optional: true, Sensitive: true, WriteOnly: true,
				MarkdownDescription: "IMS client secret, write-only: sent to Campaign, never stored in the plan or state (Terraform 1.11 or later). " +
					"Needs `client_secret_wo_version`; change the version to write a new secret.",
				Validators: append([]validator.String{
					stringvalidator.ConflictsWith(path.MatchRoot("client_secret")),
					stringvalidator.AlsoRequires(path.MatchRoot("client_secret_wo_version")),
					stringvalidator.LengthAtLeast(1),
				}, secretTextRule...),
			},
			"client_secret_wo_version": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: "Version of `client_secret_wo`: the secret is written when this changes.",
				Validators:          []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("client_secret_wo"))},
			},
			"callback_server": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Access URL of this Campaign instance (console: *Callback server*), where IMS sends operators back after login. " +
					"Must be an absolute `https://` URL without query or fragment, and be on the IMS allow-list.",
				Validators: httpsURLRule,
			},
			"ims_org_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "IMS organization ID (console: *IMS organization ID*), as shown in Experience Cloud > Administration, ending in `@AdobeOrg`.",
				Validators:          []validator.String{stringRule(validate.IMSOrgID, validate.IMSOrgIDAccepts)},
			},
			"matching_mask": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Association mask (console: *Association mask*): a regular expression with exactly one capturing group that maps Admin Console product profile names " +
					"to Campaign operator groups, e.g. `Campaign - acme - (.*)` maps the profile `Campaign - acme - admins` to the group `admins`. " +
					"Use `(?:…)` for any other grouping. Preview a mapping with `provider::campaign::ims_group_name`.",
				Validators: []validator.String{stringRule(validate.MatchingMask, validate.MatchingMaskAccepts)},
			},
			"product_context": schema.StringAttribute{
				Optional: true, Computed: true, PlanModifiers: []planmodifier.String{stringKeepUnsetOnUpdate()},
				MarkdownDescription: "IMS product context (console: *Product context*, recent builds; older builds use `dma_campaign`). " +
					"When unset on create, the provider writes `" + defaultProductContext + "` on builds whose schema has the field and nothing on older ones, " +
					"so the plan shows it as known after apply. When unset later, the account keeps what Campaign stores.",
				Validators: printableRule,
			},
			"experience_cloud_server": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "URL of the Adobe Experience Cloud instance (console: *Server* under Adobe Marketing Cloud connection), e.g. `https://marketing.adobe.com`. An absolute `https://` URL.",
				Validators:          httpsURLRule,
			},
			"tenant": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Name of the Adobe Experience Cloud tenant (console: *Tenant*).",
				Validators:          append([]validator.String{stringvalidator.LengthAtLeast(1)}, printableRule...),
			},
			"account_id": schema.Int64Attribute{
				Computed: true, MarkdownDescription: "Numeric identifier Campaign gave the account (`@id`).",
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
		},
	}
}

// fromAccount copies what Campaign stores into the model; secrets and their
// versions are Terraform-side values and stay as they are.
func (m *imsExternalAccountModel) fromAccount(a campaign.Record, diags *diag.Diagnostics) {
	m.imsAccountFields.fromAccount(a, diags)
	m.ClientSecretWO = types.StringNull() // write-only: always null in state
}

func ciphertextHash(ciphertext string) []byte {
	sum := sha256.Sum256([]byte(ciphertext))
	out, _ := json.Marshal(hex.EncodeToString(sum[:]))
	return out
}

// secretToWrite returns the plaintext secret to send, or nil to leave the
// stored one alone: on create whenever one is configured, on update when the
// value (client_secret) or the version (client_secret_wo_version) changed.
func secretToWrite(plan, config imsExternalAccountModel, state *imsExternalAccountModel) *string {
	switch {
	case !config.ClientSecretWO.IsNull():
		if state == nil || !plan.ClientSecretWOVersion.Equal(state.ClientSecretWOVersion) || !state.ClientSecret.IsNull() {
			v := config.ClientSecretWO.ValueString()
			return &v
		}
	case !plan.ClientSecret.IsNull():
		if state == nil || !plan.ClientSecret.Equal(state.ClientSecret) {
			v := plan.ClientSecret.ValueString()
			return &v
		}
	}
	return nil
}

// toWrite is the account to write for a plan: the plan's values, where
// defaulted marks the Campaign attributes the user did not set (a build
// without the field leaves them out instead of refusing them), and an
// unset product_context, unknown in the plan, takes its default (the build
// decides whether it is written).
func (m *imsExternalAccountModel) toWrite(ctx context.Context, config imsExternalAccountModel, diags *diag.Diagnostics) (campaign.Record, map[string]bool) {
	acc := m.toAccount(ctx, diags)
	defaulted := unsetFields(campaign.IMSAccountRecord(), &config)
	if config.ProductContext.IsNull() && m.ProductContext.IsUnknown() {
		acc["productContext"] = defaultProductContext
	}
	return acc, defaulted
}

// fromWrite is the state after a write that Campaign answered but whose
// read-back failed: the written values, every one known (settleUnknown;
// account_id from the prior state, else null until the next refresh).
func (m *imsExternalAccountModel) fromWrite(acc campaign.Record, diags *diag.Diagnostics) {
	m.ID = m.Name
	settleUnknown(accountResource, acc, m, diags)
}

// Create writes the account and stores what Campaign holds (keepWrite):
// when the outcome is unknown, nothing is tracked, and the next apply's
// create finds the account holding the planned values and writes it again
// (CreateIMSAccount).
func (r *imsExternalAccountResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, config imsExternalAccountModel
	if readModels(ctx, &resp.Diagnostics, modelSource{req.Plan, &plan}, modelSource{req.Config, &config}) {
		r.write(ctx, &plan, config, nil, resp.Private, recordOutput{&resp.State, resp.Identity, &resp.Diagnostics}, r.client.CreateIMSAccount)
	}
}

// Update writes the account and stores what Campaign holds. On an error the
// prior state stays (the framework's default): the next plan shows the same
// change again, and the write, keyed by internal name, is safe to repeat.
func (r *imsExternalAccountResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, config, state imsExternalAccountModel
	if readModels(ctx, &resp.Diagnostics, modelSource{req.Plan, &plan}, modelSource{req.Config, &config}, modelSource{req.State, &state}) {
		r.write(ctx, &plan, config, &state, resp.Private, recordOutput{&resp.State, resp.Identity, &resp.Diagnostics}, r.client.WriteIMSAccount)
	}
}

// accountSender is CreateIMSAccount or WriteIMSAccount.
type accountSender func(ctx context.Context, a campaign.Record, clientSecret *string, defaulted map[string]bool) (campaign.RecordWrite, error)

// write sends the planned account (state: nil on create) with the secret to
// write, if any, and keeps what Campaign stored.
func (r *imsExternalAccountResource) write(ctx context.Context, plan *imsExternalAccountModel, config imsExternalAccountModel,
	state *imsExternalAccountModel, private privateSetter, out recordOutput, send accountSender) {
	acc, defaulted := plan.toWrite(ctx, config, out.diags)
	if out.diags.HasError() {
		return
	}
	secret := secretToWrite(*plan, config, state)
	keepWrite(ctx, out, plan, recordWrite{
		kind: accountResource, data: r.data, create: state == nil,
		name:    acc.Name(),
		send:    func() (campaign.RecordWrite, error) { return send(ctx, acc, secret, defaulted) },
		explain: func(err error) { r.addWriteError(ctx, out.diags, acc.Name(), err) },
		stored:  func(res campaign.RecordWrite) bool { return r.stored(ctx, plan, acc, res, secret, private, out.diags) },
	})
}

// stored turns the outcome of a write into the model to store, and reports
// whether to store it: the account as read back, when Campaign holds what was
// written; the written values with a warning, when the read-back failed
// after Campaign answered the write; nothing (an error) when Campaign holds
// other values.
func (r *imsExternalAccountResource) stored(ctx context.Context, plan *imsExternalAccountModel, acc campaign.Record, res campaign.RecordWrite,
	secret *string, private privateSetter, diags *diag.Diagnostics) bool {
	if res.ReadBackErr != nil {
		plan.fromWrite(acc, diags)
		warnNotReadBack(diags, r.client, campaign.IMSAccountRecord(), acc.Name(), res.ReadBackErr)
		r.warnRestart(diags, acc.Name())
		return true
	}
	got := res.Stored
	if r.checkStored(diags, res, secret); diags.HasError() {
		return false
	}
	plan.fromAccount(got, diags)
	writeHint(ctx, private, res.Hint, diags)
	if stored, readable := accountResource.rt.Secret(got); secret != nil && readable {
		diags.Append(private.SetKey(ctx, privateSecretHash, ciphertextHash(stored))...)
	}
	r.warnRestart(diags, acc.Name())
	return true
}

// ModifyPlan claims the account for this resource (record_claims.go): a
// create of an account that another resource of this provider
// configuration keeps or destroys is refused at plan.
func (r *imsExternalAccountResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	claimPlan(ctx, r.data, accountResource, req, resp)
}

func (r *imsExternalAccountResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state imsExternalAccountModel
	read, ok := readRecord(ctx, r.data, accountResource, req, resp, &state, r.client.ReadIMSAccount)
	if !ok {
		return
	}
	got, name := read.Record, read.Record.Name()
	state.fromAccount(got, &resp.Diagnostics)
	r.warnDuplicates(&resp.Diagnostics, name, read.Others)
	stored, diags := req.Private.GetKey(ctx, privateSecretHash)
	resp.Diagnostics.Append(diags...)
	ciphertext, readable := accountResource.rt.Secret(got)
	if !readable {
		r.warnUnreadableSecret(&resp.Diagnostics)
	} else if stored != nil && string(stored) != string(ciphertextHash(ciphertext)) {
		// Forget the Terraform-side secret marker so that the plan shows an
		// update, whose apply writes the configured secret again.
		tflog.Info(ctx, "client secret changed outside Terraform", map[string]any{"name": name, "endpoint": r.client.Endpoint()})
		resp.Diagnostics.AddWarning("Client secret changed outside Terraform",
			"The IMS client secret stored in Campaign for "+quote(name)+" is not the one Terraform wrote. The next apply writes the configured secret again.")
		state.ClientSecret = types.StringNull()
		state.ClientSecretWOVersion = types.Int64Null()
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *imsExternalAccountResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state imsExternalAccountModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.DeleteIMSAccount(ctx, state.Name.ValueString()); err != nil {
		addClientError(&resp.Diagnostics, r.client, "deleting external account "+quote(state.Name.ValueString()), err)
		return
	}
	r.data.claims.release(accountResource.rt, state.Name.ValueString())
}

// IdentitySchema: the account's internal name.
func (r *imsExternalAccountResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = nameIdentitySchema("Internal name of the external account, e.g. Adobe_Marketing_Cloud.")
}

// ImportState takes the internal name, e.g. `terraform import campaign_ims_external_account.this Adobe_Marketing_Cloud`,
// or an `identity = { name = … }` import block.
func (r *imsExternalAccountResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByName(ctx, accountResource, req, resp)
}

// accountResource is the account in the record resources' shared steps.
var accountResource = recordResource{
	rt: campaign.IMSAccountRecord(), resourceType: "campaign_ims_external_account", keyAttr: "name",
	nullWhenEmpty: emptyIsNull(accountSchema()),
}
