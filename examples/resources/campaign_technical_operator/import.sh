# The import ID is the operator's login: the technical account's email.
terraform import campaign_technical_operator.crm_sync 3A7F4C2B9E1D8A6F5C3B2E1D@techacct.adobe.com
