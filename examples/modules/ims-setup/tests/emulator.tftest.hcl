# Apply test against a Campaign instance or the project's emulator (make
# test runs it against an emulator). The provider reads the instance from the
# environment: CAMPAIGN_ENDPOINT, CAMPAIGN_CA_CERTIFICATE (PEM or file path),
# CAMPAIGN_LOGIN and CAMPAIGN_PASSWORD (or CAMPAIGN_ACCESS_TOKEN).
#   terraform test -filter=tests/emulator.tftest.hcl
provider "campaign" {
  alias = "instance"
}

variables {
  client_id        = "Campaign1-Test"
  client_secret    = "module-test-secret"
  callback_server  = "https://acme-mkt-test.campaign.example.com"
  ims_org_id       = "0123456789ABCDEF01234567@AdobeOrg"
  tenant           = "acme"
  product_profiles = ["Campaign - acme - admin"]
  operator_groups = {
    testers = { label = "Testers", description = "Module test", named_rights = ["report"] }
  }
  # Set in every run, plan and apply alike: Terraform 1.11's test command
  # gives an ephemeral variable left to its default to the apply only, and
  # refuses the run ("was not set during the plan phase").
  technical_operator_secrets = {}
}

run "apply_on_the_instance" {
  providers = { campaign.instance = campaign.instance }

  assert {
    condition     = output.account_id > 0
    error_message = "Campaign did not give the account an id"
  }
  assert {
    condition     = campaign_ims_external_account.this.matching_mask == "Campaign - acme - (.*)" && campaign_ims_external_account.this.callback_server == var.callback_server
    error_message = "what Campaign stored is not what the module wrote"
  }
  assert {
    condition     = output.group_mapping["Campaign - acme - admin"] == "admin"
    error_message = "the group mapping preview is wrong after apply"
  }
  assert {
    condition     = output.product_profiles["testers"] == "Campaign - acme - testers" && campaign_operator_group.this["testers"].named_rights == toset(["report"])
    error_message = "the managed group or its product profile is wrong after apply"
  }
}
