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
