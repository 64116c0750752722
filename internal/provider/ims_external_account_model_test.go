package provider

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

func TestIMSAccountFields_mapping(t *testing.T) {
	tests := []struct {
		name    string
		account campaign.Record
		check   func(t *testing.T, m imsAccountFields)
	}{
		{
			name: "complete account round-trips",
			account: campaign.Record{
				"id": "10001", "type": "24", "name": "Adobe_Marketing_Cloud", "label": "MAC", "active": "1", "imsServer": "https://ims-na1.adobelogin.com",
				"userScope": "openid,AdobeID", "clientId": "Campaign1", "clientSecret": "@encrypted", "callbackServer": "https://acme.example.com",
				"imsOrgId": "0123456789ABCDEF01234567@AdobeOrg", "imsRightsMask": "Campaign - acme - (.*)", "productContext": "dma_campaign_classic",
				"server": "https://marketing.adobe.com", "tenant": "acme",
			},
			check: func(t *testing.T, m imsAccountFields) {
				if m.AccountID.ValueInt64() != 10001 || m.ID.ValueString() != "Adobe_Marketing_Cloud" || !m.Enabled.ValueBool() ||
					len(m.IMSScope.Elements()) != 2 || m.MatchingMask.ValueString() != "Campaign - acme - (.*)" {
					t.Errorf("mapped to %+v", m)
				}
			},
		},
		{
			name:    "empty attributes: null when optional and not computed or refusing \"\" at plan, \"\" otherwise (emptyIsNull)",
			account: campaign.Record{"id": "7", "name": "A", "clientId": "c", "callbackServer": "https://a.example.com", "imsOrgId": "x@AdobeOrg", "imsRightsMask": "(.*)", "active": "true"},
			check: func(t *testing.T, m imsAccountFields) {
				for name, v := range map[string]types.String{"experience_cloud_server": m.ExperienceCloudServer, "tenant": m.Tenant, "label": m.Label, "ims_server": m.IMSServer} {
					if !v.IsNull() {
						t.Errorf("%s = %v, want null", name, v)
					}
				}
				for name, v := range map[string]types.String{"product_context": m.ProductContext} {
					if !v.Equal(types.StringValue("")) {
						t.Errorf("%s = %v, want \"\"", name, v)
					}
				}
				if !m.IMSScope.IsNull() || !m.Enabled.ValueBool() {
					t.Errorf("ims_scope = %v, enabled = %v; want null and true (\"true\" is a Campaign boolean too)", m.IMSScope, m.Enabled)
				}
			},
		},
		{
			name:    "a non-numeric @id leaves account_id null; a missing required attribute is an empty string",
			account: campaign.Record{"id": "", "name": "B"},
			check: func(t *testing.T, m imsAccountFields) {
				if !m.AccountID.IsNull() || m.ClientID.IsNull() || m.ClientID.ValueString() != "" {
					t.Errorf("account_id = %v, client_id = %v", m.AccountID, m.ClientID)
				}
			},
		},
	}
	rt := campaign.IMSAccountRecord()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m imsAccountFields
			var diags diag.Diagnostics
			m.fromAccount(tt.account, &diags)
			tt.check(t, m)
			back := m.toAccount(context.Background(), &diags)
			if diags.HasError() {
				t.Fatal(diags)
			}
			// A plan writes every field but the secret, empty when unset;
			// booleans as "1"/"0". Read-only @id and @type are never written.
			want := campaign.Record{}
			for _, f := range rt.Fields {
				switch f.Kind {
				case campaign.Secret:
				case campaign.Flag:
					want[f.Campaign] = campaign.FlagValue(campaign.IsTrue(tt.account.Get(f.Campaign)))
				default:
					want[f.Campaign] = tt.account.Get(f.Campaign)
				}
			}
			if !reflect.DeepEqual(back, want) {
				t.Errorf("toAccount(fromAccount(a)) = %v, want %v", back, want)
			}
		})
	}
}

func TestSecretToWrite(t *testing.T) {
	str, null := types.StringValue, types.StringNull()
	ver, noVer := types.Int64Value, types.Int64Null()
	model := func(secret, wo types.String, version types.Int64) imsExternalAccountModel {
		return imsExternalAccountModel{ClientSecret: secret, ClientSecretWO: wo, ClientSecretWOVersion: version}
	}
	tests := []struct {
		name                string
		plan, config, state imsExternalAccountModel
		create              bool
		want                string // "" means nothing to write
	}{
		{name: "create with client_secret", plan: model(str("s1"), null, noVer), config: model(str("s1"), null, noVer), create: true, want: "s1"},
		{name: "create with write-only secret", plan: model(null, null, ver(1)), config: model(null, str("w1"), ver(1)), create: true, want: "w1"},
		{name: "create without secret", plan: model(null, null, noVer), config: model(null, null, noVer), create: true},
		{name: "update, same client_secret", plan: model(str("s1"), null, noVer), config: model(str("s1"), null, noVer), state: model(str("s1"), null, noVer)},
		{name: "update, changed client_secret", plan: model(str("s2"), null, noVer), config: model(str("s2"), null, noVer), state: model(str("s1"), null, noVer), want: "s2"},
		{name: "update, same write-only version", plan: model(null, null, ver(1)), config: model(null, str("w2"), ver(1)), state: model(null, null, ver(1))},
		{name: "update, new write-only version", plan: model(null, null, ver(2)), config: model(null, str("w2"), ver(2)), state: model(null, null, ver(1)), want: "w2"},
		{name: "update, client_secret moved to write-only", plan: model(null, null, ver(1)), config: model(null, str("w1"), ver(1)), state: model(str("s1"), null, noVer), want: "w1"},
		{name: "update, secret unset keeps Campaign's", plan: model(null, null, noVer), config: model(null, null, noVer), state: model(str("s1"), null, noVer)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var state *imsExternalAccountModel
			if !tt.create {
				state = &tt.state
			}
			got := secretToWrite(tt.plan, tt.config, state)
			switch {
			case tt.want == "" && got != nil:
				t.Errorf("writes %q, want nothing written", *got)
			case tt.want != "" && (got == nil || *got != tt.want):
				t.Errorf("writes %v, want %q", got, tt.want)
			}
		})
	}
}
