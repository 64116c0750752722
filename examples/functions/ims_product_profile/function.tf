# "Campaign - acme - reviewers": the Admin Console product profile that the
# mask maps to the Campaign operator group "reviewers". Create it there after
# the group exists in Campaign.
output "reviewers_profile" {
  value = provider::campaign::ims_product_profile("Campaign - acme - (.*)", "reviewers")
}
