# One Campaign instance's Adobe ID (IMS) connection: the integration package,
# the Adobe Experience Cloud external account, and the operator groups its
# association mask maps Admin Console product profiles to.
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

# The third step of the setup: the operator groups, created after the account
# (Campaign's docs: create the group in Campaign first, then the product
# profile in the Admin Console; the product_profiles output gives its name).
resource "campaign_operator_group" "this" {
  for_each   = var.operator_groups
  provider   = campaign.instance
  depends_on = [campaign_ims_external_account.this]

  name          = each.key
  label         = each.value.label
  description   = each.value.description
  named_rights  = each.value.named_rights
  force_destroy = var.force_destroy_groups
}

# The association mask maps each Admin Console product profile to the Campaign
# operator group its capture names. A profile whose group does not exist fails
# at Adobe ID login ("Login does not have any right matching the expression"):
# this check warns at plan, before anyone logs in. One query per instance, only
# when product profiles are given.
data "campaign_operator_groups" "all" {
  count    = length(var.product_profiles) > 0 ? 1 : 0
  provider = campaign.instance
}

locals {
  group_mapping = {
    for profile in var.product_profiles :
    profile => provider::campaign::ims_group_name(campaign_ims_external_account.this.matching_mask, profile)
  }
  existing_groups = concat(flatten(data.campaign_operator_groups.all[*].names), keys(var.operator_groups))
  product_profiles = {
    for name, group in campaign_operator_group.this :
    name => provider::campaign::ims_product_profile(campaign_ims_external_account.this.matching_mask, group.name)
  }
  # Campaign gives any product profile whose name contains "admin" access to
  # the Campaign Control Panel, whatever the group's rights.
  control_panel_profiles = [
    for name, profile in local.product_profiles : "${profile} (group ${name})" if name != "admin" && strcontains(lower(profile), "admin")
  ]
  mapped_profiles = { for profile, group in local.group_mapping : profile => group if group != null }
  profiles_without_group = [
    for profile, group in local.mapped_profiles : "${profile} -> ${group}" if !contains(local.existing_groups, group)
  ]
}

check "product_profiles_have_groups" {
  assert {
    condition     = length(local.profiles_without_group) == 0
    error_message = "These product profiles map to no operator group of the instance, so Adobe ID login fails for their users with \"Login does not have any right matching the expression\": ${join(", ", local.profiles_without_group)}. Create the groups in Campaign (Administration > Access management > Operator groups), or fix the association mask."
  }
}

check "product_profiles_without_control_panel_access" {
  assert {
    condition     = length(local.control_panel_profiles) == 0
    error_message = "These product profiles have \"admin\" in their name, so Campaign gives their users access to the Campaign Control Panel, whatever the rights of their group: ${join(", ", local.control_panel_profiles)}. Rename the group (or the tenant of the mask) unless its members should administer the instance."
  }
}
