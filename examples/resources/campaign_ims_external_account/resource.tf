resource "campaign_ims_external_account" "this" {
  # name defaults to "Adobe_Marketing_Cloud", the internal name Campaign expects.
  label     = "Adobe Experience Cloud"
  ims_scope = ["openid", "AdobeID", "session", "read_organizations", "additional_info.projectedProductContext"]
  client_id = "Campaign1"

  # Terraform >= 1.11: the secret never reaches the plan or the state.
  # Bump the version to write a new secret.
  client_secret_wo         = var.ims_client_secret
  client_secret_wo_version = 1

  callback_server         = "https://acme-mkt-prod1.campaign.adobe.com"
  ims_org_id              = "0123456789ABCDEF01234567@AdobeOrg"
  matching_mask           = provider::campaign::ims_matching_mask("acme") # "Campaign - acme - (.*)"
  experience_cloud_server = "https://marketing.adobe.com"
  tenant                  = "acme"
}

variable "ims_client_secret" {
  type      = string
  sensitive = true
  ephemeral = true
}
