# The operator groups the association mask can map product profiles to.
data "campaign_operator_groups" "all" {}

output "operator_groups" {
  value = data.campaign_operator_groups.all.labels
}
