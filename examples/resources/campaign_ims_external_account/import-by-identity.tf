# Terraform >= 1.12: import by resource identity, the account's internal name.
import {
  to = campaign_ims_external_account.this
  identity = {
    name = "Adobe_Marketing_Cloud"
  }
}
