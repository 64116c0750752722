terraform {
  required_providers {
    campaign = {
      source = "acc-terraform/campaign"
    }
  }
}

# Campaign v7 (or a v8 technical operator): login + password.
provider "campaign" {
  endpoint = "https://acme-mkt-dev1.campaign.adobe.com"
  login    = "tf-operator"
  password = var.campaign_password # or CAMPAIGN_PASSWORD
}

# Campaign v8: OAuth server-to-server credentials of an Adobe Developer
# Console project; the provider fetches and renews the IMS token itself.
provider "campaign" {
  alias    = "v8"
  endpoint = "https://acme-mkt-prod1.campaign.adobe.com"
  ims = {
    client_id     = var.ims_client_id
    client_secret = var.ims_client_secret # or CAMPAIGN_IMS_CLIENT_SECRET
    scopes        = ["AdobeID", "openid", "ims_org"]
  }
}

variable "campaign_password" {
  type      = string
  sensitive = true
}

variable "ims_client_id" {
  type = string
}

variable "ims_client_secret" {
  type      = string
  sensitive = true
}
