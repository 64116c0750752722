package provider

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/acc-terraform/terraform-provider-campaign/internal/campaign"
)

// The diagnostics of the record resources' writes: what every record
// type's write can meet, said once (each resource handles its own errors
// first: a duplicate account).

// addMissingFieldError explains a field the build's schema lacks.
func addMissingFieldError(diags *diag.Diagnostics, client *campaign.Client, missing *campaign.MissingAttributeError) {
	f, rt := missing.Field, missing.Record
	diags.AddAttributeError(path.Root(f.Terraform), "Campaign has no field for "+f.Terraform+" on "+client.Endpoint(),
		fmt.Sprintf("%s is set, but %s. The console calls this field %q (%s). "+
			"Remove %s from the configuration for this instance, or check in the console (%s) "+
			"which field of the %s holds this setting on this build.",
			f.Terraform, missing.Error(), f.Console, f.Path(rt.Schema), f.Terraform, rt.Console, rt.Kind))
}

// addStoredDifferences reports the written values Campaign did not store as written.
func addStoredDifferences(diags *diag.Diagnostics, client *campaign.Client, rt *campaign.RecordType, res campaign.RecordWrite) {
	why := "This build may not have the field, or may change the value; check the " + rt.Kind + " in the console (" + rt.Console + ")."
	if res.AnswerLost {
		why = "The Write got no answer (a proxy or the network lost it), so it may not have been done; apply again to write it."
	}
	for _, d := range res.Differences {
		f := d.Field
		diags.AddAttributeError(path.Root(f.Terraform), "Campaign did not store "+f.Terraform+" on "+client.Endpoint(),
			fmt.Sprintf("Campaign did not store %s as written: wrote %s, read back %s. %s",
				fieldLabel(rt, f), strconv.Quote(d.Wrote), strconv.Quote(d.Stored), why))
	}
}

// addRecordWriteError explains what every record type's write can meet;
// each resource handles its own errors first (a duplicate account) and
// passes the rest here.
func addRecordWriteError(ctx context.Context, diags *diag.Diagnostics, client *campaign.Client, rt *campaign.RecordType, name string, err error) {
	var (
		missing  *campaign.MissingAttributeError
		existing *campaign.ExistingRecordError
		unknown  *campaign.UnknownOutcomeError
		notDone  *campaign.NotWrittenError
		rights   *campaign.UndefinedRightError
	)
	what := rt.Kind + " " + quote(name)
	switch {
	case errors.As(err, &rights):
		addUndefinedRightError(diags, client, rt, name, rights)
	case errors.As(err, &missing):
		addMissingFieldError(diags, client, missing)
	case errors.As(err, &existing):
		diags.AddAttributeError(path.Root("name"), "The "+rt.Kind+" "+existing.Name+" already exists on "+client.Endpoint(),
			fmt.Sprintf("%s. A create never overwrites what it did not write. To manage this %s, import it "+
				"(import { to = <this resource>, id = %q }, or terraform import): the plan then shows what the configuration changes.",
				err, rt.Kind, existing.Name))
	case errors.As(err, &unknown):
		addClientError(diags, client, "writing "+what, err)
		diags.AddError("Outcome of the write unknown on "+client.Endpoint(),
			fmt.Sprintf("The Write of %s got no answer and the instance did not answer the read that would tell whether it was done. "+
				"Nothing was recorded in the state, and nothing is deleted: apply again once the instance answers. "+
				"The next apply finds the %s as written (and writes the same values again, which changes nothing) or creates it.", what, rt.Kind))
	case errors.As(err, &notDone):
		addClientError(diags, client, "writing "+what, notDone.Err)
		diags.AddError("The "+rt.Kind+" was not written on "+client.Endpoint(),
			fmt.Sprintf("The Write of %s got no answer, and reading shows it is not on the instance: nothing was written. Apply again.", what))
	default:
		addClientError(diags, client, "writing "+what, err)
		explainRefusedWrite(ctx, diags, client, err)
	}
}

// addUndefinedRightError explains named rights the instance does not
// define (a group's, an operator's own), with the closest defined ones.
func addUndefinedRightError(diags *diag.Diagnostics, client *campaign.Client, rt *campaign.RecordType, name string, undefined *campaign.UndefinedRightError) {
	attr := "named_rights"
	if f, ok := rt.Field("right"); ok {
		attr = f.Terraform
	}
	detail := fmt.Sprintf("%s, so nothing is written to the %s %s. Named rights are internal names (console: %s > Content tab > Named rights).",
		undefined, rt.Kind, quote(name), rt.Kind)
	if len(undefined.Closest) > 0 {
		detail += " Did you mean " + strings.Join(undefined.Closest, ", ") + "?"
	}
	diags.AddAttributeError(path.Root(attr), "Named right not defined on "+client.Endpoint(), detail)
}

// warnNotReadBack: Campaign answered the write, the read-back failed.
func warnNotReadBack(diags *diag.Diagnostics, client *campaign.Client, rt *campaign.RecordType, name string, err error) {
	diags.AddWarning("The "+rt.Kind+" was written but not read back on "+client.Endpoint(),
		fmt.Sprintf("Campaign answered the Write of %s %s, but reading it back failed, so what Campaign stored is not verified: %v. "+
			"The next plan reads it and shows any difference.", rt.Kind, quote(name), err))
}
