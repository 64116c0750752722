# The organization's Admin Console, through an alias that holds only
# admin_console: one listing serves every environment.
provider "campaign" {
  alias = "admin_console"
  admin_console = {
    org_id        = "0123456789ABCDEF01234567@AdobeOrg"
    client_id     = "0123456789abcdef0123456789abcdef"
    client_secret = var.admin_console_client_secret
  }
}

variable "admin_console_client_secret" {
  type      = string
  sensitive = true
  ephemeral = true
}

data "campaign_product_profiles" "acme" {
  provider      = campaign.admin_console
  matching_mask = "Campaign - acme - (.*)"
}

# The operator group each Campaign product profile maps to.
output "profile_groups" {
  value = data.campaign_product_profiles.acme.checked ? {
    for p in data.campaign_product_profiles.acme.profiles : p.name => p.operator_group if p.operator_group != null
  } : null
}
