import {
  to = campaign_ims_external_account.this
  id = "Adobe_Marketing_Cloud"
}
