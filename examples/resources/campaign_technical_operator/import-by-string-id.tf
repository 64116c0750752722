import {
  to = campaign_technical_operator.crm_sync
  id = "3A7F4C2B9E1D8A6F5C3B2E1D@techacct.adobe.com"
}
