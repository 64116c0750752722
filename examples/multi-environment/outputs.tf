output "account_ids" {
  description = "Campaign @id of the external account, per environment."
  value = {
    dev   = module.dev.account_id
    stage = module.stage.account_id
    prod  = module.prod.account_id
  }
}

output "prod_group_mapping" {
  description = "Product profile -> Campaign operator group on prod (null: not mapped)."
  value       = module.prod.group_mapping
}
