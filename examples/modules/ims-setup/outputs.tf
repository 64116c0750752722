output "account_id" {
  description = "Campaign @id of the external account."
  value       = campaign_ims_external_account.this.account_id
}

output "matching_mask" {
  description = "The association mask written to the account."
  value       = campaign_ims_external_account.this.matching_mask
}

output "group_mapping" {
  description = "For each given product profile, the Campaign operator group it maps to (null: not mapped)."
  value       = local.group_mapping
}

output "product_profiles" {
  description = "For each managed operator group, the exact name of the product profile to create in the Adobe Admin Console so that the association mask maps it to the group."
  value       = local.product_profiles
}

output "missing_product_profiles" {
  description = "Product profiles of the managed operator groups that the Admin Console lacks: create them, with these exact names. Null when admin_console_profiles is null (not checked)."
  value       = local.missing_product_profiles
}

output "technical_operators" {
  description = "For each technical operator: its login (the technical account's email), the groups Campaign gave it, and the product profiles its credential's Developer Console project holds for them (the exact names the mask maps to those groups)."
  value = {
    for key, op in campaign_technical_operator.this : key => {
      login            = op.login
      groups           = op.groups
      product_profiles = [for g in op.groups : provider::campaign::ims_product_profile(campaign_ims_external_account.this.matching_mask, g)]
    }
  }
}

output "expected_logins" {
  description = "For each expected login: whether Campaign admits it, with which groups, whether it opens the Control Panel, and why not (null: expected_logins not checked)."
  value = var.admin_console_users == null ? null : {
    for email, login in data.campaign_ims_login.expected : email => {
      admitted      = login.admitted
      groups        = login.groups
      control_panel = login.control_panel
      reason        = login.reason
    }
  }
}
