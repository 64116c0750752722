# The operator of an API integration: the technical account of the OAuth
# server-to-server credential of a Developer Console project given the
# product profile "Campaign - acme - integrations". Campaign creates the
# operator at the account's first API call, with the group "integrations";
# the provider makes that call when the operator does not exist yet.
variable "integration_client_secret" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "campaign_technical_operator" "crm_sync" {
  client_id                = "3f2a0c1e9b8d47a6a5c4b3d2e1f0a9b8"
  client_secret_wo         = var.integration_client_secret
  client_secret_wo_version = 1
  # Migration step 9: the rights the old native operator held outside its groups.
  named_rights = ["exportFile", "importFile"]
}

output "crm_sync_login" { # the technical account's email, …@techacct.adobe.com
  value = campaign_technical_operator.crm_sync.login
}
