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
# when product profiles are given (by name, or the organization's own).
data "campaign_operator_groups" "all" {
  count    = length(var.product_profiles) > 0 || var.admin_console_profiles != null ? 1 : 0
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
  # Campaign gives any product profile or named right whose name contains
  # "admin" (any case) access to the Campaign Control Panel, whatever the
  # group's other rights.
  control_panel_profiles = concat(
    [for name, profile in local.product_profiles : "${profile} (group ${name})" if name != "admin" && strcontains(lower(profile), "admin")],
    flatten([
      for name, group in var.operator_groups : [
        for right in coalesce(group.named_rights, []) : "named right ${right} (group ${name})" if name != "admin" && strcontains(lower(right), "admin")
      ]
    ])
  )
  mapped_profiles = { for profile, group in local.group_mapping : profile => group if group != null }
  profiles_without_group = [
    for profile, group in local.mapped_profiles : "${profile} -> ${group}" if !contains(local.existing_groups, group)
  ]

  # Adobe's half, from campaign_product_profiles (null: not given, or the
  # Admin Console could not be read; then nothing here is checked).
  admin_console_checked = var.admin_console_profiles != null
  # Profile name => its most members (-1: not given). Profiles of different
  # products may share a name: they are grouped, never a duplicate key.
  org_profile_members = {
    for name, counts in { for p in coalesce(var.admin_console_profiles, []) : p.name => p.member_count... } :
    name => max(concat([for c in counts : c if c != null], [-1])...)
  }
  missing_profiles = [
    for name, profile in local.product_profiles : profile if local.admin_console_checked && !contains(keys(local.org_profile_members), profile)
  ]
  missing_product_profiles = local.admin_console_checked ? local.missing_profiles : null
  empty_product_profiles = [
    for name, profile in local.product_profiles : profile if lookup(local.org_profile_members, profile, -1) == 0
  ]
  # The organization's profiles that this instance's mask maps: each capture
  # must name an operator group of the instance.
  org_mapping = {
    for name in keys(local.org_profile_members) :
    name => provider::campaign::ims_group_name(campaign_ims_external_account.this.matching_mask, name)
  }
  org_mapped = { for profile, group in local.org_mapping : profile => group if group != null }
  org_profiles_without_group = [
    for profile, group in local.org_mapped : "${profile} -> ${group}" if !contains(local.existing_groups, group)
  ]
  # How Campaign compares case is not documented: a profile that differs from
  # a managed group's only in case may or may not map to it.
  managed_by_lower = { for g in keys(var.operator_groups) : lower(g) => g... }
  org_profiles_case_only = [
    for profile, group in local.org_mapped : "${profile} -> ${group} (managed: ${join(", ", lookup(local.managed_by_lower, lower(group), []))})"
    if !contains(keys(var.operator_groups), group) && contains(keys(local.managed_by_lower), lower(group))
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

check "admin_console_has_product_profiles" {
  assert {
    condition     = length(local.missing_profiles) == 0
    error_message = "The Admin Console of ${var.ims_org_id} has no product profile for these managed operator groups, so no Adobe ID login can reach them: ${join(", ", local.missing_profiles)}. Create each profile with exactly this name in the Admin Console (Products > Adobe Campaign > the instance > New profile) and add the users; no API can create product profiles."
  }
}

check "admin_console_product_profiles_have_members" {
  assert {
    condition     = length(local.empty_product_profiles) == 0
    error_message = "These product profiles of managed operator groups have no member in the Admin Console of ${var.ims_org_id}, so nobody gets the groups at Adobe ID login: ${join(", ", local.empty_product_profiles)}. Add the users (or a user group) to each profile in the Admin Console."
  }
}

check "admin_console_profiles_name_existing_groups" {
  assert {
    condition     = length(local.org_profiles_without_group) == 0
    error_message = "These product profiles of the Admin Console match this instance's association mask, but their capture names no operator group on the instance, so their users are refused at Adobe ID login (\"Login does not have any right matching the expression\") unless the capture names a named right: ${join(", ", local.org_profiles_without_group)}. Create the group in Campaign, add it to operator_groups, or rename the profile."
  }
}

check "admin_console_profiles_differ_only_in_case" {
  assert {
    condition     = length(local.org_profiles_case_only) == 0
    error_message = "These Admin Console product profiles name a managed operator group in another case: ${join(", ", local.org_profiles_case_only)}. Whether Campaign compares the mask and group names ignoring case is not documented (the provider and the emulator match exactly): rename the profile to the group's exact internal name."
  }
}

# The API integrations: each technical account's operator, created by
# Campaign at the account's first call (made here when it does not exist
# yet), with the groups its product profiles map to, after the groups exist.
resource "campaign_technical_operator" "this" {
  for_each   = var.technical_operators
  provider   = campaign.instance
  depends_on = [campaign_operator_group.this]

  client_id                = each.value.client_id
  client_secret_wo         = lookup(var.technical_operator_secrets, each.key, null)
  client_secret_wo_version = each.value.client_secret_version
  token_url                = each.value.token_url
  scopes                   = each.value.scopes
  named_rights             = each.value.named_rights
}

# Expected logins: what Campaign would do at each user's Adobe ID login,
# from their Admin Console profiles, after this module's groups exist.
locals {
  users_by_email = { for u in coalesce(var.admin_console_users, []) : lower(u.email) => u }
  expected       = var.admin_console_users == null ? {} : var.expected_logins
}

data "campaign_ims_login" "expected" {
  for_each   = local.expected
  provider   = campaign.instance
  depends_on = [campaign_ims_external_account.this, campaign_operator_group.this]

  login            = each.key
  product_profiles = try(local.users_by_email[lower(each.key)].product_profiles, [])
}

locals {
  unexpected_logins = [
    for email, want in local.expected : format("%s: %s", email,
      !try(local.users_by_email[lower(email)].found, false) ? "not a user of the organization ${var.ims_org_id}" :
      !data.campaign_ims_login.expected[email].admitted ? data.campaign_ims_login.expected[email].reason :
      "gets the groups ${join(", ", sort(tolist(data.campaign_ims_login.expected[email].groups)))}, expected ${join(", ", sort(tolist(want)))}"
    )
    if !try(local.users_by_email[lower(email)].found, false) || !data.campaign_ims_login.expected[email].admitted ||
    toset(data.campaign_ims_login.expected[email].groups) != toset(want)
  ]
}

check "expected_logins" {
  assert {
    condition     = length(local.unexpected_logins) == 0
    error_message = "These users would not log in as expected: ${join("; ", local.unexpected_logins)}."
  }
}
