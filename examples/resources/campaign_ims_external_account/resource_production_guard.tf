# Production: Terraform >= 1.16 and OpenTofu >= 1.12 can refuse to delete the
# account whatever the command. `terraform destroy` (or a replacement) then
# only stops managing it: the account, and every Adobe ID login that depends
# on it, stays in Campaign (OpenTofu's destroy then exits 1 to say it left
# the account behind). prevent_destroy fails the plan instead.
resource "campaign_ims_external_account" "prod" {
  client_id                = "Campaign1"
  client_secret_wo         = var.ims_client_secret
  client_secret_wo_version = 1
  callback_server          = "https://acme-mkt-prod1.campaign.adobe.com"
  ims_org_id               = "0123456789ABCDEF01234567@AdobeOrg"
  matching_mask            = provider::campaign::ims_matching_mask("acme")
  experience_cloud_server  = "https://marketing.adobe.com"
  tenant                   = "acme"

  lifecycle {
    destroy = false
  }
}
