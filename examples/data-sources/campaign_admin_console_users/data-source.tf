# Who holds which Campaign product profile, directly or through a user group.
# The organization's credential: an alias that holds admin_console only.
provider "campaign" {
  alias = "admin_console"
  admin_console = {
    org_id        = "0123456789ABCDEF01234567@AdobeOrg"
    client_id     = var.admin_console_client_id
    client_secret = var.admin_console_client_secret
  }
}

variable "admin_console_client_id" { type = string }
variable "admin_console_client_secret" {
  type      = string
  sensitive = true
}

data "campaign_admin_console_users" "support" {
  provider      = campaign.admin_console
  emails        = ["jdoe@acme.example", "ann@acme.example"]
  matching_mask = "Campaign - acme - (.*)" # only these profiles are read member by member
}
