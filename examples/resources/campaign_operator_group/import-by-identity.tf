# Terraform >= 1.12 (or OpenTofu >= 1.12): import by resource identity, the group's internal name.
import {
  to = campaign_operator_group.reviewers
  identity = {
    name = "reviewers"
  }
}
