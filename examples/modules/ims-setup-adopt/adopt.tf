# ims-setup (the three files linked here, unchanged) plus import blocks:
# the instance's existing package, account and operator groups are adopted
# by the first plan instead of created, one module call per environment.
# Import blocks inside a module need Terraform >= 1.16; on older CLIs and
# OpenTofu, adopt at the root (docs/guides/adopting-existing-instances.md).
terraform {
  required_version = ">= 1.16"
}

variable "adopt" {
  description = "What the instance already has, adopted by the next plan instead of created: account is the internal name of its Adobe Experience Cloud external account (e.g. Adobe_Marketing_Cloud), package adopts the installed integration package, operator_groups are keys of operator_groups whose group exists. Importing what is already in the state changes nothing, so the input can stay after the adoption."
  type = object({
    account         = optional(string)
    package         = optional(bool, false)
    operator_groups = optional(set(string), [])
  })
  default  = {}
  nullable = false
  validation {
    condition     = alltrue([for g in var.adopt.operator_groups : contains(keys(var.operator_groups), g)])
    error_message = "adopt.operator_groups names groups that operator_groups does not manage: ${join(", ", sort([for g in var.adopt.operator_groups : g if !contains(keys(var.operator_groups), g)]))}. Add them to operator_groups (each adopted group is managed from then on)."
  }
}

import {
  for_each = var.adopt.package ? toset([var.package_name]) : toset([])
  to       = campaign_package.experience_cloud
  id       = each.value
  provider = campaign.instance
}

import {
  for_each = var.adopt.account == null ? toset([]) : toset([var.adopt.account])
  to       = campaign_ims_external_account.this
  id       = each.value
  provider = campaign.instance
}

import {
  for_each = var.adopt.operator_groups
  to       = campaign_operator_group.this[each.value]
  id       = each.value
  provider = campaign.instance
}
