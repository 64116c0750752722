package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/acc-terraform/terraform-provider-campaign/internal/emulator"
)

// recordCase is one record resource, for the tests generated from the
// record types' own fields: a new record type is one more row here.
type recordCase struct {
	kind     recordResource
	resource func() resource.Resource
	model    func() any
	// base are the attributes of a minimal valid block, as HCL expressions.
	base map[string]string
	// stored is the record as the emulator holds it.
	stored func(e *emulator.Emulator, name string) (map[string]string, bool)
	// instance is what the emulated instance needs at start for the block.
	instance emulator.Config
	// keptByDestroy: destroying the resource keeps the record (an
	// operator: IMS and Campaign own it).
	keptByDestroy bool
}

// technicalLogin is the login of the operator the technical-operator case
// manages (it exists at start: no first call).
const technicalLogin = "3A7F4C2B9E1D8A6F5C3B2E1D@techacct.adobe.com"

func recordCases() []recordCase {
	return []recordCase{
		{accountResource, NewIMSExternalAccountResource, func() any { return &imsExternalAccountModel{} }, map[string]string{
			"name": `"Adobe_Marketing_Cloud"`, "client_id": `"Campaign1"`, "callback_server": `"https://acme.campaign.example.com"`,
			"ims_org_id": `"0123456789ABCDEF01234567@AdobeOrg"`, "matching_mask": `"Campaign - acme - (.*)"`,
			"experience_cloud_server": `"https://marketing.adobe.com"`, "tenant": `"acme"`,
		}, (*emulator.Emulator).Account, emulator.Config{}, false},
		{groupResource, NewOperatorGroupResource, func() any { return &operatorGroupModel{} }, map[string]string{"name": `"reviewers"`},
			(*emulator.Emulator).Group, emulator.Config{}, false},
		{technicalOperatorKind, NewTechnicalOperatorResource, func() any { return &technicalOperatorModel{} },
			map[string]string{"login": `"` + technicalLogin + `"`, "client_id": `"api-client"`, "named_rights": `["exportFile"]`},
			(*emulator.Emulator).Operator, emulator.Config{Operators: []emulator.Operator{{Login: technicalLogin, Groups: []string{"delivery"}}}}, true},
	}
}

// block is the resource block "this" of the minimal valid attributes, with
// attrs (HCL expressions) set over them.
func (c recordCase) block(attrs map[string]string) string {
	all := maps.Clone(c.base)
	maps.Copy(all, attrs)
	var b strings.Builder
	fmt.Fprintf(&b, "resource %q \"this\" {\n", c.kind.resourceType)
	for _, k := range slices.Sorted(maps.Keys(all)) {
		fmt.Fprintf(&b, "  %s = %s\n", k, all[k])
	}
	return b.String() + "}\n"
}

// addr is the address of the block's resource.
func (c recordCase) addr() string { return c.kind.resourceType + ".this" }

// importID is the import ID of the block's record.
func (c recordCase) importID() string { return strings.Trim(c.base[c.kind.keyAttr], `"`) }

// schema is the resource's schema.
func (c recordCase) schema() resource.SchemaResponse {
	var resp resource.SchemaResponse
	c.resource().Schema(context.Background(), resource.SchemaRequest{}, &resp)
	return resp
}
