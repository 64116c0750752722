# "Campaign - acme\\.eu - (.*)": the tenant is escaped, so it matches itself only.
output "mask" {
  value = provider::campaign::ims_matching_mask("acme.eu")
}
