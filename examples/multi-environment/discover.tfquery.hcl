# `terraform query` (Terraform >= 1.14) lists what already exists on each
# instance: every Adobe Experience Cloud account (more than one per instance
# breaks Adobe ID login) and the installed packages. Add
# `-generate-config-out=generated.tf` to get import blocks and configuration.
list "campaign_ims_external_account" "dev" {
  provider         = campaign.dev
  include_resource = true
}

list "campaign_ims_external_account" "stage" {
  provider         = campaign.stage
  include_resource = true
}

list "campaign_ims_external_account" "prod" {
  provider         = campaign.prod
  include_resource = true
}

list "campaign_package" "prod" {
  provider = campaign.prod
}
