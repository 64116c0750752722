# Terraform >= 1.12 (or OpenTofu >= 1.12): import by resource identity, the operator's login.
import {
  to = campaign_technical_operator.crm_sync
  identity = {
    login = "3A7F4C2B9E1D8A6F5C3B2E1D@techacct.adobe.com"
  }
}
