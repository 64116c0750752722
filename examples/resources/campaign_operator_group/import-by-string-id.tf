import {
  to = campaign_operator_group.reviewers
  id = "reviewers"
}
