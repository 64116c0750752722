# One Campaign instance's Adobe ID (IMS) connection: the integration package
# and the Adobe Experience Cloud external account.
terraform {
  required_version = ">= 1.11"
  required_providers {
    campaign = {
      source                = "acc-terraform/campaign"
      configuration_aliases = [campaign.instance]
    }
  }
}

resource "campaign_package" "experience_cloud" {
  provider = campaign.instance
  name     = var.package_name
}

resource "campaign_ims_external_account" "this" {
  provider   = campaign.instance
  depends_on = [campaign_package.experience_cloud]

  label                    = var.label
  ims_scope                = var.ims_scope
  client_id                = var.client_id
  client_secret_wo         = var.client_secret
  client_secret_wo_version = var.client_secret_version
  callback_server          = var.callback_server
  ims_org_id               = var.ims_org_id
  matching_mask            = provider::campaign::ims_matching_mask(var.tenant)
  experience_cloud_server  = var.experience_cloud_server
  tenant                   = var.tenant
}
