# The import ID is the group's internal name (built-in groups included).
terraform import campaign_operator_group.reviewers reviewers
