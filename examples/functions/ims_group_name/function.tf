# "admins": the Campaign operator group a product profile maps to.
output "group" {
  value = provider::campaign::ims_group_name("Campaign - acme - (.*)", "Campaign - acme - admins")
}

# null: the profile does not match the mask.
output "unmapped" {
  value = provider::campaign::ims_group_name("Campaign - acme - (.*)", "Analytics - acme - admins")
}
