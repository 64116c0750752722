# The import ID is the account's internal name.
terraform import campaign_ims_external_account.this Adobe_Marketing_Cloud
