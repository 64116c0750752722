# An operator group that Adobe ID logins map to through the association mask:
# the Admin Console product profile "Campaign - acme - reviewers" (see
# provider::campaign::ims_product_profile) gives its members these rights.
resource "campaign_operator_group" "reviewers" {
  name         = "reviewers"
  label        = "Delivery reviewers"
  description  = "Review and start deliveries, read reports"
  named_rights = ["report", "startDelivery"]
}
