data "campaign_ims_external_account" "current" {
  name = "Adobe_Marketing_Cloud"
}

output "current_mask" {
  value = data.campaign_ims_external_account.current.matching_mask
}
