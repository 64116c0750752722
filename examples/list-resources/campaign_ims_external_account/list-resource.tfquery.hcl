# Every Adobe Experience Cloud account of the instance (Terraform >= 1.14):
#   terraform query -generate-config-out=generated.tf
list "campaign_ims_external_account" "all" {
  provider         = campaign
  include_resource = true
}
